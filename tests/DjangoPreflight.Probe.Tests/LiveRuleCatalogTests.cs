namespace DjangoPreflight.Probe.Tests;

/// <summary>The live rules are exactly DPL01..DPL18 of CHECKLIST.md, each documented.</summary>
public sealed class LiveRuleCatalogTests
{
    [Fact]
    public void EveryChecklistIdHasOneRule() =>
        Assert.Equal(Enumerable.Range(1, 18).Select(i => $"DPL{i:00}"), LiveRuleSet.All.Select(r => r.Descriptor.Id));

    [Fact]
    public void EveryRuleIsDocumented()
    {
        foreach (var d in LiveRuleSet.All.Select(r => r.Descriptor))
        {
            Assert.Equal(Core.Category.Live, d.Category);
            Assert.NotEmpty(d.Seeds);
            foreach (var text in new[] { d.Title, d.Docs.Why, d.Docs.Fix, d.Docs.Before, d.Docs.After })
                Assert.False(string.IsNullOrWhiteSpace(text), $"{d.Id} has an empty documentation field");
        }
    }

    [Fact]
    public void ChecklistRowsMatch()
    {
        var checklist = File.ReadAllLines(Path.Combine(Lab.LabDirectory.RepoRoot(), "docs", "CHECKLIST.md"));
        foreach (var d in LiveRuleSet.All.Select(r => r.Descriptor))
        {
            var row = checklist.Single(l => l.StartsWith($"| {d.Id} |", StringComparison.Ordinal));
            Assert.EndsWith($"| {string.Join(' ', d.Seeds)} |", row);
        }
    }
}
