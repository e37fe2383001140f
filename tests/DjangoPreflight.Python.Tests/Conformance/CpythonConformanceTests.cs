using Xunit.Abstractions;

namespace DjangoPreflight.Python.Tests.Conformance;

/// <summary>
/// Differential test against the real CPython 3.11: every .py file of the installed standard
/// library (Debian ships only ~670, so /usr/lib/python3/dist-packages is added to exceed 1,500)
/// must produce the same node kinds, fields, values and positions; files CPython rejects must be
/// rejected too, except where Python 3.14 (which the parser follows) accepts what 3.11 rejected.
/// 3.12/3.13-only syntax is covered by NewSyntaxTests with pinned dumps, 3.14 by Cpython314ConformanceTests.
/// </summary>
public sealed class CpythonConformanceTests(ITestOutputHelper output)
{
    private static readonly string[] Roots = ["/usr/lib/python3.11", "/usr/lib/python3/dist-packages"];

    [Fact]
    public void EveryInstalledStdlibAndDistPackagesFileMatchesCpython()
    {
        var files = Roots.SelectMany(PythonFilesUnder).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        int stdlib = files.Count(f => f.StartsWith("/usr/lib/python3.11/", StringComparison.Ordinal));
        var outcome = DumpComparer.Compare(files, CpythonReference.Dump(files));
        output.WriteLine($"stdlib files: {stdlib}, dist-packages files: {files.Count - stdlib}");
        output.WriteLine($"compared {outcome.Compared} files, matched {outcome.Matched} (rejected by both: {outcome.RejectedByBoth})");
        foreach (var m in outcome.Mismatches.Take(50)) output.WriteLine(m);
        Assert.True(stdlib > 600, $"expected the Debian stdlib under /usr/lib/python3.11, found {stdlib} files");
        Assert.True(outcome.Compared > 1500, $"only {outcome.Compared} files compared");
        Assert.Empty(outcome.Mismatches);
        Assert.Equal(outcome.Compared, outcome.Matched);
    }

    [Fact]
    public void HandWrittenFixturesMatchCpython()
    {
        string root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "conformance");
        var valid = Directory.GetFiles(Path.Combine(root, "valid"), "*.py").Order(StringComparer.Ordinal).ToList();
        var invalid = Directory.GetFiles(Path.Combine(root, "invalid"), "*.py").Order(StringComparer.Ordinal).ToList();
        var files = valid.Concat(invalid).ToList();
        var reference = CpythonReference.Dump(files);
        var outcome = DumpComparer.Compare(files, reference);
        foreach (var m in outcome.Mismatches) output.WriteLine(m);
        Assert.Empty(outcome.Mismatches);
        // The fixtures are meant as accepted/rejected pairs: check CPython agrees with their folder.
        Assert.All(valid, f => Assert.False(reference[f].StartsWith("ERR", StringComparison.Ordinal), f));
        Assert.All(invalid, f => Assert.StartsWith("ERR", reference[f]));
        Assert.Equal(invalid.Count, outcome.RejectedByBoth);
        // except_comma.py moved to valid314: Python 3.14 accepts `except A, B:` (PEP 758), and so does the parser.
        Assert.True(valid.Count >= 14 && invalid.Count >= 38);
    }

    private static IEnumerable<string> PythonFilesUnder(string root)
    {
        if (!Directory.Exists(root)) return [];
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        return Directory.EnumerateFiles(root, "*.py", options)
            .Where(f => root.EndsWith("dist-packages", StringComparison.Ordinal)
                || !(f.Contains("/site-packages/", StringComparison.Ordinal) || f.Contains("/dist-packages/", StringComparison.Ordinal)));
    }
}
