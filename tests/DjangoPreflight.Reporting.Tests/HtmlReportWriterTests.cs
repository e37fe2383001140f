using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting.Tests;

/// <summary>The HTML page as bytes: escaping of everything a scanned project controls, counts,
/// grouping by category, the CSP that matches the inline assets, and determinism. The browser
/// tests (Cli.Tests/HtmlReport) check how Chromium renders and filters it.</summary>
public class HtmlReportWriterTests
{
    private const string Hostile = "<img src=x onerror=\"alert(1)\"><script>alert(2)</script>&amp;'";

    private static string Write(ScanReport report)
    {
        var o = new StringWriter();
        new HtmlReportWriter().Write(report, o, RenderOptions.Plain);
        return o.ToString();
    }

    private static ScanReport HostileReport() => new(
        new TargetInfo(Path: "<iframe src=//evil.example>", SettingsModule: "x</title><script>alert(3)</script>", DjangoVersion: "\"4.2")
        {
            Reasons = ["<a href=\"javascript:alert(4)\">why</a>"],
        },
        [
            new Finding("DP201", "security.W018\"><b>", Severity.Critical, "<b>title</b>", Hostile,
                new SourceLocation("\"><svg onload=alert(5)>.py", 3), "<u>DEBUG</u>", Confidence.Certain),
            new Finding("DPL01", null, Severity.High, "t", "m", SourceLocation.ForUrl("javascript:alert(6)"), null, Confidence.High),
        ],
        new ReportSummary(1, ["<u>CACHES"], [new ParseErrorInfo("<p>.py", 1, "<hr>")], ["<link rel=stylesheet href=//evil.example/x.css>"]));

    [Fact]
    public void EverythingFromTheScannedProjectIsEscaped_NoMarkupOrLinkSurvives()
    {
        var html = Write(HostileReport());

        Assert.Contains("<p class=\"message\">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;&amp;amp;&#39;</p>", html);
        Assert.Contains("<code class=\"where\">&quot;&gt;&lt;svg onload=alert(5)&gt;.py:3</code>", html);
        Assert.Contains("<code class=\"where\">javascript:alert(6)</code>", html);
        Assert.Contains("<code class=\"django\">security.W018&quot;&gt;&lt;b&gt;</code>", html);
        Assert.Contains("<title>django-preflight: &lt;iframe src=//evil.example&gt;</title>", html);
        Assert.Contains("<li>&lt;link rel=stylesheet href=//evil.example/x.css&gt;</li>", html);
        // The page's own markup is all that is left: one style, one script, no tag a finding could bring.
        Assert.Equal(1, Count(html, "<script"));
        Assert.Equal(1, Count(html, "<style"));
        foreach (var tag in new[] { "<img", "<svg", "<iframe", "<link", "<a ", "<b>", "<u>", "<p>.py", "<hr" })
            Assert.DoesNotContain(tag, html);
        var tags = Regex.Matches(WithoutAssets(html), "<([a-zA-Z][a-zA-Z0-9]*)[^>]*>").ToList();
        Assert.All(tags, t => Assert.Contains(t.Groups[1].Value, PageTags));
        Assert.All(tags, t => Assert.DoesNotMatch(new Regex(@"\s(on\w+|href|src|style|action)\s*=", RegexOptions.IgnoreCase), t.Value));
        Assert.DoesNotContain("alert(", ScriptAndStyle(html));
    }

    [Fact]
    public void ShowsTargetCountsBySeverityAndEveryFindingWithItsDetails()
    {
        var html = Write(SampleReports.Scan());

        Assert.Contains("<dt>Path</dt><dd><code>examples/shop</code></dd>", html);
        Assert.Contains("<dt>Settings</dt><dd><code>shop.settings.production</code></dd>", html);
        Assert.Contains("<dt>Django</dt><dd><code>4.2</code></dd>", html);
        Assert.Contains("<li>named like production</li>", html);
        Assert.Contains("<strong id=\"total\">3 findings</strong>, 42 files scanned", html);
        foreach (var (severity, n) in new[] { ("critical", 1), ("high", 1), ("medium", 0), ("low", 1), ("info", 0) })
            Assert.Contains($"<strong data-count=\"{severity}\">{n}</strong> {severity}", html);
        Assert.Equal(3, Count(html, "<li class=\"finding "));
        Assert.Contains("<div><span class=\"badge\">critical</span> <code class=\"rule\">DP201</code> <code class=\"django\">security.W018</code> <h3>DEBUG is on in production</h3></div>", html);
        Assert.Contains("<p class=\"meta\"><code class=\"where\">shop/settings/base.py:12:1</code> · setting <code>DEBUG</code> · confidence certain</p>", html);
        Assert.Contains("<p class=\"meta\"><code class=\"where\">shop/settings/base.py:20</code> · setting <code>ALLOWED_HOSTS</code> · confidence low</p>", html);
        Assert.Contains("<li>Production must set DJANGO_SECRET_KEY (SECRET_KEY): without it, shop/settings.py:7 raises ImproperlyConfigured</li>", html);
        Assert.Contains("<li>Could not decide (low confidence): DP204 ALLOWED_HOSTS</li>", html);
        Assert.Contains("<li>Could not resolve: <code>CACHES</code></li>", html);
        Assert.Contains("<li>Parse error <code>legacy/old.py:3</code>: invalid syntax</li>", html);
        Assert.Contains("<li>history scan skipped (--no-history)</li>", html);
    }

