using DjangoPreflight.Core;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Reporting.Tests;

public class ReportCategoriesTests
{
    [Fact]
    public void EveryCategoryTitleIsAHeadingOfTheChecklist()
    {
        var headings = File.ReadAllLines(RepoPaths.Shared("CHECKLIST.md"))
            .Where(l => l.StartsWith("## DP", StringComparison.Ordinal))
            .Select(l => l[3..])
            .ToList();

        Assert.Equal(Enum.GetValues<Category>().Length, headings.Count);
        foreach (var (category, heading) in Enum.GetValues<Category>().Zip(headings))
            Assert.StartsWith(ReportCategories.Title(category), heading);
    }

    [Theory]
    [InlineData("DP101", Category.Secrets)]
    [InlineData("DP512", Category.Auth)]
    [InlineData("DP803", Category.Infrastructure)]
    [InlineData("DPL04", Category.Live)]
    public void WithoutADescriptor_TheIdRangeDecides(string id, Category expected) =>
        Assert.Equal(expected, ReportCategories.Of(Finding(id), []));

    [Fact]
    public void TheRulesDescriptorWinsOverTheIdRange()
    {
        var descriptor = SampleReports.Debug with { Id = "DP101", Category = Category.Operations };

        Assert.Equal(Category.Operations, ReportCategories.Of(Finding("DP101"), [SampleReports.Hosts, descriptor]));
    }

    private static Finding Finding(string id) =>
        new(id, null, Severity.Low, "t", "m", SourceLocation.None, null, Confidence.Certain);
}
