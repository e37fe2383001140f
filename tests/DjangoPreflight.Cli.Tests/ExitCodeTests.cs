using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests;

/// <summary>Exit codes 0, 1 and 2 as DESIGN.md defines them, from the real built binary.</summary>
public class ExitCodeTests
{
    [Fact]
    public void ZeroWhenNothingReachesTheThreshold()
    {
        var result = CliRun.Binary("scan", CliRun.Fixture("debug-off"), "--select", "DP201", "--no-history");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("0 findings", result.Stdout);
    }

    [Fact]
    public void OneWhenAFindingReachesTheThreshold()
    {
        var result = CliRun.Binary("scan", CliRun.Fixture("debug-on"), "--select", "DP201", "--no-history");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("DP201", result.Stdout);
        Assert.Contains("mysite/settings.py:5", result.Stdout);
    }

    [Fact]
    public void FailOnAndIgnoreShapeTheExitCode()
    {
        // DP201 is critical: with --fail-on critical it still fails; ignoring it leaves nothing to fail on.
        var failing = CliRun.Binary("scan", CliRun.Fixture("debug-on"), "--select", "DP201", "--fail-on", "critical", "--no-history");
        Assert.Equal(1, failing.ExitCode);
        var ignored = CliRun.Binary("scan", CliRun.Fixture("debug-on"), "--ignore", "DP201", "--select", "DP2", "--no-history");
        Assert.Equal(0, ignored.ExitCode);
        Assert.DoesNotContain("DP201", ignored.Stdout);
    }

    [Fact]
    public void AnUndecidedFindingIsShownButDoesNotFailTheBuild()
    {
        // DEBUG depends on the host name: DP201 (critical when decided) is reported at low confidence,
        // capped at medium, and counts toward --fail-on only when --min-confidence is lowered to low.
        var fixture = CliRun.Fixture("debug-undecided");
        var result = CliRun.Binary("scan", fixture, "--select", "DP201", "--no-history", "--fail-on", "medium");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("MEDIUM    low confidence  DP201  DEBUG is on in production (security.W018)\n", result.Stdout);
        Assert.Contains("Could not decide whether \"DEBUG is on in production\": ", result.Stdout);
        Assert.Contains("Could not decide (low confidence): DP201 DEBUG", result.Stdout);
        var counted = CliRun.Binary("scan", fixture, "--select", "DP201", "--no-history", "--fail-on", "medium", "--min-confidence", "low");
        Assert.Equal(1, counted.ExitCode);
        // A decided finding fails at the default threshold and confidence.
        Assert.Equal(1, CliRun.Binary("scan", CliRun.Fixture("debug-on"), "--select", "DP201", "--no-history", "--min-confidence", "certain").ExitCode);
    }

    [Fact]
    public void AnUnknownConfidenceIsAUsageError()
    {
        var result = CliRun.Binary("scan", CliRun.Fixture("debug-on"), "--min-confidence", "sure");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("django-preflight: error: unknown confidence 'sure' for --min-confidence (expected one of: low, medium, high, certain)\n", result.Stderr);
    }

    [Fact]
    public void TwoOnBadInputWithoutAStackTrace()
    {
        var result = CliRun.Binary("scan", "/no/such/project");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("django-preflight: error: '/no/such/project' does not exist\n", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void AReportThatCannotBeWrittenIsOneLineAndExitTwo()
    {
        // /dev/full fails every write with ENOSPC, as a full disk does.
        var command = $"exec '{RepoPaths.CliBinary}' scan '{CliRun.Fixture("debug-on")}' --select DP201 --no-history > /dev/full";
        var result = ProcessRunner.Run("/bin/sh", ["-c", command]);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("django-preflight: error: cannot write the output: ", line);
    }

    [Fact]
    public void PipedOutputHasNoColourCodes()
    {
        var result = CliRun.Binary("scan", CliRun.Fixture("debug-on"), "--select", "DP201", "--no-history");
        Assert.DoesNotContain("\u001b[", result.Stdout);
    }

    [Fact]
    public void WithOutputOneLineOnStderrSaysWhatWasWrittenWhereAndWhyTheExitCodeIsWhatItIs()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "report.sarif");
        var failing = CliRun.Binary("scan", CliRun.Fixture("debug-on"), "--select", "DP201", "--no-history", "--format", "sarif", "--output", file);
        Assert.Equal(1, failing.ExitCode);
        Assert.Equal("", failing.Stdout);
        Assert.Equal($"django-preflight: 1 finding (1 critical) written to {file}; exit code 1: 1 finding at or above fail-on high and min-confidence medium\n", failing.Stderr);
        Assert.True(File.Exists(file));

        var passing = CliRun.Binary("scan", CliRun.Fixture("debug-off"), "--select", "DP201", "--no-history", "--output", file);
        Assert.Equal(0, passing.ExitCode);
        Assert.Equal($"django-preflight: 0 findings written to {file}; exit code 0: no finding at or above fail-on high and min-confidence medium\n", passing.Stderr);
    }

    [Fact]
    public void WithoutOutputStderrStaysQuiet()
    {
        var result = CliRun.Binary("scan", CliRun.Fixture("debug-on"), "--select", "DP201", "--no-history");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void PipedTextIsNotWrappedAtAnyWidth()
    {
        // A message longer than any terminal stays on one line when stdout is a pipe.
        var result = CliRun.Binary("scan", RepoPaths.Examples("insecure-shop"), "--no-history", "--select", "DP110");
        var lines = result.Stdout.Split('\n');
        Assert.Contains(lines, l => l.Length > 150 && l.Contains("defaults DJANGO_SETTINGS_MODULE to the development module", StringComparison.Ordinal));
    }
}
