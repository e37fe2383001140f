using DjangoPreflight.Probe.Tests.Lab;

namespace DjangoPreflight.Probe.Tests;

/// <summary>Firing and near-miss cases of the live rules, each against a real loopback server
/// answering canned pages.</summary>
public sealed class LiveRuleCaseTests
{
    private const string Default404 = "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n";

    private static ProbeJson Probe(CannedSite site, params string[] extra) =>
        ProbeJson.Parse(ProbeCli.Run(["probe", site.Url.ToString(), "--format", "json", "--timeout", "5", .. extra]));

    [Fact]
    public async Task CatchAllPagesAreNotMistakenForExposedFiles()
    {
        // A single-page app answers 200 with its HTML shell for every path and every Host.
        await using var site = new CannedSite([]) { Fallback = Canned.Html("<html><body>app shell KEY=VALUE ref: refs/heads/main Index of </body></html>") };
        var report = Probe(site, "--select", "DPL02,DPL12,DPL13,DPL15");
        ProbeAssert.Findings(["DPL02 medium", "DPL12 low"], report);
        Assert.Contains($"DPL12 {site.Url}static/admin/css/base.css /static/admin/css/base.css answers with text/html, not CSS: static files (collectstatic output) are not served.", report.Messages);
    }

    [Fact]
    public async Task ExposedFilesAndListingsAreFound()
    {
        await using var site = new CannedSite(new()
        {
            ["/"] = Canned.Html("<p>shop</p>"),
            ["/.env"] = new(200, "# prod\nDJANGO_SECRET_KEY=abc\nexport DB_PASSWORD=x\n", ("Content-Type", "application/octet-stream")),
            ["/.git/HEAD"] = new(200, "ref: refs/heads/main\n", ("Content-Type", "text/plain")),
            ["/media/"] = Canned.Html("<html><head><title>Index of /media/</title></head><body><a href=\"a.pdf\">a.pdf</a></body></html>"),
            ["/static/admin/css/base.css"] = new(200, "body{}", ("Content-Type", "text/css")),
        });
        var report = Probe(site, "--select", "DPL12,DPL13");
        ProbeAssert.Findings(["DPL13 critical", "DPL13 high", "DPL13 medium"], report);
        Assert.Equal(
        [
            $"DPL13 {site.Url}.env /.env is served: the environment file with the site's secrets can be downloaded.",
            $"DPL13 {site.Url}.git/HEAD /.git/HEAD is served: the git repository (source and history) can be downloaded.",
            $"DPL13 {site.Url}media/ /media/ shows a directory listing.",
        ], report.Messages);
    }

    [Fact]
    public async Task HttpOnlyCsrfCookieIsFineButAWeakSessionCookieIsNot()
    {
        await using var site = new CannedSite(new()
        {
            ["/"] = Canned.Html("<p>shop</p>", ("Set-Cookie", "sessionid=s3cr3t; Path=/; SameSite=None; Secure")),
            ["/admin/login/"] = Canned.Html("<form id=\"login-form\"><input name=\"csrfmiddlewaretoken\"></form>",
                ("Set-Cookie", "csrftoken=t0k3n; Path=/; SameSite=Lax; Secure; HttpOnly")),
        });
        var report = Probe(site, "--select", "DPL05,DPL09");
        ProbeAssert.Findings(["DPL05 medium", "DPL05 medium", "DPL09 low"], report);
        Assert.Equal(
        [
            $"DPL05 {site.Url} The session cookie 'sessionid' has SameSite=None: it is sent on cross-site requests.",
            $"DPL05 {site.Url} The session cookie 'sessionid' has no HttpOnly flag: scripts can read it.",
            $"DPL09 {site.Url}admin/login/ The Django admin login form is served at /admin/login/, the first path bots try.",
        ], report.Messages);
        Assert.DoesNotContain(report.Messages, m => m.Contains("s3cr3t") || m.Contains("t0k3n"));
    }

    [Fact]
    public async Task DefaultDjango404IsFoundAndACustomOneIsNot()
    {
        await using var bare = new CannedSite(new() { ["/"] = Canned.Html("<p>shop</p>") }) { Fallback = new(404, Default404, ("Content-Type", "text/html")) };
        var report = Probe(bare, "--select", "DPL15");
        ProbeAssert.Findings(["DPL15 low"], report);
        Assert.Contains(report.Reasons, r => r.StartsWith("looks like Django: Django's default 404 page (/django-preflight-no-such-page/ and ", StringComparison.Ordinal));

        await using var custom = new CannedSite(new() { ["/"] = Canned.Html("<p>shop</p>") }) { Fallback = new(404, "<h1>Sorry, no such page</h1>", ("Content-Type", "text/html")) };
        ProbeAssert.Findings([], Probe(custom, "--select", "DPL15"));
    }

    [Fact]
    public async Task RedirectToTheForgedHostMeansTheHostHeaderIsTrusted()
    {
        await using var site = new CannedSite([]) { Fallback = new(301, "", ("Location", "http://django-preflight.invalid/")) };
        var r = ProbeCli.Run("probe", site.Url.ToString(), "--format", "json", "--select", "DPL02");
        // The home page itself redirects off-host: the probe reports what it got and says so.
        var report = ProbeJson.Parse(r);
        ProbeAssert.Findings(["DPL02 medium"], report);
        Assert.Equal($"DPL02 {site.Url} A request with Host: django-preflight.invalid was redirected to that host (http://django-preflight.invalid/); the Host header is trusted.", report.Messages.Single());
        Assert.Contains($"{site.Url} redirects to another host (django-preflight.invalid); not followed", report.Notices);
    }

