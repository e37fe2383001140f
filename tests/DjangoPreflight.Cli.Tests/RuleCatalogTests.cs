using DjangoPreflight.Core;

namespace DjangoPreflight.Cli.Tests;

/// <summary>The registry against the public catalogue: IDs, Django IDs, categories and docs.</summary>
public class RuleCatalogTests
{
    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var rule in RuleCatalog.All) data.Add(rule.Descriptor.Id);
        return data;
    }

    [Fact]
    public void TheChecklistIsReadable() => Assert.True(ChecklistTable.Rows.Count >= 93, $"only {ChecklistTable.Rows.Count} rows read");

    [Fact]
    public void NoTwoRulesShareAnId()
    {
        var duplicates = RuleCatalog.All.GroupBy(r => r.Descriptor.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EveryRuleIdIsInTheChecklist(string id) => Assert.True(ChecklistTable.Rows.ContainsKey(id), $"{id} is not in CHECKLIST.md");

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void DjangoIdsAreThoseOfTheChecklist(string id)
    {
        var rule = RuleCatalog.Find(id)!.Descriptor;
        Assert.Equal(ChecklistTable.Rows[id].DjangoIds, rule.DjangoIds);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void SeedsAreThoseOfTheChecklist(string id)
    {
        var rule = RuleCatalog.Find(id)!.Descriptor;
        Assert.NotEmpty(rule.Seeds);
        foreach (var seed in rule.Seeds)
            Assert.Contains(seed, ChecklistTable.Rows[id].Seeds, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void CategoryMatchesTheIdRange(string id)
    {
        var rule = RuleCatalog.Find(id)!.Descriptor;
        // Cross-checks (DPX) compare the settings with the live site: they belong with the live findings.
        var expected = id.StartsWith("DPL", StringComparison.Ordinal) || id.StartsWith("DPX", StringComparison.Ordinal)
            ? Category.Live
            : (Category)(id[2] - '1');
        Assert.Equal(expected, rule.Category);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EveryRuleIsDocumented(string id)
    {
        var rule = RuleCatalog.Find(id)!.Descriptor;
        Assert.False(string.IsNullOrWhiteSpace(rule.Title), "title");
        Assert.True(rule.Docs.Why.Trim().Length >= 40, $"{id}: 'why' is missing or too short");
        Assert.True(rule.Docs.Fix.Trim().Length >= 20, $"{id}: 'fix' is missing or too short");
        Assert.False(string.IsNullOrWhiteSpace(rule.Docs.Before), $"{id}: 'before' example missing");
        Assert.False(string.IsNullOrWhiteSpace(rule.Docs.After), $"{id}: 'after' example missing");
        Assert.NotEqual(rule.Docs.Before.Trim(), rule.Docs.After.Trim());
    }
}
