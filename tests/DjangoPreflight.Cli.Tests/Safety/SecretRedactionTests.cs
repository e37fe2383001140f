using DjangoPreflight.Reporting;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Safety;

/// <summary>No output format, no command, no channel (stdout, stderr, --output file) ever shows a
/// planted secret whole, nor even its tail.</summary>
public class SecretRedactionTests
{
    [Fact]
    public void TheCanariesAreReallyInTheProject()
    {
        // Proves the test can fail: the secrets are where a scanner must look.
        using var project = new CanaryProject();
        Assert.Contains(CanaryProject.SettingsKey, File.ReadAllText(Path.Combine(project.Root, "canary", "settings.py")));
        var history = ProcessRunner.Run("git", ["log", "-p", "--all"], workingDirectory: project.Root);
        Assert.Contains(CanaryProject.HistoryKey, history.Stdout);
    }

    [Fact]
    public void TheCanariesAreFoundWhereTheyAre()
    {
        // Proves the redaction test can fail: each category of planted secret is reported.
        using var project = new CanaryProject();
        var report = CliRun.Binary("scan", project.Root, "--format", "json", "--select", "DP106,DP109", "--env-file", project.EnvFile);
        var findings = System.Text.Json.JsonDocument.Parse(report.Stdout).RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("rule").GetString()} {f.GetProperty("severity").GetString()} {f.GetProperty("location").GetProperty("path").GetString()}")
            .ToList();
        Assert.Contains("DP109 high docker-compose.yml", findings);
        // A CI workflow does not describe production: its service passwords are info, saying why (#19).
        Assert.Contains("DP109 info .github/workflows/tests.yml", findings);
        // A random-shaped value in documentation may be an example or a real one pasted in: medium (#18).
        Assert.Contains("DP106 medium docs/README.md", findings);
        Assert.Contains("DP106 high canary/settings.py", findings);
        Assert.Contains(report.Stdout.Split('\n'), l => l.Contains("the default of ${FIELD_ENCRYPTION_KEY}", StringComparison.Ordinal));
    }

    [Fact]
    public void NoFormatOfScanShowsASecret()
    {
        using var project = new CanaryProject();
        using var temp = new TempDirectory();
        foreach (var format in ReportWriters.Formats)
        {
            var file = Path.Combine(temp.Path, "report." + format);
            var stdout = CliRun.Binary("scan", project.Root, "--format", format, "--env-file", project.EnvFile);
            var toFile = CliRun.Binary("scan", project.Root, "--format", format, "--env-file", project.EnvFile, "--output", file);
            Assert.True(stdout.ExitCode is 0 or 1, $"{format}: {stdout.Stderr}");
            AssertNoCanary($"scan --format {format}", stdout.Stdout + stdout.Stderr + toFile.Stderr + File.ReadAllText(file));
        }
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void TheSettingsCommandShowsNoSecret(string format)
    {
        using var project = new CanaryProject();
        var result = CliRun.Binary("settings", project.Root, "--format", format, "--env-file", project.EnvFile);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("SECRET_KEY", result.Stdout);
        AssertNoCanary($"settings --format {format}", result.Stdout + result.Stderr);
    }

    private static void AssertNoCanary(string what, string output)
    {
        foreach (var canary in CanaryProject.All)
        {
            Assert.False(output.Contains(canary, StringComparison.Ordinal), $"{what} printed a secret whole");
            var tail = canary[^12..];
            Assert.False(output.Contains(tail, StringComparison.Ordinal), $"{what} printed the end of a secret ({canary[..4]}…)");
        }
    }
}
