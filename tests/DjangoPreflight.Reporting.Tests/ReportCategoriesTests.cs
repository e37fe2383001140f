using DjangoPreflight.Core;
using DjangoPreflight.Reporting.RuleReference;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Reporting.Tests;

/// <summary>The categories the text and HTML reports group by: titles as CHECKLIST.md words its
/// sections, and a finding's category from its rule's descriptor, else from its ID range.</summary>
public class ReportCategoriesTests
{
    [Fact]
    public void EveryCategoryTitleIsAHeadingOfTheChecklist_InTheChecklistsOrder()
    {
        // "## DP2xx Information disclosure": the range, then the title. The checklist may hold
        // sections no rule implements yet (DPXxx cross-checks); every category must be there.
        var headings = File.ReadAllLines(RepoPaths.Checklist)
            .Where(l => l.StartsWith("## DP", StringComparison.Ordinal))
            .Select(l => (Range: l[3..8], Title: l[9..]))
            .ToList();
        var ranges = headings.Select(h => h.Range).ToList();

        foreach (var category in Enum.GetValues<Category>())
        {
            var heading = headings.SingleOrDefault(h => h.Range == ChecklistNames.Range(category));
            Assert.True(heading.Title is not null, $"no section {ChecklistNames.Range(category)} in CHECKLIST.md");
            Assert.StartsWith(category.Title(), heading.Title);
        }
        var order = Enum.GetValues<Category>().Select(c => ranges.IndexOf(ChecklistNames.Range(c))).ToList();
        Assert.Equal(order.Order(), order);
    }

    [Theory]
    [InlineData("DP101", Category.Secrets)]
    [InlineData("DP512", Category.Auth)]
    [InlineData("DP803", Category.Infrastructure)]
    [InlineData("DPL04", Category.Live)]
    public void WithoutADescriptor_TheIdRangeDecides(string id, Category expected)
    {
        var report = new ScanReport(new TargetInfo(), [Finding(id)], new ReportSummary(0, [], [], []));

        Assert.Equal(expected, ReportRules.Categories(report)(Finding(id)));
    }

    [Fact]
    public void TheRulesDescriptorWinsOverTheIdRange()
    {
        var descriptor = SampleReports.Debug with { Id = "DP101", Category = Category.Operations };
        var report = new ScanReport(new TargetInfo(), [Finding("DP101")], new ReportSummary(0, [], [], [])) { Rules = [SampleReports.Hosts, descriptor] };

        Assert.Equal(Category.Operations, ReportRules.Categories(report)(Finding("DP101")));
    }

    private static Finding Finding(string id) =>
        new(id, null, Severity.Low, "t", "m", SourceLocation.None, null, Confidence.Certain);
}
