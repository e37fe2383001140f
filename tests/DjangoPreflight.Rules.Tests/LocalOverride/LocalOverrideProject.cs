using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Rules.Tests.LocalOverride;

/// <summary>
/// One of the projects under Fixtures/LocalOverride, copied to a temporary git repository: each ends its
/// settings by loading a local file the repository does not hold (local_settings.py, override_settings.py;
/// git ignores most, one is simply never committed), inside a try that tolerates its absence. The fixture's <c>dot-gitignore</c>
/// becomes the .gitignore (kept under another name so that it does not act on this repository).
/// </summary>
internal sealed class LocalOverrideProject : IDisposable
{
    private readonly TempDirectory _dir = new("dp-override");

    public LocalOverrideProject(string name)
    {
        var source = Path.Combine(RepoPaths.Root, "tests", "DjangoPreflight.Rules.Tests", "Fixtures", "LocalOverride", name);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            _dir.Write(relative == "dot-gitignore" ? ".gitignore" : relative, File.ReadAllText(file));
        }
        GitSandbox.RunGit(Root, ["init", "-q"]);
    }

    public string Root => _dir.Path;

    /// <summary>Appends to the settings module, for the near misses that must still fire.</summary>
    public void AppendToSettings(string text) => File.AppendAllText(SettingsPath, text);

    /// <summary>Replaces one line's text in the settings module (before the local file is loaded).</summary>
    public void ReplaceInSettings(string old, string replacement)
    {
        var text = File.ReadAllText(SettingsPath);
        Assert.Contains(old, text, StringComparison.Ordinal);
        File.WriteAllText(SettingsPath, text.Replace(old, replacement, StringComparison.Ordinal));
    }

    private string SettingsPath => Path.Combine(Root, "site_app", "settings.py");

    /// <summary>The findings of the given rules: "RULE path:line confidence: message".</summary>
    public List<string> Findings(params string[] rules) =>
        Scan(rules).Findings.Select(f => $"{f.RuleId} {f.Location} {f.Confidence}: {f.Message}").ToList();

    /// <summary>The scan with the given rules only.</summary>
    public ScanReport Scan(params string[] rules)
    {
        var context = new ProjectContext(Root, new ScanOptions { NoHistory = true });
        return ProjectScanner.Scan(context, ProjectRuleSet.All.Where(r => rules.Contains(r.Descriptor.Id)), "LocalOverride");
    }

    public void Dispose() => _dir.Dispose();
}
