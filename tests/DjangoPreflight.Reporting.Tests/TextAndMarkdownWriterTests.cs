using DjangoPreflight.Core;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Reporting.Tests;

public class TextAndMarkdownWriterTests
{
    private static string Write(IReportWriter writer, ScanReport report, bool color = false, int? width = null)
    {
        var o = new StringWriter();
        writer.Write(report, o, new RenderOptions(color, width));
        return o.ToString().ReplaceLineEndings("\n");
    }

    private static void MatchSnapshot(string name, string actual) => Snapshot.Match("DjangoPreflight.Reporting.Tests", name, actual);

    [Fact]
    public void PlainTextHasNoEscapeCodesAndShowsEveryFinding()
    {
        var text = Write(new TextReportWriter(), SampleReports.Scan());
        Assert.DoesNotContain("\u001b[", text);
        Assert.Contains("DP201  DEBUG is on in production (security.W018)", text);
        Assert.Contains("shop/settings/base.py:12:1", text);
        Assert.Contains("low confidence", text);
        Assert.Contains("3 findings (1 critical, 1 high, 1 low), 42 files scanned", text);
        Assert.Contains("Could not resolve: CACHES", text);
        Assert.Contains("Parse error legacy/old.py:3: invalid syntax", text);
    }

    [Fact]
    public void Control_characters_from_the_repository_are_shown_not_obeyed()
    {
        // A file name that would clear the screen and retitle the terminal, a value with a carriage
        // return that would overwrite its line, and a right-to-left override that reverses text.
        var sample = SampleReports.Scan();
        var hostile = sample.Findings[0] with
        {
            Location = new SourceLocation("shop/\u001b[2J\u001b]0;pwned\u0007x.py", 3),
            Message = "DEBUG = 'on\rall clear' \u202eyp.lanif",
        };
        var report = sample with { Findings = [hostile], Summary = sample.Summary with { Notices = ["h/\u001b[31mred.py: skipped"] } };
        foreach (var output in new[] { Write(new TextReportWriter(), report), Write(new MarkdownReportWriter(), report) })
        {
            Assert.DoesNotContain('\u001b', output);
            Assert.DoesNotContain('\u0007', output);
            Assert.DoesNotContain('\r', output);
            Assert.DoesNotContain('\u202e', output);
            Assert.Contains("\\u001b[2J", output);
            Assert.Contains("\\u202e", output);
        }
    }

    [Fact]
    public void Markdown_does_not_mention_anyone_a_value_names()
    {
        var sample = SampleReports.Scan();
        var report = sample with { Findings = [sample.Findings[0] with { Message = "ADMINS = [('ops', 'cc @octocat and @acme/security')]" }] };
        var markdown = Write(new MarkdownReportWriter(), report);
        Assert.DoesNotContain("@octocat", markdown);
        Assert.DoesNotContain("@acme", markdown);
        Assert.Contains("@&#8203;octocat", markdown);
    }

    [Fact]
    public void TextShowsTheProbeGrade() => Assert.Contains("grade C+", Write(new TextReportWriter(), SampleReports.Probe()));

    /// <summary>Findings from four categories, given in location order as the scanner emits them,
    /// with messages that repeat their title and one long enough to wrap.</summary>
    private static ScanReport Grouped()
    {
        var sample = SampleReports.Scan();
        var secret = new Finding("DP101", null, Severity.High, "SECRET_KEY is a literal in source", "The literal djan… (50 chars).",
            new SourceLocation("shop/settings/base.py", 5, 1), "SECRET_KEY", Confidence.Certain);
        var ssl = new Finding("DP302", "security.W008", Severity.Medium, "SECURE_SSL_REDIRECT is not True",
            "SECURE_SSL_REDIRECT is not True: plain-HTTP requests are not redirected to HTTPS, so the first request of every visit, its cookies included, travels in clear text on networks an attacker may watch.",
            new SourceLocation("shop/settings/base.py", 1), "SECURE_SSL_REDIRECT", Confidence.Certain);
        var staticRoot = sample.Findings[2] with { Message = "STATIC_ROOT is not set: collectstatic has nowhere to collect static files." };
        // DP204 (high) is listed before DP201 (critical) here; the text shows the critical first.
        return sample with { Findings = [ssl, secret, sample.Findings[1], sample.Findings[0], staticRoot] };
    }

    /// <summary>Every finding certain: the report has no confidence column at all.</summary>
    private static ScanReport AllCertain() =>
        Grouped() with { Findings = Grouped().Findings.Select(f => f with { Confidence = Confidence.Certain }).ToList() };

    [Fact]
    public void TextLayoutPiped() => MatchSnapshot("text-piped.txt", Write(new TextReportWriter(), Grouped()));

    [Fact]
    public void TextLayoutOnAnEightyColumnTerminal() => MatchSnapshot("text-terminal-80.txt", Write(new TextReportWriter(), Grouped(), width: 80));

