using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using DjangoPreflight.Rules;

namespace DjangoPreflight.Cli.Tests.Robustness;

/// <summary>Runs a full scan (every project rule) in this process with a hard time limit, so a
/// hang fails the test instead of stalling the suite.</summary>
public static class InProcessScan
{
    public static ScanReport Run(string root, TimeSpan? limit = null, ScanOptions? options = null)
    {
        var scan = Task.Run(() =>
            ProjectScanner.Scan(new ProjectContext(root, options ?? new ScanOptions { NoHistory = true }), ProjectRuleSet.All, root));
        if (!scan.Wait(limit ?? TimeSpan.FromSeconds(60)))
            throw new TimeoutException($"scan of {root} did not finish within {limit ?? TimeSpan.FromSeconds(60)}");
        return scan.Result;
    }

    /// <summary>A rule that threw is turned into a notice by the runner; for robustness that is a failure too.</summary>
    public static void AssertNoRuleFailed(ScanReport report) =>
        Assert.DoesNotContain(report.Summary.Notices, n => n.Contains("rule failed", StringComparison.Ordinal));
}
