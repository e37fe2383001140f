using System.Collections.Immutable;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>The deployment fixtures (real files under Fixtures/Deployment) and settings models
/// built the way the evaluator reports them, for rules that read both.</summary>
internal static class DeploymentFixtures
{
    public const string SettingsPath = "shop/settings/production.py";

    public static string RepoRoot { get; } = FindRoot();

    public static string Dir(string name) =>
        Path.Combine(RepoRoot, "tests", "DjangoPreflight.Rules.Tests", "Fixtures", "Deployment", name);

    public static ProjectContext Project(string name) => new(Dir(name), new ScanOptions());

    /// <summary>A production settings module whose settings are assigned on the given lines of
    /// <see cref="SettingsPath"/>.</summary>
    public static SettingsModel Settings(params (string Name, PyValue Value, int Line)[] settings) =>
        new("shop.settings.production", SettingsPath,
            settings.ToDictionary(s => s.Name, s => new Setting(s.Name, s.Value, new SourceLocation(SettingsPath, s.Line), [], new Dictionary<string, PyValue>())),
            []);

    public static PyList List(params string[] items) => new(items.Select(i => (PyValue)new PyStr(i)).ToImmutableArray());

    public static PyTuple Tuple(params string[] items) => new(items.Select(i => (PyValue)new PyStr(i)).ToImmutableArray());

    /// <summary>Findings as "RULE path:line severity confidence | message", sorted, for exact comparison.</summary>
    public static List<string> Render(IEnumerable<Finding> findings) =>
        findings.Order(FindingOrder.Instance).Select(f => $"{f.RuleId} {f.Location} {f.Severity.ToString().ToLowerInvariant()} {f.Confidence.ToString().ToLowerInvariant()} | {f.Message}").ToList();

    /// <summary>Copies a fixture to a folder of the test's own, for a variant the test writes (never into the repository).</summary>
    public static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    /// <summary>A copy of fixture <paramref name="name"/> in the test's own folder with one edit to
    /// <paramref name="file"/>: <paramref name="from"/> (which must be there) becomes <paramref name="to"/>.</summary>
    public static ProjectContext Variant(TempDirectory dir, string name, string file, string from, string to)
    {
        var root = dir.CopyFrom(Dir(name), name);
        var path = Path.Combine(root, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
        return new ProjectContext(root, new ScanOptions());
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DjangoPreflight.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("DjangoPreflight.slnx not found above the test binaries");
    }
}
