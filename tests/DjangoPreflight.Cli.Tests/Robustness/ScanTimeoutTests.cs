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
        // A budget of a microsecond is spent before the project is walked (the command line and the
        // configuration are read first); the report is still written, whole and valid, and says so.
        var run = CliRun.Binary("scan", RepoPaths.Examples("insecure-shop"), "--no-history", "--timeout", "0.000001", "--format", "json");
        Assert.Equal(3, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var summary = json.RootElement.GetProperty("summary");
        Assert.True(summary.GetProperty("cut_short").GetBoolean());
        var notices = summary.GetProperty("notices").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Contains(notices, n => n.StartsWith("the scan was cut short by its time budget (--timeout 0.000001 s); folders not listed: .; rules not run: DP", StringComparison.Ordinal));
    }

    [Fact]
    public void SarifSaysTheExecutionDidNotSucceedAndCarriesTheNoticeAsAnError()
    {
        // Code scanning shows a SARIF run's notifications, not a summary: a cut-short scan says so
        // there, at error level (SARIF's sign of an incomplete result set), and is not successful.
        using var temp = Project();
        var run = CliRun.InMemory("scan", temp.Path, "--no-history", "--timeout", "0.000001", "--format", "sarif");
        Assert.True(run.ExitCode == 3, $"exit {run.ExitCode}: {run.Stderr}");
        var invocation = Invocation(run.Stdout);
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        var errors = invocation.GetProperty("toolExecutionNotifications").EnumerateArray()
            .Where(n => n.GetProperty("level").GetString() == "error").Select(n => n.GetProperty("message").GetProperty("text").GetString()!).ToList();
        var error = Assert.Single(errors);
        Assert.StartsWith("the scan was cut short by its time budget (--timeout 0.000001 s); ", error);
        Assert.Contains("rules not run: DP", error);

        // The same project scanned whole: a successful execution, nothing at error level.
        var whole = CliRun.InMemory("scan", temp.Path, "--no-history", "--format", "sarif");
        Assert.True(whole.ExitCode == 1, $"exit {whole.ExitCode}: {whole.Stderr}");
        var complete = Invocation(whole.Stdout);
        Assert.True(complete.GetProperty("executionSuccessful").GetBoolean());
        Assert.False(complete.TryGetProperty("toolExecutionNotifications", out var notes)
            && notes.EnumerateArray().Any(n => n.GetProperty("level").GetString() == "error"));
    }

    private static JsonElement Invocation(string sarif) =>
        JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].GetProperty("invocations")[0].Clone();

    [Fact]
    public void TheOutputSummarySaysTheScanWasCutShort()
    {
        // A microsecond is certainly spent before the walk, and every step after it stops at once,
        // so the scan ends on its own long before the backstop's grace, however loaded the machine.
        using var output = new TempDirectory("dp-timeout-out");
        var file = Path.Combine(output.Path, "report.txt");
        var run = CliRun.Binary("scan", RepoPaths.Examples("insecure-shop"), "--no-history", "--timeout", "0.000001", "--output", file);
        Assert.True(run.ExitCode == 3, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Contains("; exit code 3: the scan was cut short by --timeout (", run.Stderr);
        Assert.Contains("cut short by its time budget", File.ReadAllText(file));
    }

    [Fact]
    public void AWalkTheBudgetStopsIsAReportOfWhatWasNotListedNotAnInputError()
    {
        // Many folders and a spent budget: the walk stops before listing them. What the walk did not
        // reach cannot tell whether the project is Django's or holds the --settings module: the scan
        // reports what it cut short and exits 3, instead of exit 2 for a project it did not look at.
        using var temp = Project();
        for (var i = 0; i < 200; i++) temp.Write($"app{i:D3}/views.py", "def index(request):\n    pass\n");
        foreach (var extra in new[] { Array.Empty<string>(), ["--settings", "h.settings"] })
        {
            var run = CliRun.InMemory(["scan", temp.Path, "--no-history", "--timeout", "0.000001", "--format", "json", .. extra]);
            Assert.True(run.ExitCode == 3, $"{string.Join(' ', extra)}: exit {run.ExitCode}: {run.Stderr}");
            using var json = JsonDocument.Parse(run.Stdout);
            var summary = json.RootElement.GetProperty("summary");
            Assert.Equal(0, summary.GetProperty("files_scanned").GetInt32());
            Assert.True(summary.GetProperty("cut_short").GetBoolean());
            Assert.Contains(summary.GetProperty("notices").EnumerateArray(), n => n.GetString()!.Contains("; folders not listed: .; rules not run: DP", StringComparison.Ordinal));
        }

        // Whole, the walk lists every file.
        var whole = CliRun.InMemory("scan", temp.Path, "--no-history", "--format", "json");
        using var complete = JsonDocument.Parse(whole.Stdout);
        Assert.True(complete.RootElement.GetProperty("summary").GetProperty("files_scanned").GetInt32() >= 203);
        Assert.False(complete.RootElement.GetProperty("summary").GetProperty("cut_short").GetBoolean());
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
