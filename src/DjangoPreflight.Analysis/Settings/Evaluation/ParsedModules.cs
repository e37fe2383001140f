using System.Collections.Concurrent;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Python;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>Parses each project file once for all evaluation runs; syntax errors go to the project's diagnostics.</summary>
internal sealed class ParsedModules
{
    private readonly ProjectFiles _files;
    private readonly ProjectDiagnostics _diagnostics;
    private readonly ConcurrentDictionary<string, ParseResult?> _cache = new(StringComparer.Ordinal);

    public ParsedModules(ProjectFiles files, ProjectDiagnostics diagnostics)
    {
        _files = files;
        _diagnostics = diagnostics;
    }

    public ParseResult? Get(string path) => _cache.GetOrAdd(path, Load);

    private ParseResult? Load(string path)
    {
        var bytes = _files.ReadBytes(path);
        if (bytes is null)
        {
            _diagnostics.Notice($"{path}: settings module could not be read");
            return null;
        }
        var result = PythonParser.Parse(bytes, path);
        foreach (var d in result.Diagnostics.Take(5))
            _diagnostics.ParseError(path, d.Line, d.Message);
        return result;
    }
}
