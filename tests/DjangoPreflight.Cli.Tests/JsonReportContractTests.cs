using System.Text.Json;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests;

/// <summary>The JSON report is a contract (DESIGN.md): field names, types and allowed values are pinned.</summary>
public class JsonReportContractTests
{
    private static readonly string[] Severities = ["critical", "high", "medium", "low", "info"];
    private static readonly string[] Confidences = ["certain", "high", "medium", "low"];

    private static ProcessResult ScanInsecureShop(params string[] extra) =>
        CliRun.Binary(["scan", RepoPaths.Examples("insecure-shop"), "--format", "json", "--no-history",
            "--env-file", Path.Combine(RepoPaths.Examples("insecure-shop"), "deploy", "production.env"), .. extra]);

    [Fact]
    public void InsecureShopReportHasTheDesignShape()
    {
        var result = ScanInsecureShop();
        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal(["tool", "target", "findings", "summary"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("django-preflight", root.GetProperty("tool").GetProperty("name").GetString());
        Assert.Equal("0.1.0", root.GetProperty("tool").GetProperty("version").GetString());

        var target = root.GetProperty("target");
        Assert.EndsWith("insecure-shop", target.GetProperty("path").GetString());
        Assert.Equal("shop.settings.production", target.GetProperty("settings_module").GetString());
        Assert.Equal(JsonValueKind.String, target.GetProperty("django_version").ValueKind);

        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        foreach (var f in findings)
        {
            Assert.Equal(["rule", "django_id", "severity", "title", "message", "location", "setting", "confidence", "also"],
                f.EnumerateObject().Select(p => p.Name));
            Assert.Matches("^DP[0-9L][0-9][0-9]$", f.GetProperty("rule").GetString());
            Assert.Contains(f.GetProperty("severity").GetString(), Severities);
            Assert.Contains(f.GetProperty("confidence").GetString(), Confidences);
            Assert.True(f.GetProperty("django_id").ValueKind is JsonValueKind.String or JsonValueKind.Null);
            var location = f.GetProperty("location");
            var path = location.GetProperty("path").GetString();
            Assert.NotNull(path);
            Assert.DoesNotContain('\\', path);
            Assert.False(Path.IsPathRooted(path), $"path '{path}' must be relative to the scanned root");
        }

        var summary = root.GetProperty("summary");
        Assert.Equal(findings.Count, summary.GetProperty("findings").GetInt32());
        Assert.True(summary.GetProperty("files_scanned").GetInt32() > 10);
        Assert.Equal(JsonValueKind.Array, summary.GetProperty("unresolved_settings").ValueKind);
        Assert.Equal(JsonValueKind.Array, summary.GetProperty("parse_errors").ValueKind);
    }

    [Fact]
    public void TheSameInputGivesTheSameBytes()
    {
        var first = ScanInsecureShop();
        var second = ScanInsecureShop();
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public void OutputFileHoldsWhatStdoutWould()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "report.json");
        var toFile = ScanInsecureShop("--output", file);
        Assert.Equal(1, toFile.ExitCode);
        Assert.Equal("", toFile.Stdout);
        Assert.Equal(ScanInsecureShop().Stdout, File.ReadAllText(file));
    }
}
