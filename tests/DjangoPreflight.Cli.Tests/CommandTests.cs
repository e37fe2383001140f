using System.Text.Json;

namespace DjangoPreflight.Cli.Tests;

public class CommandTests
{
    [Fact]
    public void VersionIsTheToolVersion()
    {
        // The real binary: in memory the entry assembly would be the test host.
        var result = CliRun.Binary("--version");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("0.1.0", result.Stdout.Trim());
    }

    [Fact]
    public void HelpListsEveryCommand()
    {
        var result = CliRun.InMemory("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "scan", "rules", "explain" })
            Assert.Contains(command, result.Stdout);
    }

    [Fact]
    public void RulesTableListsEveryRule()
    {
        var result = CliRun.InMemory("rules");
        Assert.Equal(0, result.ExitCode);
        foreach (var rule in RuleCatalog.All)
            Assert.Contains(rule.Descriptor.Id, result.Stdout);
        Assert.Contains($"{RuleCatalog.All.Count} rules", result.Stdout);
    }

    [Fact]
    public void RulesJsonIsTheCatalogue()
    {
        var result = CliRun.InMemory("rules", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var ids = doc.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(RuleCatalog.All.Select(r => r.Descriptor.Id), ids);
        var dp201 = doc.RootElement.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "DP201");
        Assert.Equal("critical", dp201.GetProperty("severity").GetString());
        Assert.Equal("security.W018", dp201.GetProperty("django_ids")[0].GetString());
    }

    [Fact]
    public void ExplainPrintsTheDocumentation()
    {
        var result = CliRun.InMemory("explain", "dp201");
        Assert.Equal(0, result.ExitCode);
        var docs = RuleCatalog.Find("DP201")!.Descriptor.Docs;
        Assert.StartsWith("DP201: DEBUG is on in production", result.Stdout);
        Assert.Contains("Mirrors Django check: security.W018", result.Stdout);
        foreach (var heading in new[] { "Why it matters", "How to fix", "Before", "After" })
            Assert.Contains(heading, result.Stdout);
        Assert.Contains(docs.Why.Split('\n')[0].Trim(), result.Stdout);
    }
}