    [Fact]
    public void TextLayoutWhenEveryFindingIsCertain() => MatchSnapshot("text-certain.txt", Write(new TextReportWriter(), AllCertain()));

    [Fact]
    public void TextLayoutOfAProbe() => MatchSnapshot("text-probe.txt", Write(new TextReportWriter(), SampleReports.Probe()));

    [Fact]
    public void MarkdownLayout() => MatchSnapshot("markdown.md", Write(new MarkdownReportWriter(), Grouped()));

    [Fact]
    public void MarkdownLayoutWhenEveryFindingIsCertain() => MatchSnapshot("markdown-certain.md", Write(new MarkdownReportWriter(), AllCertain()));

    [Fact]
    public void MarkdownLayoutOfAProbe() => MatchSnapshot("markdown-probe.md", Write(new MarkdownReportWriter(), SampleReports.Probe()));

    [Fact]
    public void PipedTextIsNeverWrapped()
    {
        var text = Write(new TextReportWriter(), Grouped());
        Assert.Contains("          plain-HTTP requests are not redirected to HTTPS, so the first request of every visit, its cookies included, travels in clear text on networks an attacker may watch.\n", text);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(100)]
    public void OnATerminalNoLineIsWiderThanItAndContinuationsStayUnderTheMessage(int width)
    {
        var lines = Write(new TextReportWriter(), Grouped(), width: width).Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));
        var message = Array.FindIndex(lines, l => l.Contains("plain-HTTP requests"));
        Assert.StartsWith("          plain-HTTP", lines[message]);
        Assert.StartsWith("          ", lines[message + 1]);
        Assert.NotEqual(' ', lines[message + 1][10]);
    }

    [Fact]
    public void SeverityLabelsAndRuleIdsLineUp()
    {
        var text = Write(new TextReportWriter(), Grouped());
        var findingLines = text.Split('\n').Where(l => l.Length > 0 && char.IsUpper(l[0]) && l.Contains("  DP", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, findingLines.Count);
        Assert.Single(findingLines.Select(l => l.IndexOf("DP", StringComparison.Ordinal)).Distinct());
    }

    [Fact]
    public void ConfidenceIsAColumnOnlyWhenAFindingIsUncertain()
    {
        var uncertain = Write(new TextReportWriter(), Grouped());
        Assert.Contains("HIGH      low confidence   DP204  ALLOWED_HOSTS contains *\n", uncertain);
        Assert.Contains("LOW       high confidence  DP601  STATIC_ROOT is not set\n", uncertain);
        Assert.Contains("CRITICAL                   DP201  DEBUG is on in production (security.W018)\n", uncertain);
        var certain = Write(new TextReportWriter(), AllCertain());
        Assert.DoesNotContain("confidence", certain);
        Assert.Contains("CRITICAL  DP201  DEBUG is on in production (security.W018)\n", certain);
    }

    [Fact]
    public void TheTitleIsNotRepeatedInTheMessage()
    {
        foreach (var writer in new IReportWriter[] { new TextReportWriter(), new MarkdownReportWriter(), new HtmlReportWriter() })
        {
            var output = Write(writer, Grouped());
            Assert.DoesNotContain("STATIC_ROOT is not set: collectstatic", output);
            Assert.DoesNotContain("SECURE_SSL_REDIRECT is not True: plain-HTTP", output);
            Assert.Contains("collectstatic has nowhere to collect static files.", output);
        }
    }

    [Fact]
    public void MarkdownRowsStayIntactAndTextIsShownLiterally()
    {
        var md = Write(new MarkdownReportWriter(), SampleReports.Scan());
        var rows = md.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, rows.Count); // a header for each of the two categories, three findings
        Assert.Contains("| critical | | DP201 (security.W018) | `shop/settings/base.py:12:1` | **DEBUG is on in production**: DEBUG is True \\| \"quoted\" &lt;tag> |", rows);
        Assert.Contains("| high | low | DP204 | `shop/settings/base.py:20` | **ALLOWED_HOSTS contains \\***: ALLOWED_HOSTS = ['\\*'] second line |", rows);
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

    [Fact]
    public void SeverityColoursAppearOnlyOnATerminalAndCoverTheWordOnly()
    {
        var plain = Write(new TextReportWriter(), Grouped());
        var coloured = Write(new TextReportWriter(), Grouped(), color: true);
        Assert.DoesNotContain("\u001b[", plain);
        // Spectre's standard palette: critical white on bright red, high red, medium yellow, low blue;
        // the padding after the word stays uncoloured, so the columns line up as in plain text.
        Assert.Contains("\u001b[97;101mCRITICAL\u001b[0m  ", coloured);
        Assert.Contains("\u001b[91mHIGH\u001b[0m      ", coloured);
        Assert.Contains("\u001b[93mMEDIUM\u001b[0m    ", coloured);
        Assert.Contains("\u001b[94mLOW\u001b[0m       ", coloured);
    }
}
