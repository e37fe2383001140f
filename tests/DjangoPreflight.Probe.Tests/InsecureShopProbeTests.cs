using System.Text.RegularExpressions;
using DjangoPreflight.Probe.Tests.Lab;

namespace DjangoPreflight.Probe.Tests;

/// <summary>The probe against examples/insecure-shop served by runserver with DEBUG on, as its
/// Dockerfile does, with the production box's environment.</summary>
public sealed partial class InsecureShopProbeTests(InsecureShopLab lab) : IClassFixture<InsecureShopLab>
{
    [GeneratedRegex("\"(GET|HEAD|OPTIONS) [^\"]*\" \\d{3}")]
    private static partial Regex LoggedRequest();

    private int RequestsLoggedAfter(int offset) => LoggedRequest().Matches(lab.ServerLog[offset..]).Count;

    /// <summary>Where this test's requests start in the server log: once the log is still (on a busy
    /// machine runserver may log the last requests of the test before this one late), one request of
    /// the test's own to a path nothing else asks for, and the log position after its line. Counting
    /// from there, a late line of an earlier test is not this test's (CI once saw 22 for 21).</summary>
    private int LogMark()
    {
        var length = lab.ServerLog.Length;
        for (var i = 0; i < 20; i++)
        {
            Thread.Sleep(150);
            if (lab.ServerLog.Length == length) break;
            length = lab.ServerLog.Length;
        }
        var marker = $"/lab-mark-{Guid.NewGuid():N}/";
        using (var client = new HttpClient())
            client.GetAsync(new Uri(lab.Url, marker)).GetAwaiter().GetResult().Dispose();
        for (var i = 0; i < 100; i++)
        {
            var log = lab.ServerLog;
            var at = log.IndexOf(marker, StringComparison.Ordinal);
            var lineEnd = at < 0 ? -1 : log.IndexOf('\n', at);
            if (lineEnd >= 0) return lineEnd + 1;
            Thread.Sleep(100);
        }
        throw new TimeoutException($"runserver did not log the marker request {marker} within 10 s");
    }

    /// <summary>runserver logs each request once the response is sent; wait until the count settles.</summary>
    private int RequestsLoggedSince(int mark, int expected)
    {
        for (var i = 0; i < 50 && RequestsLoggedAfter(mark) < expected; i++) Thread.Sleep(100);
        Thread.Sleep(200);
        return RequestsLoggedAfter(mark);
    }

    [Fact]
    public void FindsEverythingTheDeploymentBreaks()
    {
        var mark = LogMark();
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
        Assert.Equal(report.RequestsUsed, RequestsLoggedSince(mark, report.RequestsUsed));
    }

    [Fact]
    public void NeverSendsMoreThanMaxRequests()
    {
        var mark = LogMark();
        var r = ProbeCli.Run("probe", lab.Url.ToString(), "--format", "json", "--max-requests", "4");
        var report = ProbeJson.Parse(r);
        Assert.Equal(4, report.RequestsUsed);
        Assert.Equal(4, RequestsLoggedSince(mark, 4));
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
        var mark = LogMark();
        var r = ProbeCli.Run("probe", lab.Url.ToString(), "--format", "json", "--select", "DPL11",
            "--rate-limit-path", "/api/products/", "--burst", "8");
        var report = ProbeJson.Parse(r);
        ProbeAssert.Findings(["DPL11 medium"], report);
        Assert.Equal([$"DPL11 {lab.Url}api/products/ 8 GET requests in a row to /api/products/ were all answered; none was refused with 429."], report.Messages);
        Assert.Equal(13 + 8, report.RequestsUsed);
        Assert.Equal(21, RequestsLoggedSince(mark, 21));
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
