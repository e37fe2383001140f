using System.Text.Json;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Robustness;

/// <summary>
/// #22 item 3 beyond <c>scan</c>: <c>settings</c> and <c>baseline</c> read the same hostile project,
/// so they have the same <c>--timeout</c>, and the settings evaluation itself (not only the rules
/// after it) stops when the budget runs out, leaving what it did not evaluate unknown. No test
/// measures time: each budget is spent by construction (a microsecond is gone before the project is
/// walked; a budget ended once the settings module is found).
/// </summary>
public class CommandBudgetTests
{
    // A loop of 50,000 rounds: far more evaluation steps than the budget's clock is read at.
    private const string Settings = "import os\nSECRET_KEY = os.environ['SK']\nDEBUG = False\nN = 0\nfor i in range(50000):\n    N = N + i\nALLOWED_HOSTS = ['shop.example']\n";

    private static TempDirectory Project()
    {
        var temp = new TempDirectory("dp-command-budget");
        temp.Write("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'h.settings')\n");
        temp.Write("h/__init__.py", "");
        temp.Write("h/settings.py", Settings);
        temp.Write("h/settings_dev.py", "from .settings import *\nDEBUG = True\n");
        return temp;
    }

    [Fact]
    public void TheSettingsCommandStopsAndSaysWhatItLeftUnknown()
    {
        // A microsecond is spent before the project is walked: the walk stops at once, the command
        // says so and exits 3 (not 2 for "no settings module found": the walk did not look).
        using var temp = Project();
        foreach (var format in new[] { "text", "json" })
        {
            var run = CliRun.InMemory("settings", temp.Path, "--env", "SK=a-long-enough-key", "--timeout", "0.000001", "--format", format);
            Assert.True(run.ExitCode == 3, $"{format}: exit {run.ExitCode}: {run.Stderr}");
            Assert.Contains("note: the scan was cut short by its time budget (--timeout 0.000001 s); folders not listed: .", run.Stderr);
            Assert.DoesNotContain("error", run.Stderr);
        }
    }

    [Fact]
    public void ABudgetEndedAfterTheDiscoveryStopsTheEvaluationAndLeavesTheRestUnknown()
    {
        // The files listed and the settings module found, then the budget ends: the evaluation stops
        // at its next clock reading, in the loop, and the settings output says why the rest is unknown.
        using var temp = Project();
        var budget = new ScanBudget(TimeSpan.FromHours(1));
        var context = new ProjectContext(temp.Path, new ScanOptions { Budget = budget, EnvPairs = [new("SK", "a-long-enough-key")] });
        Assert.Equal("h.settings", context.SettingsLayout.Production);
        budget.End();

        using var json = JsonDocument.Parse(SettingsOutput.Json(context.Settings.Production!));
        var settings = json.RootElement.GetProperty("settings");
        // Before the loop: evaluated. From the loop on: unknown, saying why.
        Assert.True(settings.GetProperty("DEBUG").GetProperty("known").GetBoolean());
        Assert.False(settings.GetProperty("ALLOWED_HOSTS").GetProperty("known").GetBoolean());
        Assert.Equal("not evaluated: the scan's time budget ran out", settings.GetProperty("ALLOWED_HOSTS").GetProperty("reason").GetString());
        Assert.Equal("the scan was cut short by its time budget (--timeout 3600 s); h.settings not re-evaluated without: SK; "
            + "settings evaluation stopped: h/settings.py:5; settings modules not evaluated: h.settings_dev", budget.Notice());
    }

    [Fact]
    public void WithTheDefaultBudgetTheSameSettingsAreEvaluatedWhole()
    {
        // Proves the test above can fail: nothing in these settings stops the evaluation by itself.
        using var temp = Project();
        var run = CliRun.InMemory("settings", temp.Path, "--env", "SK=a-long-enough-key", "--format", "json");
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(1249975000, json.RootElement.GetProperty("settings").GetProperty("N").GetProperty("value").GetInt64());
        Assert.True(json.RootElement.GetProperty("settings").GetProperty("ALLOWED_HOSTS").GetProperty("known").GetBoolean());
    }

    [Fact]
    public void ABaselineOfACutShortScanIsNotWritten()
    {
        using var temp = Project();
        var file = Path.Combine(temp.Path, "baseline.json");
        var run = CliRun.InMemory("baseline", temp.Path, "--output", file, "--timeout", "0.000001");
        Assert.True(run.ExitCode == 3, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.StartsWith("django-preflight: no baseline written: the scan was cut short by its time budget (--timeout 0.000001 s); folders not listed: .; rules not run: DP", run.Stderr);
        Assert.False(File.Exists(file));

        var whole = CliRun.InMemory("baseline", temp.Path, "--output", file);
        Assert.True(whole.ExitCode == 0, $"exit {whole.ExitCode}: {whole.Stderr}");
        Assert.True(File.Exists(file));
    }

    [Fact]
    public void AnEndedBudgetStopsTheSettingsEvaluationOfAScan()
    {
        // In the scan, the evaluation runs inside the first rule that reads the settings: the budget
        // stops it there too, not only between rules.
        using var temp = Project();
        var budget = new ScanBudget(TimeSpan.FromHours(1));
        var context = new ProjectContext(temp.Path, new ScanOptions { NoHistory = true, Budget = budget });
        _ = context.SettingsLayout;
        budget.End();
        var production = context.Settings.Production!;
        Assert.False(production.Settings["ALLOWED_HOSTS"].Value.IsKnown);
        Assert.True(budget.WasCutShort);
        Assert.Contains("settings evaluation stopped: h/settings.py:5", budget.Notice());
    }

    [Theory]
    [InlineData("settings")]
    [InlineData("baseline")]
    public void ATimeoutOutOfRangeIsAUsageError(string command)
    {
        using var temp = Project();
        var run = CliRun.InMemory(command, temp.Path, "--timeout", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--timeout must be a number of seconds between 0 and 86400, not 0", run.Stderr);
    }
}
