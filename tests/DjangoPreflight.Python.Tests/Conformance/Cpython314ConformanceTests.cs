using Xunit.Abstractions;

namespace DjangoPreflight.Python.Tests.Conformance;

/// <summary>
/// Syntax that only Python 3.14 accepts (PEP 758 `except A, B:`, PEP 750 t-strings), compared with
/// the real CPython 3.14 that scripts/install-cpython314 installs (from Debian unstable): the same
/// node kinds, fields, values and positions, and the same files rejected.
/// </summary>
public sealed class Cpython314ConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Python314OnlyFixturesMatchCpython314()
    {
        Assert.True(File.Exists(CpythonReference.Python314), $"{CpythonReference.Python314} is missing: run scripts/install-cpython314 (scripts/test does)");
        string root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "conformance");
        var valid = Directory.GetFiles(Path.Combine(root, "valid314"), "*.py").Order(StringComparer.Ordinal).ToList();
        var invalid = Directory.GetFiles(Path.Combine(root, "invalid314"), "*.py").Order(StringComparer.Ordinal).ToList();
        var files = valid.Concat(invalid).ToList();
        var reference = CpythonReference.Dump(files, CpythonReference.Python314);
        var outcome = DumpComparer.Compare(files, reference);
        foreach (var m in outcome.Mismatches) output.WriteLine(m);
        Assert.Empty(outcome.Mismatches);
        Assert.All(valid, f => Assert.False(reference[f].StartsWith("ERR", StringComparison.Ordinal), f));
        Assert.All(invalid, f => Assert.StartsWith("ERR", reference[f]));
        Assert.Equal(invalid.Count, outcome.RejectedByBoth);
        Assert.True(valid.Count >= 2 && invalid.Count >= 6);
    }

    [Fact]
    public void The_3_11_fixtures_parse_the_same_under_3_14()
    {
        // 3.14 changed nothing those files use but f-string part positions (3.12's PEP 701), which
        // this parser keeps at 3.11's: files without f-strings must still match exactly.
        string root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "conformance", "valid");
        var files = Directory.GetFiles(root, "*.py").Where(f => !File.ReadAllText(f).Contains("f\"", StringComparison.Ordinal)
            && !File.ReadAllText(f).Contains("f'", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var outcome = DumpComparer.Compare(files, CpythonReference.Dump(files, CpythonReference.Python314));
        foreach (var m in outcome.Mismatches) output.WriteLine(m);
        Assert.True(files.Count >= 8, $"only {files.Count} fixtures without f-strings");
        Assert.Empty(outcome.Mismatches);
    }
}
