using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Toml;

namespace DjangoPreflight.Analysis.Dependencies;

/// <summary>Reads a project file as TOML; a malformed file is reported as a parse error and skipped.</summary>
internal static class TomlFile
{
    public static TomlTable? Read(string path, ProjectFiles files, ProjectDiagnostics diagnostics)
    {
        if (files.ReadText(path) is not { } text) return null;
        try
        {
            return TomlReader.Parse(text);
        }
        catch (TomlException e)
        {
            diagnostics.ParseError(path, e.Line, $"TOML: {e.Message}");
            return null;
        }
    }
}
