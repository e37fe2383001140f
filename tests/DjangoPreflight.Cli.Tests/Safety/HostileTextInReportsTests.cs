using System.Text.Json;
using System.Xml.Linq;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Safety;

/// <summary>
/// #22: repository text that would break out of a report's markup. A file name carries an HTML
/// script, a CDATA end (<c>]]&gt;</c>), a comment start, an escape sequence and a bidirectional
/// override; the HTML report must show them as text and the JUnit report stay well-formed XML
/// holding the same text.
/// </summary>
public class HostileTextInReportsTests
{
    private const string Payload = "<script>alert(1)</script>]]><!--\u001b[2J\u202e";

    private static TempDirectory Project()
    {
        var temp = new TempDirectory("dp-hostile-text");
        temp.Write("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'h.settings')\n");
        temp.Write("h/__init__.py", "");
        temp.Write("h/settings.py", "DEBUG = True\n");
        // A file whose name carries the payload (minus '/'), unparsable so that it is named in the report.
        temp.Write($"h/{Payload}.py", "def broken(:\n");
        return temp;
    }

    private static string Scan(string root, string format)
    {
        var run = CliRun.InMemory("scan", root, "--no-history", "--format", format);
        Assert.True(run.ExitCode is 0 or 1, $"{format}: exit {run.ExitCode} {run.Stderr}");
        return run.Stdout;
    }

    [Fact]
    public void TheReportsNameTheFile()
    {
        // Proves the checks below can fail: the payload reaches the report (JSON keeps it exactly).
        using var project = Project();
        using var json = JsonDocument.Parse(Scan(project.Path, "json"));
        var summary = json.RootElement.GetProperty("summary");
        Assert.Contains(summary.GetProperty("parse_errors").EnumerateArray(), e => e.GetProperty("path").GetString() == $"h/{Payload}.py");
    }

    [Fact]
    public void HtmlShowsThemAsText()
    {
        using var project = Project();
        var html = Scan(project.Path, "html");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;]]&gt;&lt;!--", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.DoesNotContain("]]><!--", html);
    }

    [Fact]
    public void JunitStaysWellFormedXml()
    {
        using var project = Project();
        var xml = Scan(project.Path, "junit");
        var doc = XDocument.Parse(xml);
        Assert.DoesNotContain('\u001b', xml);
        Assert.Contains(doc.Descendants().SelectMany(e => new[] { e.Value }.Concat(e.Attributes().Select(a => a.Value))),
            t => t.Contains("<script>alert(1)</script>]]>", StringComparison.Ordinal));
    }
}
