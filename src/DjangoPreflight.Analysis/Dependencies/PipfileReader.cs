using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Toml;

namespace DjangoPreflight.Analysis.Dependencies;

/// <summary>Pipfile (TOML): [packages] and [dev-packages], written like Poetry's tables.</summary>
public static class PipfileReader
{
    public static IEnumerable<DeclaredDependency> Read(string path, ProjectFiles files, ProjectDiagnostics diagnostics)
    {
        if (TomlFile.Read(path, files, diagnostics) is not { } doc) return [];
        return new[] { "packages", "dev-packages" }
            .Select(name => doc.Table(name)).OfType<TomlTable>()
            .SelectMany(t => PyprojectReader.PoetryStyle(t, path)).ToList();
    }
}
