using System.Collections.Concurrent;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Python;

namespace DjangoPreflight.Analysis.Code;

/// <summary>The project's Python files, each parsed at most once per scan. Syntax errors go to the
/// report's parse errors; the partial tree the parser recovered is still used.</summary>
public sealed class PythonSources
{
    private readonly ProjectFiles _files;
    private readonly ProjectDiagnostics _diagnostics;
    private readonly ConcurrentDictionary<string, Lazy<ParseResult?>> _parsed = new(StringComparer.Ordinal);

    public PythonSources(ProjectFiles files, ProjectDiagnostics diagnostics)
    {
        _files = files;
        _diagnostics = diagnostics;
    }

    /// <summary>The parse of a project file, or null when it cannot be read.</summary>
    public ParseResult? Get(string path) =>
        _parsed.GetOrAdd(path, p => new Lazy<ParseResult?>(() => Parse(p))).Value;

    /// <summary>Files whose code can define views and URL patterns: every .py file except
    /// migrations and tests, which Django never serves.</summary>
    public IEnumerable<string> ApplicationFiles() =>
        _files.WithExtension(".py").Where(p => !IsMigrationOrTest(p));

    public static bool IsMigrationOrTest(string path)
    {
        var parts = path.Split('/');
        var name = parts[^1];
        return parts.Any(d => d is "migrations" or "tests" or "test")
            || name.StartsWith("test_", StringComparison.Ordinal) || name is "tests.py" or "conftest.py";
    }

    private ParseResult? Parse(string path)
    {
        if (_files.ReadBytes(path) is not { } bytes) return null;
        var result = PythonParser.Parse(bytes, path);
        foreach (var d in result.Diagnostics.Take(1))
            _diagnostics.ParseError(path, d.Line, d.Message);
        return result;
    }
}
