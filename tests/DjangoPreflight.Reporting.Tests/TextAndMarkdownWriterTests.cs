namespace DjangoPreflight.Reporting.Tests;

public class TextAndMarkdownWriterTests
{
    private static string Write(IReportWriter writer, DjangoPreflight.Core.ScanReport report, bool color = false)
    {
        var o = new StringWriter();
        writer.Write(report, o, new RenderOptions(color));
        return o.ToString();
    }

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
    public void ColourIsOnlyWhereAsked() => Assert.Contains("\u001b[", Write(new TextReportWriter(), SampleReports.Scan(), color: true));

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
        Assert.Contains("Probed `https://shop.example.com/`, grade **C+**", Write(new MarkdownReportWriter(), SampleReports.Probe()));
    }

    [Fact]
    public void EveryFormatIsDeterministic()
    {
        foreach (var writer in ReportWriters.All)
            Assert.Equal(Write(writer, SampleReports.Scan()), Write(writer, SampleReports.Scan()));
    }
}
