namespace DjangoPreflight.Reporting.Tests;

public class TextAndMarkdownWriterTests
{
    private static string Write(IReportWriter writer, DjangoPreflight.Core.ScanReport report, bool color = false) =>
        WriterOutput.Of(writer, report, color);

    [Fact]
    public void PlainTextHasNoEscapeCodesAndShowsEveryFinding()
    {
        var text = Write(new TextReportWriter(), SampleReports.Scan());
        Assert.DoesNotContain("\u001b[", text);
        Assert.Contains("DP201 (security.W018) DEBUG is on in production", text);
        Assert.Contains("shop/settings/base.py:12:1", text);
        Assert.Contains("confidence low", text);
        Assert.Contains("3 findings (1 critical, 1 high, 1 low), 42 files scanned", text);
        Assert.Contains("Could not resolve: CACHES", text);
        Assert.Contains("Parse error legacy/old.py:3: invalid syntax", text);
    }

    [Fact]
    public void TextShowsTheProbeGrade() => Assert.Contains("grade C+", Write(new TextReportWriter(), SampleReports.Probe()));

    [Fact]
    public void MarkdownTableRowsStayIntact()
    {
        var md = Write(new MarkdownReportWriter(), SampleReports.Scan());
        var rows = md.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rows.Count); // the header and three findings
        Assert.Equal("| critical | DP201 (security.W018) | `shop/settings/base.py:12:1` | **DEBUG is on in production**: DEBUG is True \\| \"quoted\" <tag> |", rows[1]);
        Assert.Contains("ALLOWED_HOSTS = ['*'] second line _(confidence low)_", rows[2]);
        Assert.Contains("\n- Production must set DJANGO_SECRET_KEY (SECRET_KEY): without it, shop/settings.py:7 raises ImproperlyConfigured\n", md);
        Assert.Contains("\nCould not decide (low confidence): DP204 ALLOWED_HOSTS\n", md);
        Assert.Contains("Probed `https://shop.example.com/`, grade **C+**", Write(new MarkdownReportWriter(), SampleReports.Probe()));
    }

    [Fact]
    public void EveryFormatIsDeterministic()
    {
        foreach (var writer in ReportWriters.All)
            Assert.Equal(Write(writer, SampleReports.Scan()), Write(writer, SampleReports.Scan()));
    }

    /// <summary>Findings from four categories, given in location order as the scanner emits them.</summary>
    private static DjangoPreflight.Core.ScanReport Grouped()
    {
        var sample = SampleReports.Scan();
        var secret = new DjangoPreflight.Core.Finding("DP101", null, DjangoPreflight.Core.Severity.High, "SECRET_KEY is a literal in source", "The literal djan… (50 chars).",
            new DjangoPreflight.Core.SourceLocation("shop/settings/base.py", 5, 1), "SECRET_KEY", DjangoPreflight.Core.Confidence.Certain);
        var ssl = new DjangoPreflight.Core.Finding("DP301", "security.W008", DjangoPreflight.Core.Severity.Medium, "SECURE_SSL_REDIRECT is off", "SECURE_SSL_REDIRECT is not set.",
            new DjangoPreflight.Core.SourceLocation("shop/settings/base.py", 1), "SECURE_SSL_REDIRECT", DjangoPreflight.Core.Confidence.Certain);
        // DP204 (high) is listed before DP201 (critical) here; the text shows the critical first.
        return sample with { Findings = [ssl, secret, sample.Findings[1], sample.Findings[0], sample.Findings[2]] };
    }

    [Fact]
    public void TextGroupsFindingsByChecklistCategoryMostSevereFirst()
    {
        var text = Write(new TextReportWriter(), Grouped());
        Assert.Equal(
            """
            Scanned examples/shop  settings shop.settings.production  Django 4.2
              named like production

            Secrets and environment isolation (1 finding)
            HIGH     DP101 SECRET_KEY is a literal in source
                shop/settings/base.py:5:1
                The literal djan… (50 chars).

            Information disclosure (2 findings)
             CRITICAL  DP201 (security.W018) DEBUG is on in production
                shop/settings/base.py:12:1
                DEBUG is True | "quoted" <tag>
            HIGH     DP204 ALLOWED_HOSTS contains * confidence low
                shop/settings/base.py:20
                ALLOWED_HOSTS = ['*']
            second line

            Transport security (1 finding)
            MEDIUM   DP301 (security.W008) SECURE_SSL_REDIRECT is off
                shop/settings/base.py:1
                SECURE_SSL_REDIRECT is not set.

            Operations (1 finding)
            LOW      DP601 STATIC_ROOT is not set confidence high
                shop/settings/production.py
                No STATIC_ROOT.

            5 findings (1 critical, 2 high, 1 medium, 1 low), 42 files scanned
            By category: secrets 1, disclosure 2, transport 1, operations 1
            2 rules checked
            Production must set DJANGO_SECRET_KEY (SECRET_KEY): without it, shop/settings.py:7 raises ImproperlyConfigured
            Could not decide (low confidence): DP204 ALLOWED_HOSTS
            Could not resolve: CACHES
            Parse error legacy/old.py:3: invalid syntax
            Note: history scan skipped (--no-history)

            """.ReplaceLineEndings("\n"), text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void SeverityColoursAppearOnlyOnATerminal()
    {
        var plain = Write(new TextReportWriter(), Grouped());
        var coloured = Write(new TextReportWriter(), Grouped(), color: true);
        Assert.DoesNotContain("\u001b[", plain);
        // Spectre's standard palette: critical white on bright red, high red, medium yellow, low blue.
        Assert.Contains("\u001b[97;101m CRITICAL \u001b[0m", coloured);
        Assert.Contains("\u001b[91mHIGH    \u001b[0m", coloured);
        Assert.Contains("\u001b[93mMEDIUM  \u001b[0m", coloured);
        Assert.Contains("\u001b[94mLOW     \u001b[0m", coloured);
    }

    [Fact]
    public void ProbeFindingsFormTheLiveGroup()
    {
        var text = Write(new TextReportWriter(), SampleReports.Probe());
        Assert.Contains("Live probe (1 finding)\nMEDIUM   DPL04 HSTS header missing\n    https://shop.example.com/\n", text.ReplaceLineEndings("\n"));
        Assert.Contains("1 finding (1 medium)\nBy category: live 1\n", text.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("files scanned", text);
    }
}
