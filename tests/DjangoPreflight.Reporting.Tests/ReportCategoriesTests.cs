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
        var headings = File.ReadAllLines(RepoPaths.Shared("CHECKLIST.md"))
            .Where(l => l.StartsWith("## DP", StringComparison.Ordinal))
            .Select(l => l[3..])
            .ToList();

        Assert.Equal(Enum.GetValues<Category>().Length, headings.Count);
        foreach (var (category, heading) in Enum.GetValues<Category>().Zip(headings))
            Assert.StartsWith(category.Title(), heading[6..]);
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
