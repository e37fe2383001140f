using System.Text.Json;
using DjangoPreflight.Core;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Robustness;

/// <summary>
/// #22: a settings file the evaluation cannot read (over the size bound, not a regular file,
/// closed to us) was audited as an empty module, that is as Django's defaults: "SECRET_KEY is
/// empty" (DP102, high) for a project that sets it. What such a file sets is unknown: a notice
/// names it, the settings are unresolved, and no finding rests on a default.
/// </summary>
public class UnreadSettingsTests
{
    private const string Settings = "DEBUG = False\nSECRET_KEY = 'k'\nALLOWED_HOSTS = ['shop.example']\n";

    /// <summary>h.settings is the module production runs (manage.py says so); <paramref name="module"/>
    /// is written at h/settings.py or, with <paramref name="viaStarImport"/>, at h/base.py, which
    /// h/settings.py star-imports.</summary>
    private static TempDirectory Project(bool viaStarImport)
    {
        var temp = new TempDirectory("dp-unread-settings");
        temp.Write("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'h.settings')\n");
        temp.Write("h/__init__.py", "");
        if (viaStarImport) temp.Write("h/settings.py", "from .base import *\n");
        return temp;
    }

    private static string Unread(bool viaStarImport) => viaStarImport ? "h/base.py" : "h/settings.py";

    public static TheoryData<string, bool> Shapes() => new()
    {
        { "over the size bound", false },
        { "over the size bound", true },
        { "a named pipe", false },
        { "a named pipe", true },
    };

    /// <summary>Makes the settings file unreadable in the way named.</summary>
    private static void Spoil(TempDirectory temp, string relative, string how)
    {
        var full = Path.Combine(temp.Path, relative);
        if (how == "over the size bound")
        {
            // Valid settings, then more than the 4 MiB bound of comment.
            File.WriteAllText(full, Settings + "#" + new string('x', 5 * 1024 * 1024) + "\n");
            return;
        }
        Assert.Equal(0, ProcessRunner.Run("mkfifo", [full]).ExitCode);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TheSettingsAreUnknownNotDjangosDefaults(string how, bool viaStarImport)
    {
        using var temp = Project(viaStarImport);
        var relative = Unread(viaStarImport);
        Spoil(temp, relative, how);

        var report = InProcessScan.Run(temp.Path, TimeSpan.FromSeconds(60));

        InProcessScan.AssertNoRuleFailed(report);
        Assert.Contains(report.Summary.Notices, n => n.StartsWith($"{relative}: skipped", StringComparison.Ordinal));
        Assert.Contains(report.Summary.Notices, n => n == $"{relative}: not evaluated: the file could not be read");
        Assert.Contains("SECRET_KEY", report.Summary.UnresolvedSettings);
        Assert.Contains("DEBUG", report.Summary.UnresolvedSettings);
        // Undecided (low confidence) findings may say the default would be wrong; none may state it.
        var fromDefaults = report.Findings.SelectMany(f => f.Constituents).Where(f => f.Setting is not null && f.Confidence != Confidence.Low).ToList();
        Assert.True(fromDefaults.Count == 0, $"{how}: findings on settings not read: {string.Join("; ", fromDefaults.Select(f => $"{f.RuleId} {f.Message}"))}");
    }

    [Fact]
    public void TheSameSettingsUnderTheBoundAreRead()
    {
        // Proves the test above can fail: read, these settings are known, and the same comment
        // (under the bound) changes nothing.
        using var temp = Project(viaStarImport: true);
        File.WriteAllText(Path.Combine(temp.Path, "h", "base.py"), Settings + "#" + new string('x', 1024 * 1024) + "\n");
        var report = InProcessScan.Run(temp.Path);
        Assert.DoesNotContain("SECRET_KEY", report.Summary.UnresolvedSettings);
        Assert.Contains(report.Findings.SelectMany(f => f.Constituents), f => f.RuleId == "DP102" && f.Confidence != Confidence.Low);
    }

    [Fact]
    public void TheSettingsCommandShowsThemUnknown()
    {
        using var temp = Project(viaStarImport: false);
        Spoil(temp, "h/settings.py", "over the size bound");
        var run = CliRun.InMemory("settings", temp.Path, "--format", "json");
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        using var json = JsonDocument.Parse(run.Stdout);
        var secretKey = json.RootElement.GetProperty("settings").GetProperty("SECRET_KEY");
        Assert.False(secretKey.GetProperty("known").GetBoolean());
        Assert.Contains("h/settings.py, which could not be read", secretKey.GetProperty("reason").GetString());
        Assert.False(json.RootElement.TryGetProperty("raises", out _), "an unread file is not known to raise");
    }

    [Fact]
    public void ASettingsFileClosedToUsIsUnknown()
    {
        // Root reads everything, so the binary runs as 'nobody' over a world-readable copy in which
        // the settings file is closed to it.
        using var temp = Project(viaStarImport: true);
        File.WriteAllText(Path.Combine(temp.Path, "h", "base.py"), Settings);
        ProcessRunner.Run("chmod", ["-R", "a+rX", temp.Path]);
        ProcessRunner.Run("chmod", ["000", Path.Combine(temp.Path, "h", "base.py")]);
        var result = ProcessRunner.Run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups",
            RepoPaths.CliBinary, "scan", temp.Path, "--no-history", "--format", "json"],
            environment: new Dictionary<string, string?> { ["HOME"] = "/tmp", ["DOTNET_CLI_HOME"] = "/tmp" });
        Assert.True(result.ExitCode is 0 or 1, $"exit {result.ExitCode}: {result.Stderr}");
        using var json = JsonDocument.Parse(result.Stdout);
        var summary = json.RootElement.GetProperty("summary");
        Assert.Contains(summary.GetProperty("notices").EnumerateArray(), n => n.GetString() == "h/base.py: not evaluated: the file could not be read");
        Assert.Contains(summary.GetProperty("unresolved_settings").EnumerateArray(), n => n.GetString() == "SECRET_KEY");
        Assert.DoesNotContain(json.RootElement.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("setting").GetString() == "SECRET_KEY" && f.GetProperty("confidence").GetString() != "low");
    }
}
