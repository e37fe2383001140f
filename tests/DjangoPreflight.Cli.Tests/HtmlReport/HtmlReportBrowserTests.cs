using DjangoPreflight.Core;
using DjangoPreflight.Reporting;
using DjangoPreflight.TestSupport;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DjangoPreflight.Cli.Tests.HtmlReport;

/// <summary>The HTML report of a real scan, opened in Debian's headless Chromium: it shows every
/// finding, its filters hide and show the right rows, it fits a phone, and it fetches nothing.</summary>
public sealed class HtmlReportBrowserTests(HeadlessChromium chromium, InsecureShopReport report, ITestOutputHelper output)
    : IClassFixture<HeadlessChromium>, IClassFixture<InsecureShopReport>
{
    private const string VisibleRows = ".finding:visible";

    [Fact]
    public async Task ShowsEveryFindingAndTheCountsBySeverity_AndSavesAScreenshot()
    {
        await using var opened = await chromium.OpenAsync(report.HtmlPath);
        var page = opened.Page;

        Assert.Equal(report.Findings.Count, await page.Locator(VisibleRows).CountAsync());
        foreach (var severity in SeverityNames.All)
        {
            var expected = report.Findings.Count(f => f.Severity == severity);
            Assert.Equal(expected.ToString(), await page.Locator($"[data-count=\"{severity}\"]").InnerTextAsync());
            Assert.Equal(expected, await page.Locator($".finding[data-severity=\"{severity}\"]:visible").CountAsync());
        }
        var rules = await page.Locator(".finding").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.rule)");
        Assert.Equal(report.Findings.Select(f => f.Rule).Order(StringComparer.Ordinal), rules.Order(StringComparer.Ordinal));
        Assert.True(await page.Locator("#filters").IsVisibleAsync(), "the script did not run: filters stay hidden");
        Assert.Equal(report.Findings.Count.ToString(), await page.Locator("#shown").InnerTextAsync());

        var screenshot = Path.Combine(InsecureShopReport.ArtifactDirectory, "insecure-shop.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
        output.WriteLine($"report: {report.HtmlPath}");
        output.WriteLine($"screenshot: {screenshot}");
        AssertQuiet(opened);
    }

    [Fact]
    public async Task SeverityFilter_HidesExactlyThatSeverity_AndShowsItAgain()
    {
        await using var opened = await chromium.OpenAsync(report.HtmlPath);
        var page = opened.Page;
        var high = report.Findings.Count(f => f.Severity == "high");
        Assert.True(high > 0);

        await page.Locator("input[name=severity][value=high]").UncheckAsync();

        Assert.Equal(report.Findings.Count - high, await page.Locator(VisibleRows).CountAsync());
        Assert.Equal(0, await page.Locator(".finding[data-severity=high]:visible").CountAsync());
        Assert.Equal((report.Findings.Count - high).ToString(), await page.Locator("#shown").InnerTextAsync());

        await page.Locator("input[name=severity][value=high]").CheckAsync();

        Assert.Equal(report.Findings.Count, await page.Locator(VisibleRows).CountAsync());
        AssertQuiet(opened);
    }

    [Fact]
    public async Task CategoryFilter_KeepsOnlyTheCheckedCategory_AndHidesEmptySections()
    {
        await using var opened = await chromium.OpenAsync(report.HtmlPath);
        var page = opened.Page;
        var categories = report.Findings.Select(f => f.Category).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(categories.Count >= 3, string.Join(", ", categories));
        var boxes = await page.Locator("input[name=category]").EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.value)");
        Assert.Equal(categories, boxes.Order(StringComparer.Ordinal));

        foreach (var other in categories.Where(c => c != "secrets"))
            await page.Locator($"input[name=category][value={other}]").UncheckAsync();

        var secrets = report.Findings.Where(f => f.Category == "secrets").Select(f => f.Rule).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(secrets);
        var shown = await page.Locator(VisibleRows).EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.rule)");
        Assert.Equal(secrets, shown.Order(StringComparer.Ordinal));
        Assert.Equal(1, await page.Locator("section.category:visible").CountAsync());
        Assert.Equal("secrets", await page.Locator("section.category:visible").GetAttributeAsync("data-category"));

        // Severity and category combine: with secrets alone and critical unchecked, only its other severities stay.
        await page.Locator("input[name=severity][value=critical]").UncheckAsync();
        Assert.Equal(report.Findings.Count(f => f.Category == "secrets" && f.Severity != "critical"), await page.Locator(VisibleRows).CountAsync());
        AssertQuiet(opened);
    }

    [Fact]
    public async Task PhoneViewport_HasNoHorizontalOverflow()
    {
        await using var opened = await chromium.OpenAsync(report.HtmlPath, width: 390, height: 844);
        var page = opened.Page;

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth, document.body.scrollWidth]");
        var overflowing = await page.EvaluateAsync<string[]>(
            "w => [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > w).map(e => e.tagName + '.' + e.className).slice(0, 10)", widths[1]);
        Assert.True(widths[0] <= widths[1] && widths[2] <= widths[1],
            $"scrollWidth {widths[0]} / body {widths[2]} > viewport {widths[1]}: {string.Join(", ", overflowing)}");
        Assert.Empty(overflowing);
        var widest = await page.Locator(".finding").EvaluateAllAsync<double>("rows => Math.max(...rows.map(r => r.getBoundingClientRect().right))");
        Assert.True(widest <= 390, $"a finding extends to x={widest}");

        var screenshot = Path.Combine(InsecureShopReport.ArtifactDirectory, "insecure-shop-phone.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        output.WriteLine($"phone screenshot: {screenshot}");
        AssertQuiet(opened);
    }

    [Fact]
    public async Task HostileFindingText_IsShownAsText_AndNeitherRunsNorFetches()
    {
        const string hostile = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";
        var finding = new Finding("DP201", "security.W018", Severity.Critical, "<b>title</b>", hostile,
            new SourceLocation("\"><svg onload=window.pwned=3>.py", 3), "DEBUG", Confidence.Certain);
        var live = new Finding("DPL01", null, Severity.High, "t", "m'\"&", SourceLocation.ForUrl("javascript:window.pwned=4"), null, Confidence.High);
        var scan = new ScanReport(new TargetInfo(Path: "<iframe src=//evil.example>", SettingsModule: "x</title><script>window.pwned=5</script>"),
            [finding, live], new ReportSummary(1, ["<u>"], [], ["<link rel=stylesheet href=//evil.example/x.css>"]));
        using var temp = new TempDirectory("dp-html");
        var file = Path.Combine(temp.Path, "hostile.html");
        using (var writer = new StreamWriter(file)) new HtmlReportWriter().Write(scan, writer, RenderOptions.Plain);

        await using var opened = await chromium.OpenAsync(file);
        var page = opened.Page;

        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.pwned"));
        Assert.Equal(0, await page.Locator("main img, main svg, main b, iframe, link, main script").CountAsync());
        Assert.Equal(hostile, await page.Locator(".finding[data-rule=DP201] .message").InnerTextAsync());
        Assert.Equal("\"><svg onload=window.pwned=3>.py:3", await page.Locator(".finding[data-rule=DP201] .where").InnerTextAsync());
        Assert.Equal("javascript:window.pwned=4", await page.Locator(".finding[data-rule=DPL01] .where").InnerTextAsync());
        Assert.Equal(0, await page.Locator("a").CountAsync());
        AssertQuiet(opened);
    }

    /// <summary>The page fetched nothing but itself, and no error, CSP violation or dialog happened.</summary>
    private static void AssertQuiet(OpenedPage opened)
    {
        Assert.All(opened.Requests, url => Assert.Equal(opened.Url, url));
        Assert.Contains(opened.Url, opened.Requests);
        Assert.Empty(opened.Console);
    }
}
