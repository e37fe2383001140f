using System.Net;
using System.Text;
using DjangoPreflight.Core;
using DjangoPreflight.Probe.Http;
using DjangoPreflight.Probe.Tests.Lab;

namespace DjangoPreflight.Probe.Tests;

/// <summary>Issue 22, item 5: each way a site or a command line could make the probe send more
/// than it counts, run past its deadline, leak the user's headers or credentials, or split a
/// request, tried against real loopback servers.</summary>
public sealed class HostileSiteTests
{
    [Fact]
    public async Task ServerDroppingKeptAliveConnectionsGetsNoUncountedRetries()
    {
        // Each connection's second request is read and dropped: a client that reused connections
        // would send it again on a new one, a request --max-requests never counted.
        await using var server = new BrokenServer(BrokenServer.Kind.DropsReusedConnections);
        var r = ProbeCli.Run("probe", server.Url.ToString(), "--format", "json", "--timeout", "5", "--max-requests", "6");
        var report = ProbeJson.Parse(r);
        Assert.True((6, 6, 6) == (report.RequestsUsed, server.Requests, server.Connections), string.Join("\n---\n", server.Heads));
    }

    [Fact]
    public async Task HostileBodiesAreAnalysedWithinTheDeadline()
    {
        // Half a megabyte of unclosed tags and of blank lines: a pattern that restarts at each '<'
        // or line would need 10^10 to 10^11 steps on them, minutes on any machine. The deadline is far
        // beyond what a loaded machine needs for linear work (the run takes about a second on a
        // quiet one) and far below that; the report must say every check, request and rule ran
        // (the deadline passing in the analysis would leave rules unrun and say so, see below).
        var metas = new StringBuilder().Insert(0, "<meta content='x' ", 512 * 1024 / 18).ToString();
        var tags = metas[..(256 * 1024)] + new StringBuilder().Insert(0, "<a", 128 * 1024);
        var blank = "A=\n" + new string('\n', 500 * 1024) + " ";
        await using var site = new CannedSite(new()
        {
            ["/"] = Canned.Html(tags),
            ["/.env"] = new(200, blank, ("Content-Type", "text/plain")),
        }) { Fallback = Canned.Html(metas) };
        var r = ProbeCli.Run("probe", site.Url.ToString(), "--format", "json", "--timeout", "60", "--deadline", "120");
        var report = ProbeJson.Parse(r);
        Assert.DoesNotContain(report.Notices, n => n.Contains(": not checked (", StringComparison.Ordinal) || n.Contains("--deadline", StringComparison.Ordinal) || n.Contains("--timeout", StringComparison.Ordinal));
        Assert.DoesNotContain("incomplete", report.Grade);
        Assert.Contains("DPL13 critical", report.Findings);
    }

    [Fact]
    public void RulesNotStartedBeforeTheDeadlineAreReportedAndTheGradeSaysIncomplete()
    {
        var o = new ProbeObservations(new Uri("http://site.test/")) { DeadlineTimestamp = 0 };
        var report = ProbeRunner.Report(o, LiveRuleSet.All);
        Assert.Empty(report.Findings);
        Assert.Equal("A+ (incomplete: 1 check not run)", report.Target.Grade);
        Assert.Equal($"rules {string.Join(", ", LiveRuleSet.All.Select(r => r.Descriptor.Id))}: not checked (the probe's overall deadline (--deadline) passed during the analysis)", report.Summary.Notices.Single());
    }