    [Fact]
    public void GroupsByChecklistCategoryInChecklistOrder_MostSevereFirst()
    {
        var html = Write(SampleReports.Scan());

        // DP201/DP204 take their category from the rules' descriptors; DP601 (not listed) from its ID range.
        var sections = Regex.Matches(html, "<section class=\"category\" data-category=\"(\\w+)\">").Select(m => m.Groups[1].Value);
        Assert.Equal(["disclosure", "operations"], sections);
        Assert.Contains("<h2>DP2xx Information disclosure <span class=\"meta\">(2)</span></h2>", html);
        Assert.Contains("<h2>DP6xx Operations <span class=\"meta\">(1)</span></h2>", html);
        var rows = Regex.Matches(html, "<li class=\"finding sev-(\\w+)\" data-severity=\"\\1\" data-category=\"(\\w+)\" data-rule=\"(\\w+)\">")
            .Select(m => $"{m.Groups[3].Value}:{m.Groups[1].Value}:{m.Groups[2].Value}");
        Assert.Equal(["DP201:critical:disclosure", "DP204:high:disclosure", "DP601:low:operations"], rows);
        // Filters list only the severities and categories present.
        Assert.Equal(["critical", "high", "low"], Regex.Matches(html, "name=\"severity\" value=\"(\\w+)\"").Select(m => m.Groups[1].Value));
        Assert.Equal(["disclosure", "operations"], Regex.Matches(html, "name=\"category\" value=\"(\\w+)\"").Select(m => m.Groups[1].Value));
        Assert.Contains("value=\"critical\" checked> critical (1)</label>", html);
        Assert.Contains("value=\"disclosure\" checked> DP2xx Information disclosure (2)</label>", html);
    }

    [Fact]
    public void ProbeReportShowsUrlAndGrade_AndLiveFindingsUnderTheLiveProbe()
    {
        var html = Write(SampleReports.Probe());

        Assert.Contains("<dt>URL</dt><dd><code>https://shop.example.com/</code></dd>", html);
        Assert.Contains("<dt>Grade</dt><dd><code>C+</code></dd>", html);
        Assert.DoesNotContain("files scanned", html);
        Assert.DoesNotContain("<dt>Path</dt>", html);
        Assert.Contains("<section class=\"category\" data-category=\"live\">\n<h2>DPLxx Live probe <span class=\"meta\">(1)</span></h2>", html);
        Assert.Contains("<code class=\"where\">https://shop.example.com/</code>", html);
        Assert.DoesNotContain("href=", html);
    }

    [Fact]
    public void NoFindings_SaysSo_WithoutFilters()
    {
        var html = Write(new ScanReport(new TargetInfo(Path: "."), [], new ReportSummary(5, [], [], [])));

        Assert.Contains("<p class=\"none\">No findings.</p>", html);
        Assert.Contains("<strong id=\"total\">0 findings</strong>, 5 files scanned", html);
        Assert.DoesNotContain("id=\"filters\"", html);
        Assert.DoesNotContain("class=\"category\"", html);
    }

    [Fact]
    public void ContentSecurityPolicyAllowsExactlyTheInlineStyleAndScript_AndNothingIsFetched()
    {
        var html = Write(SampleReports.Scan());

        var csp = Regex.Match(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">").Groups[1].Value;
        var style = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        var script = Regex.Match(html, "<script>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        Assert.NotEmpty(style);
        Assert.NotEmpty(script);
        Assert.Equal($"default-src 'none'; style-src '{Hash(style)}'; script-src '{Hash(script)}'; base-uri 'none'; form-action 'none'", csp);
        Assert.DoesNotContain("unsafe", csp);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html);
        Assert.DoesNotMatch(new Regex(@"https?:|\burl\(|@import|\bsrc=|\bhref=", RegexOptions.IgnoreCase), html);
    }

    [Fact]
    public void SameReportSameBytes_WhateverTheInputOrder()
    {
        var report = SampleReports.Scan();
        var reversed = report with { Findings = report.Findings.Reverse().ToList() };

        var first = Write(report);
        Assert.Equal(first, Write(report));
        Assert.Equal(first, Write(reversed));
        Assert.DoesNotMatch(new Regex(@"\b20\d\d-\d\d-\d\d"), first);
        Assert.DoesNotContain("\r", first);
    }

    [Fact]
    public void IsTheHtmlFormat() => Assert.IsType<HtmlReportWriter>(ReportWriters.Find("html"));

    private static int Count(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;

    private static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string ScriptAndStyle(string html) =>
        string.Concat(Regex.Matches(html, "<(script|style)>(.*?)</\\1>", RegexOptions.Singleline).Select(m => m.Groups[2].Value));

    /// <summary>The tags the page itself is made of; a tag outside this list came from a finding.</summary>
    private static readonly string[] PageTags =
        ["html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "dl", "dt", "dd", "code", "ul", "ol", "li",
         "section", "main", "p", "div", "span", "strong", "form", "fieldset", "legend", "label", "input", "script"];

    /// <summary>The markup without the inline stylesheet's and script's text (which is not markup).</summary>
    private static string WithoutAssets(string html) => Regex.Replace(html, "<(script|style)>.*?</\\1>", "<$1>", RegexOptions.Singleline);
}
