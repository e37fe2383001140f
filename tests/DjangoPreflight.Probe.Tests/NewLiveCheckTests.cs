using DjangoPreflight.Probe.Tests.Lab;

namespace DjangoPreflight.Probe.Tests;

/// <summary>Firing and near-miss cases of the checks issue 20 added (CORS, duplicate headers, SRI,
/// Cross-Origin-Resource-Policy, Referrer-Policy from meta, HSTS preload eligibility, cookie severity under HSTS), each against a
/// real loopback server.</summary>
public sealed class NewLiveCheckTests
{
    private static ProbeJson Probe(CannedSite site, params string[] extra) =>
        ProbeJson.Parse(ProbeCli.Run(["probe", site.Url.ToString(), "--format", "json", "--timeout", "5", .. extra]));

    [Fact]
    public async Task ReflectedOriginWithCredentialsIsHigh()
    {
        await using var site = new CannedSite(new()
        {
            ["/"] = Canned.Html("<p/>", ("Access-Control-Allow-Origin", "$http_origin"), ("Access-Control-Allow-Credentials", "true")),
        });
        var report = Probe(site, "--select", "DPL16");
        ProbeAssert.Findings(["DPL16 high"], report);
        Assert.Equal($"DPL16 {site.Url} / lets any origin read it with the user's cookies: a request from https://django-preflight.invalid got that origin back in Access-Control-Allow-Origin with Access-Control-Allow-Credentials: true.", report.Messages.Single());
        // Reflected with credentials already: Origin: null is not asked as well.
        Assert.DoesNotContain(site.Heads, h => h.Contains("Origin: null", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NullOriginWithCredentialsIsHighAndAnAllowListIsFine()
    {
        await using var nullOrigin = new CannedSite(new()
        {
            ["/"] = Canned.Html("<p/>", ("Access-Control-Allow-Origin", "null"), ("Access-Control-Allow-Credentials", "true")),
        });
        var report = Probe(nullOrigin, "--select", "DPL16");
        ProbeAssert.Findings(["DPL16 high"], report);
        Assert.Contains("the \"null\" origin", report.Messages.Single());

        await using var listed = new CannedSite(new()
        {
            ["/"] = Canned.Html("<p/>", ("Access-Control-Allow-Origin", "https://app.shop.test"), ("Access-Control-Allow-Credentials", "true")),
        });
        ProbeAssert.Findings([], Probe(listed, "--select", "DPL16"));
    }

    [Fact]
    public async Task WildcardWithCredentialsIsLowAndWildcardAloneIsFine()
    {
        await using var both = new CannedSite(new() { ["/"] = Canned.Html("<p/>", ("Access-Control-Allow-Origin", "*"), ("Access-Control-Allow-Credentials", "true")) });
        ProbeAssert.Findings(["DPL16 low"], Probe(both, "--select", "DPL16"));
        await using var wildcard = new CannedSite(new() { ["/"] = Canned.Html("<p/>", ("Access-Control-Allow-Origin", "*")) });
        ProbeAssert.Findings([], Probe(wildcard, "--select", "DPL16"));
    }

    [Fact]
    public async Task DuplicateAndConflictingHeaders()
    {
        await using var site = new CannedSite(new()
        {
            ["/"] = Canned.Html("<p/>",
                ("X-Frame-Options", "DENY"), ("X-Frame-Options", "SAMEORIGIN"),
                ("X-Content-Type-Options", "nosniff"), ("X-Content-Type-Options", "nosniff"),
                // A comma list is a deliberate fallback, not a duplicate.
                ("Referrer-Policy", "no-referrer, strict-origin-when-cross-origin")),
        });
        var report = Probe(site, "--select", "DPL17");
        ProbeAssert.Findings(["DPL17 info", "DPL17 low"], report);
        Assert.Equal(
        [
            $"DPL17 {site.Url} X-Content-Type-Options is sent 2 times (nosniff): set it in one place (proxy or Django).",
            $"DPL17 {site.Url} X-Frame-Options is sent with conflicting values (DENY | SAMEORIGIN); which one a browser applies is not what either place configured.",
        ], report.Messages);
    }

    [Fact]
    public async Task AnUnrecognisedCrossOriginResourcePolicyIsLowAndTheThreeTokensAreFine()
    {
        // The tokens are compared case-sensitively (Fetch; WPT's CORP parsing tests load
        // "SAME-ORIGIN" cross-origin): Same-Origin is ignored as if absent.
        await using var misspelt = new CannedSite(new() { ["/"] = Canned.Html("<p/>", ("Cross-Origin-Resource-Policy", "Same-Origin")) });
        var report = Probe(misspelt, "--select", "DPL06,DPL17");
        Assert.Equal($"DPL06 {misspelt.Url} Cross-Origin-Resource-Policy is 'Same-Origin', which browsers do not recognise (only same-origin, same-site or cross-origin, in lower case): they ignore it, and any site may embed the responses.",
            Assert.Single(report.Messages, m => m.Contains("Resource-Policy", StringComparison.Ordinal)));
        Assert.Equal("low", report.Severities[report.Messages.ToList().FindIndex(m => m.Contains("Resource-Policy", StringComparison.Ordinal))]);

        // Browsers already refuse HTML and JSON to cross-origin no-cors reads: no header is no finding.
        foreach (var value in new[] { "same-origin", "same-site", " cross-origin ", null })
        {
            await using var site = new CannedSite(new() { ["/"] = value is null ? Canned.Html("<p/>") : Canned.Html("<p/>", ("Cross-Origin-Resource-Policy", value)) });
            Assert.DoesNotContain(Probe(site, "--select", "DPL06,DPL17").Messages, m => m.Contains("Resource-Policy", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task CrossOriginPoliciesSentTwiceAreIgnoredByBrowsersEvenWhenEqual()
    {
        // Django's SecurityMiddleware sends COOP; a proxy adding it again makes a value that is not
        // a structured-field item. CORP's lines join into a value Fetch does not honour.
        await using var site = new CannedSite(new()
        {
            ["/"] = Canned.Html("<p/>",
                ("Cross-Origin-Opener-Policy", "same-origin"), ("Cross-Origin-Opener-Policy", "same-origin"),
                ("Cross-Origin-Resource-Policy", "same-origin"), ("Cross-Origin-Resource-Policy", "same-site")),
        });
        var report = Probe(site, "--select", "DPL06,DPL17");
        Assert.Equal(
        [
            $"DPL17 {site.Url} Cross-Origin-Opener-Policy has 2 values (same-origin | same-origin): browsers read them as one, 'same-origin, same-origin', which is not a policy, and ignore the header.",
            $"DPL17 {site.Url} Cross-Origin-Resource-Policy has 2 values (same-origin | same-site): browsers read them as one, 'same-origin, same-site', which is not a policy, and ignore the header.",
        ], report.Messages.Where(m => m.Contains("Cross-Origin", StringComparison.Ordinal)));
        Assert.Equal(["low", "low"], report.Messages.Select((m, i) => (m, i)).Where(p => p.m.Contains("Cross-Origin", StringComparison.Ordinal)).Select(p => report.Severities[p.i]));
    }

    [Fact]
    public async Task SubresourcesFromOtherOrigins()
    {
        await using var site = new CannedSite(new()
        {
            ["/"] = Canned.Html("""
                <html><head>
                <link rel="stylesheet" href="/static/site.css">
                <link rel="stylesheet" href="https://cdn.example.net/bootstrap.css" integrity="sha384-abc" crossorigin="anonymous">
                <link rel="preload stylesheet" href="https://fonts.example.net/font.css">
                <script src="/static/app.js"></script>
                <script src="https://cdn.example.net/jquery.js"></script>
                <script src="http://ads.example.net/tracker.js"></script>
                <!-- <script src="https://commented.example.net/old.js"></script> -->
                <script>var s = '<script src="https://in-a-string.example.net/x.js">';</script>
                </head></html>
                """),
        });
        var report = Probe(site, "--select", "DPL18");
        ProbeAssert.Findings(["DPL18 low", "DPL18 medium"], report);
        Assert.Equal(
        [
            $"DPL18 {site.Url} / loads 1 script or stylesheet from another origin over plain HTTP, which anyone on the network path can replace: http://ads.example.net/tracker.js.",
            $"DPL18 {site.Url} / loads 2 scripts or stylesheets from another origin without an integrity attribute: https://fonts.example.net/font.css, https://cdn.example.net/jquery.js.",
        ], report.Messages);
    }

    [Fact]
    public async Task ReferrerPolicyFromAMetaTagOverridesTheHeader()
    {
        await using var weakMeta = new CannedSite(new()
        {
            ["/"] = Canned.Html("""<html><head><meta name="referrer" content="unsafe-url"></head></html>""", ("Referrer-Policy", "same-origin")),
        });
        var a = Probe(weakMeta, "--select", "DPL06");
        Assert.Contains($"DPL06 {weakMeta.Url} The page's <meta name=\"referrer\"> is 'unsafe-url', which sends full URLs to other sites.", a.Messages);

        await using var metaOnly = new CannedSite(new()
        {
            ["/"] = Canned.Html("""<html><head><meta content="strict-origin-when-cross-origin" name="referrer"></head></html>"""),
        });
        Assert.DoesNotContain(Probe(metaOnly, "--select", "DPL06").Messages, m => m.Contains("Referrer", StringComparison.Ordinal) || m.Contains("referrer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PreloadIsJudgedAsHstspreloadOrgDoesAndCookiesUnderHstsAreLow()
    {
        var now = DateTimeOffset.UtcNow;
        using var cert = TestCertificates.Create("127.0.0.1", now.AddDays(-1), now.AddDays(365));
        var ca = TestCertificates.WritePem(cert);
        try
        {
            const string hsts = "max-age=63072000; includeSubDomains; preload";
            await using var https = new CannedSite(new()
            {
                ["/"] = Canned.Html("<p/>", ("Strict-Transport-Security", hsts), ("Strict-Transport-Security", hsts),
                    ("Set-Cookie", "csrftoken=t; Path=/; SameSite=Lax")),
            }, cert);
            // Plain HTTP redirects, but to another host first.
            await using var plain = new CannedSite([]) { Fallback = new(301, "", ("Location", "https://www.elsewhere.test/")) };
            var report = Probe(https, "--select", "DPL04,DPL05,DPL17", "--ca-file", ca, "--http-port", plain.Port.ToString());
            ProbeAssert.Findings(["DPL04 low", "DPL05 low", "DPL17 medium"], report);
            Assert.Equal(
            [
                $"DPL04 {https.Url} HSTS asks for preloading, but hstspreload.org would refuse the site: 2 Strict-Transport-Security headers (exactly one is allowed); plain HTTP does not first redirect to HTTPS on the same host.",
                $"DPL05 {https.Url} The CSRF cookie 'csrftoken' (set by /) has no Secure flag; HSTS keeps it off plain HTTP except on a browser's first visit.",
                $"DPL17 {https.Url} Strict-Transport-Security is sent 2 times ({hsts}): a browser that reads the joined value as one header may ignore it, and the site cannot be preloaded (hstspreload.org requires exactly one).",
            ], report.Messages);
            Assert.DoesNotContain("preload list", report.Reasons[0]);
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [Fact]
    public async Task ACutShortBurstIsANoticeAndMakesTheGradeIncomplete()
    {
        await using var site = new CannedSite(new() { ["/"] = Canned.Html("<p/>") });
        var r = ProbeCli.Run("probe", site.Url.ToString(), "--format", "json", "--max-requests", "16", "--rate-limit-path", "/login/", "--burst", "10");
        var report = ProbeJson.Parse(r);
        Assert.Equal(16, report.RequestsUsed);
        Assert.True(report.Notices.Contains("the rate-limit burst to /login/: not checked (cut short after 3 of 10 requests: the request budget (--max-requests 16) is used up)"), string.Join("\n", report.Notices));
        Assert.DoesNotContain(report.Findings, f => f.StartsWith("DPL11", StringComparison.Ordinal));
        Assert.EndsWith(" (incomplete: 1 check not run)", report.Grade);
        Assert.StartsWith($"grade {report.Grade}: score ", report.Reasons[0]);
    }

    [Fact]
    public async Task ABurstTheBudgetLeftNoRoomForIsANoticeSayingItNeverStarted()
    {
        await using var site = new CannedSite(new() { ["/"] = Canned.Html("<p/>") });
        var report = ProbeJson.Parse(ProbeCli.Run("probe", site.Url.ToString(), "--format", "json", "--max-requests", "3", "--rate-limit-path", "/login/"));
        Assert.True(report.Notices.Contains("the rate-limit burst to /login/: not checked (never started, none of its 20 requests sent: the request budget (--max-requests 3) is used up)"), string.Join("\n", report.Notices));
        Assert.DoesNotContain(site.Requests, r => r.Contains("/login/", StringComparison.Ordinal));
        Assert.Matches(@"^[A-F][+-]? \(incomplete: \d+ checks not run\)$", report.Grade);
    }

    [Fact]
    public async Task OneRequestIsAnIncompleteGradeInEveryFormat()
    {
        await using var site = new CannedSite(new() { ["/"] = Canned.Html("<p/>") });
        var json = ProbeJson.Parse(ProbeCli.Run("probe", site.Url.ToString(), "--format", "json", "--max-requests", "1"));
        Assert.Matches(@"^[A-F][+-]? \(incomplete: \d+ checks not run\)$", json.Grade);
        foreach (var format in new[] { "text", "markdown", "html", "sarif", "junit" })
            Assert.Contains(json.Grade, ProbeCli.Run("probe", site.Url.ToString(), "--format", format, "--max-requests", "1").Out);
    }
}