    [Fact]
    public async Task UserHeadersGoOnlyToTheTargetsSchemeAndHost()
    {
        var now = DateTimeOffset.UtcNow;
        using var cert = TestCertificates.Create("127.0.0.1", now.AddDays(-1), now.AddDays(90));
        var ca = TestCertificates.WritePem(cert);
        try
        {
            await using var https = new CannedSite(new() { ["/"] = Canned.Html("<p>shop</p>") }, cert);
            await using var plain = new CannedSite(new() { ["/"] = new(301, "", ("Location", https.Url.ToString())) });
            var r = ProbeCli.Run("probe", https.Url.ToString(), "--format", "json", "--ca-file", ca, "--timeout", "5",
                "--http-port", plain.Port.ToString(), "--header", "Cookie: sessionid=s3cr3t-session");
            Assert.Equal(0, r.Exit);
            // The plain-HTTP request and the forged-Host request went without the cookie; every
            // other request to the target carried it.
            Assert.Single(plain.Heads);
            Assert.DoesNotContain("s3cr3t", plain.Heads.Single());
            var heads = https.Heads.ToList();
            var forged = heads.Single(h => h.Contains("Host: django-preflight.invalid", StringComparison.Ordinal));
            Assert.DoesNotContain("s3cr3t", forged);
            Assert.All(heads.Where(h => h != forged), h => Assert.Contains("Cookie: sessionid=s3cr3t-session\r\n", h));
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [Theory]
    [InlineData("X-Test: a\r\nHost: evil.test")]
    [InlineData("X-Test: a\nX-Other: b")]
    [InlineData("X-Test: a\0b")]
    public async Task LineBreaksInHeadersAreRefusedAndNothingIsSent(string header)
    {
        await using var site = new CannedSite(new() { ["/"] = Canned.Html("<p/>") });
        var r = ProbeCli.Run("probe", site.Url.ToString(), "--header", header);
        Assert.Equal(2, r.Exit);
        Assert.Equal("django-preflight: error: --header X-Test holds a line break or another control character\n", r.Error.ReplaceLineEndings("\n"));
        Assert.Equal(0, site.Connections);
    }

    [Fact]
    public async Task TheHttpLayerRefusesLineBreaksWhateverTheCaller()
    {
        // Behind the command line's check, the guard refuses such a header for any caller.
        await using var site = new CannedSite(new() { ["/"] = Canned.Html("<p/>") });
        var settings = new ProbeSettings { Headers = [new("X-Test", "a\r\nHost: evil.test")] };
        using var client = new ProbeClient(settings, new RequestBudget(5), CancellationToken.None);
        var exchange = await client.SendAsync(site.Url);
        Assert.Null(exchange.Response);
        Assert.Equal($"request to {site.Url} failed: the header 'X-Test' holds a line break or NUL; not sent", exchange.Error);
        Assert.Equal(0, client.Budget.Used);
        Assert.Equal(0, site.Connections);
    }

    [Fact]
    public async Task CredentialsInTheUrlAreSentToTheTargetOnlyAndNeverPrinted()
    {
        await using var site = new CannedSite(new() { ["/"] = Canned.Html("<p>shop</p>") });
        var url = $"http://admin:pa%40ss-w0rd@127.0.0.1:{site.Port}/";
        foreach (var format in new[] { "json", "text", "sarif", "markdown", "html", "junit" })
        {
            var r = ProbeCli.Run("probe", url, "--format", format, "--timeout", "5", "--max-requests", "3");
            Assert.DoesNotContain("pa%40ss", r.Out + r.Error);
            Assert.DoesNotContain("pa@ss", r.Out + r.Error);
            Assert.DoesNotContain("admin:", r.Out + r.Error);
        }
        var report = ProbeJson.Parse(ProbeCli.Run("probe", url, "--format", "json", "--timeout", "5"));
        Assert.Contains("the URL's user name and password were sent as Basic authentication to 127.0.0.1 only, and are not shown", report.Notices);
        var expected = "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:pa@ss-w0rd")) + "\r\n";
        Assert.All(site.Heads.Where(h => !h.Contains("Host: django-preflight.invalid", StringComparison.Ordinal)), h => Assert.Contains(expected, h));
        Assert.All(site.Heads.Where(h => h.Contains("Host: django-preflight.invalid", StringComparison.Ordinal)), h => Assert.DoesNotContain("Authorization", h));
    }

    [Fact]
    public async Task CredentialsInTheUrlOfScanAreNeverPrinted()
    {
        // scan PATH --url: the same URL through the project report's writers and the cross-checks.
        await using var site = new CannedSite(new() { ["/"] = Canned.Html("<p>shop</p>") });
        var url = $"http://admin:pa%40ss-w0rd@127.0.0.1:{site.Port}/";
        var shop = Path.Combine(LabDirectory.RepoRoot(), "examples", "hardened-shop");
        foreach (var format in new[] { "json", "text", "sarif", "markdown", "html", "junit" })
        {
            var r = ProbeCli.Run("scan", shop, "--no-history", "--url", url, "--format", format, "--request-timeout", "5", "--max-requests", "3");
            Assert.True(r.Exit is 0 or 1, $"{format}: {r.Error}");
            Assert.Contains("127.0.0.1", r.Out);
            Assert.DoesNotContain("pa%40ss", r.Out + r.Error);
            Assert.DoesNotContain("pa@ss", r.Out + r.Error);
            Assert.DoesNotContain("admin:", r.Out + r.Error);
        }
    }

    [Theory]
    [InlineData("http://admin:hunter2@127.0.0.1:{port}/", "cannot probe http://127.0.0.1:{port}/: cannot connect to 127.0.0.1:{port}: connection refused")]
    [InlineData("ftp://admin:hunter2@127.0.0.1:{port}/", "unsupported scheme 'ftp' in 'ftp://***@127.0.0.1:{port}/' (expected http or https)")]
    public void CredentialsInTheUrlAreRedactedFromErrors(string url, string message)
    {
        var port = FreePort.Next().ToString();
        var r = ProbeCli.Run("probe", url.Replace("{port}", port), "--timeout", "2");
        Assert.Equal(2, r.Exit);
        Assert.Equal($"django-preflight: error: {message.Replace("{port}", port)}\n", r.Error.ReplaceLineEndings("\n"));
    }
}
