using DjangoPreflight.Cli;
using DjangoPreflight.Probe.Tests.Lab;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Reporting.Tests;

/// <summary>Real reports from the real command line (in memory): scans of the example projects and
/// a probe of a loopback site, written with <c>--format F --output FILE</c>.</summary>
public static class ReportRuns
{
    /// <summary>Scans examples/NAME (git history included) and returns the report file's text.</summary>
    public static string Scan(string example, string format, TempDirectory temp)
    {
        var file = Path.Combine(temp.Path, $"{example}.{format}");
        var stderr = new StringWriter();
        var exit = CliApp.Run(["scan", RepoPaths.Examples(example), "--format", format, "--output", file], new StringWriter(), stderr);
        Assert.True(exit is 0 or 1, $"scan {example} exited {exit}: {stderr}");
        return File.ReadAllText(file);
    }

    /// <summary>A plain-HTTP site with a page, a 404 and a CSRF cookie without Secure: enough for
    /// the probe to find several problems, each located by URL.</summary>
    public static CannedSite Site() => new(new()
    {
        ["/"] = Canned.Html("<html><body><p>shop</p></body></html>", ("Set-Cookie", "csrftoken=abc123; Path=/; SameSite=Lax")),
        ["/admin/login/"] = Canned.Html("<form><input type=\"hidden\" name=\"csrfmiddlewaretoken\" value=\"x\"></form>", ("Set-Cookie", "csrftoken=abc123; Path=/; SameSite=Lax")),
    });

    public static string Probe(CannedSite site, string format, TempDirectory temp)
    {
        var file = Path.Combine(temp.Path, $"probe.{format}");
        var stderr = new StringWriter();
        var exit = CliApp.Run(["probe", site.Url.ToString(), "--format", format, "--output", file, "--timeout", "5"], new StringWriter(), stderr);
        Assert.True(exit is 0 or 1, $"probe exited {exit}: {stderr}");
        return File.ReadAllText(file);
    }
}
