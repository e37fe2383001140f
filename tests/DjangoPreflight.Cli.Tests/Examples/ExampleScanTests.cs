using System.Text.Json;

namespace DjangoPreflight.Cli.Tests.Examples;

/// <summary>
/// django-preflight on its own showcase: `scan` with the production environment
/// (deploy/production.env) finds every deliberate mistake of insecure-shop's README table, and
/// nothing of consequence in hardened-shop.
/// </summary>
public sealed class ExampleScanTests
{
    private sealed record Reported(string Rule, string Severity, string Path);

    [Fact]
    public void InsecureShop_Scan_ReportsEveryRuleOfTheMistakesTable()
    {
        string root = ExampleProject.SourcePath(ExampleProject.Insecure);
        var expected = MistakesTable.Read(root).Select(r => r.Rule).ToHashSet();

        var reported = Scan(root).Select(f => f.Rule).ToHashSet();

        Assert.Empty(expected.Except(reported).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void HardenedShop_Scan_ReportsNothingAtMediumOrAboveButItsEnvFixture()
    {
        // deploy/production.env is a committed stand-in for the server's env file: flagging it
        // (DP106, DP107) is right. Everything else must stay below medium.
        string root = ExampleProject.SourcePath(ExampleProject.Hardened);

        var findings = Scan(root);

        Assert.Contains(findings, f => f.Rule == "DP107" && f.Path == "deploy/production.env");
        Assert.DoesNotContain(findings, f => f.Path != "deploy/production.env" && f.Severity is not ("low" or "info"));
    }

    private static List<Reported> Scan(string root)
    {
        var result = CliRun.InMemory("scan", root, "--env-file", Path.Combine(root, "deploy", "production.env"), "--format", "json");
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        using var report = JsonDocument.Parse(result.Stdout);
        Assert.Empty(report.RootElement.GetProperty("summary").GetProperty("parse_errors").EnumerateArray());
        Assert.Equal("shop.settings.production", report.RootElement.GetProperty("target").GetProperty("settings_module").GetString());
        // A finding that stands for several rules (one cause, one finding) counts for each of them.
        return report.RootElement.GetProperty("findings").EnumerateArray()
            .SelectMany(f => f.GetProperty("also").EnumerateArray().Select(a => a.GetString()!).Prepend(f.GetProperty("rule").GetString()!)
                .Select(rule => new Reported(
                    rule,
                    f.GetProperty("severity").GetString()!,
                    f.GetProperty("location").GetProperty("path").GetString()!)))
            .ToList();
    }
}
