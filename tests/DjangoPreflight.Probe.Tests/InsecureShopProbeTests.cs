using System.Text.RegularExpressions;
using DjangoPreflight.Probe.Tests.Lab;

namespace DjangoPreflight.Probe.Tests;

/// <summary>The probe against examples/insecure-shop served by runserver with DEBUG on, as its
/// Dockerfile does, with the production box's environment.</summary>
public sealed partial class InsecureShopProbeTests(InsecureShopLab lab) : IClassFixture<InsecureShopLab>
{
    [GeneratedRegex("\"(GET|HEAD|OPTIONS) [^\"]*\" \\d{3}")]
    private static partial Regex LoggedRequest();

    private int RequestsLogged() => LoggedRequest().Matches(lab.ServerLog).Count;

    /// <summary>The count before a probe, once the log is still: on a busy machine runserver may log
    /// the last requests of the test before this one late, and they would be counted as this one's.</summary>
    private int RequestsLoggedBefore()
    {
        var count = RequestsLogged();
        for (var i = 0; i < 20; i++)
        {
            Thread.Sleep(150);
            var now = RequestsLogged();
            if (now == count) break;
            count = now;
        }
        return count;
    }

    /// <summary>runserver logs each request once the response is sent; wait until the count settles.</summary>
    private int RequestsLoggedSince(int before, int expected)
    {
        for (var i = 0; i < 50 && RequestsLogged() - before < expected; i++) Thread.Sleep(100);
        Thread.Sleep(200);
        return RequestsLogged() - before;
    }

    [Fact]
    public void FindsEverythingTheDeploymentBreaks()
    {
        var before = RequestsLoggedBefore();
        var r = ProbeCli.Run("probe", lab.Url.ToString(), "--format", "json", "--timeout", "10");
        var report = ProbeJson.Parse(r);
        ProbeAssert.Findings(
        [
            "DPL01 critical", // technical 404 page
            "DPL02 medium",   // ALLOWED_HOSTS = [..., "*"]
            "DPL03 high",     // plain HTTP only
            "DPL04 medium",   // hence no HSTS
            "DPL05 medium",   // csrftoken without Secure (CSRF_COOKIE_SECURE unset)
            "DPL06 info",     // no COOP (Django 3.2 does not send it)
            "DPL07 medium",   // no CSP
            "DPL08 high",     // runserver
            "DPL09 low",      // admin at /admin/
            "DPL10 medium",   // browsable API, AllowAny
        ], report);
        Assert.Equal(1, r.Exit);
        Assert.Equal("F", report.Grade);
        Assert.Contains(report.Messages, m => m == $"DPL01 {lab.Url}django-preflight-no-such-page/ The technical 404 page (DEBUG = True) is served for /django-preflight-no-such-page/, listing the project's URL patterns.");
        Assert.Contains(report.Messages, m => m == $"DPL02 {lab.Url} A request with Host: django-preflight.invalid was answered normally (status 200); unknown hosts are not rejected.");
        Assert.Contains(report.Messages, m => m == $"DPL05 {lab.Url}admin/login/ The CSRF cookie 'csrftoken' (set by /admin/login/) has no Secure flag: it is also sent over plain HTTP.");
        Assert.Contains(report.Messages, m => m == $"DPL10 {lab.Url}api/ Django REST framework's browsable API is served at /api/ to an anonymous client (status 200).");
        Assert.Contains(report.Reasons, m => m.StartsWith("looks like Django: Django REST framework browsable API (/api/); Django admin login form (/admin/login/); Django debug page (/django-preflight-no-such-page/", StringComparison.Ordinal));
        Assert.Contains("the site is not served over HTTPS: certificate and TLS versions not checked", report.Notices);
        // Every request the probe counted reached the server, and no more.
        Assert.Equal(13, report.RequestsUsed);
        Assert.Equal(report.RequestsUsed, RequestsLoggedSince(before, report.RequestsUsed));
    }

    [Fact]
    public void NeverSendsMoreThanMaxRequests()
    {
        var before = RequestsLoggedBefore();
        var r = ProbeCli.Run("probe", lab.Url.ToString(), "--format", "json", "--max-requests", "4");
        var report = ProbeJson.Parse(r);
        Assert.Equal(4, report.RequestsUsed);
        Assert.Equal(4, RequestsLoggedSince(before, 4));
        Assert.Equal(
        [
            "static files: not checked (the request budget (--max-requests 4) is used up)",
            "the API: not checked (the request budget (--max-requests 4) is used up)",
            "/.env: not checked (the request budget (--max-requests 4) is used up)",
            "/.git/HEAD: not checked (the request budget (--max-requests 4) is used up)",
            "/settings.py: not checked (the request budget (--max-requests 4) is used up)",
            "/static/: not checked (the request budget (--max-requests 4) is used up)",
            "/media/: not checked (the request budget (--max-requests 4) is used up)",
            "CORS: not checked (the request budget (--max-requests 4) is used up)",
            "the site is not served over HTTPS: certificate and TLS versions not checked",
            "4 of 4 requests used",
        ], report.Notices);
        // What was observed is still judged: the first four requests show the debug page and runserver.
        Assert.Contains("DPL01 critical", report.Findings);
        Assert.Contains("DPL08 high", report.Findings);
    }

    [Fact]
    public void RateLimitBurstIsOptInAndBounded()
    {
        var before = RequestsLoggedBefore();
        var r = ProbeCli.Run("probe", lab.Url.ToString(), "--format", "json", "--select", "DPL11",
            "--rate-limit-path", "/api/products/", "--burst", "8");
        var report = ProbeJson.Parse(r);
        ProbeAssert.Findings(["DPL11 medium"], report);
        Assert.Equal([$"DPL11 {lab.Url}api/products/ 8 GET requests in a row to /api/products/ were all answered; none was refused with 429."], report.Messages);
        Assert.Equal(13 + 8, report.RequestsUsed);
        Assert.Equal(21, RequestsLoggedSince(before, 21));
        Assert.Equal(0, r.Exit); // medium is below the default --fail-on high
    }

    [Fact]
    public void TextReportShowsGradeFindingsAndNotices()
    {
        var r = ProbeCli.Run("probe", lab.Url.ToString(), "--select", "DPL08,DPL09");
        Assert.Equal(1, r.Exit);
        Assert.Equal($"""
            Probed {lab.Url}  grade B
              grade B: score 70 = 100, -25: 1 high finding, -5: 1 low finding
            """.ReplaceLineEndings("\n"), string.Join("\n", r.Out.ReplaceLineEndings("\n").Split('\n').Take(2)));
        Assert.Contains("DPL08  Development server answers, or versions are disclosed", r.Out);
        Assert.Contains("Django's development server (runserver) answers: Server: WSGIServer/0.2 CPython/", r.Out);
        Assert.Contains("Note: 13 of 30 requests used", r.Out);
    }
}
