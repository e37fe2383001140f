using DjangoPreflight.Core;
using DjangoPreflight.Rules.Tests.Examples;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Rules.Tests.Checklist;

/// <summary>Every checklist rule of issue 6 declares itself as CHECKLIST.md does and carries its docs.</summary>
public class ChecklistDocsTests
{
    public static TheoryData<string> Rules => new(ChecklistRulesOnExamplesTests.ChecklistRules);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_has_docs_and_matches_the_checklist_row(string id)
    {
        var rule = Assert.Single(ProjectRuleSet.All, r => r.Descriptor.Id == id).Descriptor;
        Assert.False(string.IsNullOrWhiteSpace(rule.Title));
        Assert.All(new[] { rule.Docs.Why, rule.Docs.Fix, rule.Docs.Before, rule.Docs.After }, text => Assert.False(string.IsNullOrWhiteSpace(text)));
        Assert.NotEmpty(rule.Seeds);
        var expected = id[2] switch
        {
            '1' => Category.Secrets,
            '2' => Category.Disclosure,
            '3' => Category.Transport,
            '4' => Category.Browser,
            '5' => Category.Auth,
            '6' => Category.Operations,
            _ => Category.Performance,
        };
        Assert.Equal(expected, rule.Category);
        var row = File.ReadLines(RepoPaths.Checklist).Single(l => l.StartsWith($"| {id} |", StringComparison.Ordinal));
        var seeds = row.Split('|')[5].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim('(', ')', ':')).Where(s => s.Length > 0 && (s.All(char.IsDigit) || s == "+"));
        Assert.Equal(seeds.Order(StringComparer.Ordinal), rule.Seeds.Order(StringComparer.Ordinal));
        // The Django checks the rule mirrors are the row's Django column.
        Assert.Equal(row.Split('|')[4].Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal), rule.DjangoIds.Order(StringComparer.Ordinal));
    }
}
