using System.Text.Json;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Cli.Commands;
using DjangoPreflight.Core;
using DjangoPreflight.Rules;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Robustness;

/// <summary><c>scan --timeout</c> (#22 item 3): the whole scan's time budget stops it cleanly, names
/// what it cut short, and exits 3. No test here measures time: each makes the budget run out by
/// construction (a rule that waits for it, a budget already spent, a scan that never returns).</summary>
public class ScanTimeoutTests
{
    /// <summary>Ends the budget, as an interrupt would: the rules after it meet a spent budget
    /// however fast or slow the machine is.</summary>
    private sealed class OutlastsTheBudget(ScanBudget budget) : ProjectRule
    {
        public override RuleDescriptor Descriptor { get; } =
            new("DP000", "Outlasts the budget", Category.Operations, Severity.Low, [], [], new RuleDocs("", "", "", ""));

        public override IEnumerable<Finding> Check(ProjectContext project)
        {
            budget.End();
            return [];
        }
    }

    private static ProjectRule Rule(string id) => ProjectRuleSet.All.Single(r => r.Descriptor.Id == id);

    private static TempDirectory Project()
    {
        var temp = new TempDirectory("dp-timeout");
        temp.Write("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'h.settings')\n");
        temp.Write("h/__init__.py", "");
        temp.Write("h/settings.py", "DEBUG = True\nSECRET_KEY = 'x'\n");
        return temp;
    }

    [Fact]
    public void RulesLeftWhenTheBudgetRunsOutAreNamedAndTheFindingsBeforeKept()
    {
        using var temp = Project();
        var budget = new ScanBudget(TimeSpan.FromHours(1));
        var context = new ProjectContext(temp.Path, new ScanOptions { NoHistory = true, Budget = budget });
        // Rules run in the order given (those reading git last).
        var rules = new List<ProjectRule> { Rule("DP201"), new OutlastsTheBudget(budget), Rule("DP101"), Rule("DP102") };

        var report = ProjectScanner.Scan(context, rules, temp.Path);

        Assert.True(budget.WasCutShort);
        Assert.Contains(report.Findings, f => f.RuleId == "DP201");
        Assert.DoesNotContain(report.Findings, f => f.RuleId is "DP101" or "DP102");
        Assert.Contains("the scan was cut short by its time budget (--timeout 3600 s); rules not run: DP101, DP102", report.Summary.Notices);
    }

    [Fact]
    public void ABudgetSpentBeforeTheParseNamesTheFilesNotRead()
    {
        using var temp = Project();
        temp.Write("h/views.py", "def index(request):\n    pass\n");
        var budget = new ScanBudget(TimeSpan.FromTicks(1));
        var context = new ProjectContext(temp.Path, new ScanOptions { NoHistory = true, Budget = budget });

        var report = ProjectScanner.Scan(context, ProjectRuleSet.All, temp.Path);

        var notice = Assert.Single(report.Summary.Notices, n => n.StartsWith("the scan was cut short", StringComparison.Ordinal));
        Assert.Contains("rules not run: DP", notice);
        Assert.Empty(report.Findings);
    }

    [Fact]
    public void AnUnboundedContextNeverRunsOut()
    {
        // What library callers and the other tests get: a context kept for long is never cut short.
        using var temp = Project();
        var context = new ProjectContext(temp.Path, new ScanOptions { NoHistory = true });
        var report = ProjectScanner.Scan(context, ProjectRuleSet.All, temp.Path);
        Assert.False(context.Options.Budget.WasCutShort);
        Assert.Contains(report.Findings, f => f.RuleId == "DP201");
    }

    [Fact]
    public void AScanThatDoesNotStopByItselfEndsAfterTheGraceWithThePhaseNamed()
    {
        var budget = new ScanBudget(TimeSpan.FromMilliseconds(10)) { Phase = "rule DP999" };
        using var never = new ManualResetEventSlim();
        var e = Assert.Throws<ScanTimeoutException>(() => BoundedScan.Run(budget, () => { never.Wait(); return 0; }));
        Assert.Equal("the scan did not finish within --timeout 0.01 s and did not stop by itself (it was in rule DP999); no report was written", e.Message);
        never.Set();
    }

    [Fact]
    public void AnErrorInsideTheBoundedScanReachesTheCommandUnchanged()
    {
        var budget = new ScanBudget(TimeSpan.FromMinutes(1));
        var e = Assert.Throws<UsageException>(() => BoundedScan.Run<int>(budget, () => throw new UsageException("no such settings module")));
        Assert.Equal("no such settings module", e.Message);
    }

    [Fact]
    public void TheCommandExitsThreeWithTheNoticeInTheReport()
    {
        // A budget of a millisecond is spent before the first rule (the configuration and the
        // settings are read first); the report is still written, whole and valid.
        var run = CliRun.Binary("scan", RepoPaths.Examples("insecure-shop"), "--no-history", "--timeout", "0.001", "--format", "json");
        Assert.Equal(3, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var notices = json.RootElement.GetProperty("summary").GetProperty("notices").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Contains(notices, n => n.StartsWith("the scan was cut short by its time budget (--timeout 0.001 s); rules not run: DP", StringComparison.Ordinal));
    }

    [Fact]
    public void SarifCarriesTheNoticeAmongTheToolExecutionNotifications()
    {
        // Code scanning shows a SARIF run's notifications, not a summary: a cut-short scan says so there.
        using var temp = Project();
        var run = CliRun.InMemory("scan", temp.Path, "--no-history", "--timeout", "0.000001", "--format", "sarif");
        Assert.True(run.ExitCode == 3, $"exit {run.ExitCode}: {run.Stderr}");
        using var sarif = JsonDocument.Parse(run.Stdout);
        var notes = sarif.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0].GetProperty("toolExecutionNotifications")
            .EnumerateArray().Select(n => n.GetProperty("message").GetProperty("text").GetString()!).ToList();
        Assert.Contains(notes, n => n.StartsWith("the scan was cut short by its time budget (--timeout ", StringComparison.Ordinal) && n.Contains("rules not run: DP", StringComparison.Ordinal));
    }

    [Fact]
    public void TheOutputSummarySaysTheScanWasCutShort()
    {
        using var output = new TempDirectory("dp-timeout-out");
        var file = Path.Combine(output.Path, "report.txt");
        var run = CliRun.Binary("scan", RepoPaths.Examples("insecure-shop"), "--no-history", "--timeout", "0.001", "--output", file);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("; exit code 3: the scan was cut short by --timeout (", run.Stderr);
        Assert.Contains("cut short by its time budget", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("100000")]
    public void ATimeoutOutOfRangeIsAUsageError(string seconds)
    {
        var run = CliRun.InMemory("scan", RepoPaths.Examples("insecure-shop"), "--no-history", "--timeout", seconds);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"django-preflight: error: --timeout must be a number of seconds between 0 and 86400, not {seconds}\n", run.Stderr.ReplaceLineEndings("\n"));
    }
}
