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
    private readonly Lazy<IReadOnlyList<ApplicationCode>> _application;
    private readonly NewerPythonSyntax _newer;
    private readonly ScanBudget? _budget;

    public PythonSources(ProjectFiles files, ProjectDiagnostics diagnostics, ScanBudget? budget = null)
    {
        _files = files;
        _budget = budget;
        _diagnostics = diagnostics;
        _newer = new NewerPythonSyntax(files);
        _application = new(ExtractApplicationFiles);
    }

    /// <summary>The parse of a project file, or null when it cannot be read.</summary>
    public ParseResult? Get(string path) =>
        _parsed.GetOrAdd(path, p => new Lazy<ParseResult?>(() => _files.ReadBytes(p) is { } bytes ? Parse(p, bytes, bytes.Length) : null)).Value;

    /// <summary>Files whose code can define views and URL patterns: every .py file except
    /// migrations and tests, which Django never serves.</summary>
    public IEnumerable<string> ApplicationFiles() =>
        _files.WithExtension(".py").Where(p => !IsMigrationOrTest(p));

    /// <summary>What every application file holds for the code facts, in path order. Parsing is most
    /// of a large scan's work, so the files are read and parsed on all cores, once for every fact that
    /// walks them; each tree is dropped once its extract is taken (unless <see cref="Get"/> cached it).</summary>
    public IReadOnlyList<ApplicationCode> ApplicationCode => _application.Value;

    private IReadOnlyList<ApplicationCode> ExtractApplicationFiles()
    {
        var paths = ApplicationFiles().ToArray();
        var results = new ApplicationCode?[paths.Length];
        if (_budget is not null) _budget.Phase = "parsing the project's Python files";
        Parallel.For(0, paths.Length, i =>
        {
            if (_budget is { Expired: true })
            {
                _budget.CutShort("files not read for views and URLs", paths[i]);
                return;
            }
            if (_parsed.TryGetValue(paths[i], out var cached))
            {
                if (cached.Value is { } kept) results[i] = Code.ApplicationCode.Extract(paths[i], kept);
                return;
            }
            // The extract copies what it keeps, so the tree and the pooled buffer it reads from are
            // both done with once it is taken.
            using var read = _files.ReadPooled(paths[i]);
            if (read is not null) results[i] = Code.ApplicationCode.Extract(paths[i], Parse(paths[i], read.Buffer, read.Length));
        });
        return results.OfType<ApplicationCode>().ToList();
    }

    public static bool IsMigrationOrTest(string path)
    {
        var parts = path.Split('/');
        var name = parts[^1];
        return parts.Any(d => d is "migrations" or "tests" or "test")
            || name.StartsWith("test_", StringComparison.Ordinal) || name is "tests.py" or "conftest.py";
    }

    private ParseResult Parse(string path, byte[] bytes, int length)
    {
        var result = PythonParser.Parse(bytes, length, path);
        foreach (var d in result.Diagnostics.Take(1))
        {
            // A file only a newer Python accepts is not the project's error: said as a notice.
            if (_newer.Explain(bytes, length, d.Line) is { } newer)
                _diagnostics.Notice($"{path}:{d.Line}: not read from here on: {newer}, which this parser (Python 3.14) does not know");
            else
                _diagnostics.ParseError(path, d.Line, d.Message);
        }
        return result;
    }
}
