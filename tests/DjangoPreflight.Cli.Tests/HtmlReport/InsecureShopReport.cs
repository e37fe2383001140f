using System.Text.Json;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.HtmlReport;

/// <summary>A real scan of examples/insecure-shop, written once as HTML (kept under
/// artifacts/html-report/ beside its screenshots) and once as JSON, the independent account of
/// what the page must show.</summary>
public sealed class InsecureShopReport
{
    public static readonly string ArtifactDirectory = Path.Combine(RepoPaths.Root, "artifacts", "html-report");

    public InsecureShopReport()
    {
        var root = RepoPaths.Examples("insecure-shop");
        var env = Path.Combine(root, "deploy", "production.env");
        Directory.CreateDirectory(ArtifactDirectory);
        HtmlPath = Path.Combine(ArtifactDirectory, "insecure-shop.html");

        var html = CliRun.InMemory("scan", root, "--env-file", env, "--format", "html", "--output", HtmlPath);
        Assert.True(html.ExitCode == 1, html.ToString());
        var json = CliRun.InMemory("scan", root, "--env-file", env, "--format", "json");
        Assert.True(json.ExitCode == 1, json.ToString());
        using var document = JsonDocument.Parse(json.Stdout);
        Findings = document.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => new JsonFinding(f.GetProperty("rule").GetString()!, f.GetProperty("severity").GetString()!))
            .ToList();
        Assert.True(Findings.Count > 10, $"insecure-shop should have many findings, got {Findings.Count}");
    }

    public string HtmlPath { get; }

    public IReadOnlyList<JsonFinding> Findings { get; }
}

/// <summary>A finding as the JSON report gives it; its category follows the checklist's ID ranges.</summary>
public sealed record JsonFinding(string Rule, string Severity)
{
    public string Category => Rule.StartsWith("DPL", StringComparison.Ordinal) ? "live" : Rule[2] switch
    {
        '1' => "secrets",
        '2' => "disclosure",
        '3' => "transport",
        '4' => "browser",
        '5' => "auth",
        '6' => "operations",
        '7' => "performance",
        '8' => "infrastructure",
        _ => throw new InvalidOperationException($"rule {Rule} is in no checklist range"),
    };
}