    [Fact]
    public async Task CspFromAMetaTagWithNonceAndStrictDynamicStopsScriptsButLeavesBaseUriOpen()
    {
        await using var site = new CannedSite(new()
        {
            ["/"] = Canned.Html("""<html><head><meta http-equiv="Content-Security-Policy" content="script-src 'nonce-r4nd0m' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'"></head></html>""",
                ("Content-Security-Policy-Report-Only", "default-src 'self'")),
        });
        var report = Probe(site, "--select", "DPL07");
        // Scripts are restricted (no medium finding); what the policy does not name is reported, low.
        ProbeAssert.Findings(["DPL07 low"], report);
        Assert.Equal($"DPL07 {site.Url} The Content-Security-Policy leaves open: no base-uri: an injected <base> tag can point the page's relative script URLs elsewhere; no default-src: every kind of resource the policy does not name is unrestricted.", report.Messages.Single());

        await using var complete = new CannedSite(new()
        {
            ["/"] = Canned.Html("""<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'nonce-r4nd0m' 'strict-dynamic'; object-src 'none'; base-uri 'none'"></head></html>"""),
        });
        ProbeAssert.Findings([], Probe(complete, "--select", "DPL07"));
    }

    [Fact]
    public async Task ReportOnlyCspAndUnsafeInlineAreFound()
    {
        await using var reportOnly = new CannedSite(new() { ["/"] = Canned.Html("<p/>", ("Content-Security-Policy-Report-Only", "default-src 'self'")) });
        var a = Probe(reportOnly, "--select", "DPL07");
        ProbeAssert.Findings(["DPL07 low"], a);
        Assert.Equal($"DPL07 {reportOnly.Url} The Content-Security-Policy is report-only: nothing is blocked.", a.Messages.Single());

        // Two enforced policies: both must hold, but neither stops inline scripts.
        await using var weak = new CannedSite(new() { ["/"] = Canned.Html("<p/>", ("Content-Security-Policy", "default-src 'self' 'unsafe-inline'"), ("Content-Security-Policy", "img-src 'self'")) });
        var b = Probe(weak, "--select", "DPL07");
        ProbeAssert.Findings(["DPL07 low", "DPL07 medium"], b);
        Assert.Equal($"DPL07 {weak.Url} The Content-Security-Policy does not stop injected scripts: 'unsafe-inline' allows injected inline scripts; no script-src or default-src: scripts are not restricted.", b.Messages[0]);
        // object-src falls back to the first policy's default-src 'self'; base-uri has no fallback.
        Assert.Equal($"DPL07 {weak.Url} The Content-Security-Policy leaves open: no base-uri: an injected <base> tag can point the page's relative script URLs elsewhere.", b.Messages[1]);
    }

    [Fact]
    public async Task HstsVariants()
    {
        var now = DateTimeOffset.UtcNow;
        using var cert = TestCertificates.Create("127.0.0.1", now.AddDays(-1), now.AddDays(365));
        var ca = TestCertificates.WritePem(cert);
        try
        {
            await using var site = new CannedSite(new() { ["/"] = Canned.Html("<p/>", ("Strict-Transport-Security", "max-age=3600")) }, cert);
            var report = Probe(site, "--select", "DPL04,DPL14", "--ca-file", ca);
            ProbeAssert.Findings(["DPL04 info", "DPL04 low", "DPL04 low"], report);
            Assert.Equal(
            [
                $"DPL04 {site.Url} HSTS does not include sub-domains (includeSubDomains).",
                $"DPL04 {site.Url} HSTS is not marked for preloading (preload); first visits are not protected.",
                $"DPL04 {site.Url} HSTS max-age is 3600 s, under six months (15768000 s).",
            ], report.Messages);
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [Fact]
    public async Task CertificateExpiringSoonIsMedium()
    {
        var now = DateTimeOffset.UtcNow;
        using var cert = TestCertificates.Create("127.0.0.1", now.AddDays(-60), now.AddDays(10).AddHours(12));
        var ca = TestCertificates.WritePem(cert);
        try
        {
            await using var site = new CannedSite(new() { ["/"] = Canned.Html("<p/>") }, cert);
            var report = Probe(site, "--select", "DPL14", "--ca-file", ca);
            ProbeAssert.Findings(["DPL14 medium"], report);
            Assert.Equal($"DPL14 {site.Url} The certificate expires on {cert.NotAfter.ToUniversalTime():yyyy-MM-dd}, in 10 days.", report.Messages.Single());
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [Fact]
    public async Task ExpiredAndWrongHostCertificatesAreHighUnderInsecure()
    {
        var now = DateTimeOffset.UtcNow;
        using var cert = TestCertificates.Create("other.test", now.AddDays(-400), now.AddDays(-35));
        await using var site = new CannedSite(new() { ["/"] = Canned.Html("<p/>") }, cert);
        var report = Probe(site, "--select", "DPL14", "--insecure", "--http-port", FreePort.Next().ToString());
        ProbeAssert.Findings(["DPL14 high", "DPL14 high", "DPL14 high"], report);
        Assert.Equal(
        [
            $"DPL14 {site.Url} The certificate does not cover 127.0.0.1 (it names: other.test).",
            $"DPL14 {site.Url} The certificate expired on {cert.NotAfter.ToUniversalTime():yyyy-MM-dd} (CN=other.test).",
            $"DPL14 {site.Url} The certificate is not trusted: issued by an untrusted root (self-signed or private CA) (issuer: CN=other.test).",
        ], report.Messages);
        // 14 HTTP requests (the API path answers 404, so it is asked only once; plain HTTP is refused;
        // CORS asked with a foreign and a null Origin) and 2 legacy-TLS handshakes.
        Assert.Equal(16, report.RequestsUsed);
    }
}
