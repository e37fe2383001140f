using System.Text.RegularExpressions;
using DjangoPreflight.Probe.Tests.Lab;

namespace DjangoPreflight.Probe.Tests;

/// <summary>The probe against examples/hardened-shop under gunicorn behind the example's own nginx
/// configuration, over TLS with a certificate from a private CA (the TLS lab's hardened variant).</summary>
[Collection("tls lab")]
public sealed class HardenedShopProbeTests(TlsLab lab)
{
    private Uri Url => lab.Url(TlsLab.Hardened);

    private string[] Args(params string[] extra) =>
    [
        "probe", Url.ToString(), "--resolve", $"{TlsLab.Hardened}:127.0.0.1",
        "--http-port", lab.HttpPort.ToString(), "--format", "json", "--timeout", "10", .. extra,
    ];

    private int AccessLogLines() => lab.Logged();

    private int AccessLogLinesSince(int before, int expected)
    {
        for (var i = 0; i < 30 && AccessLogLines() - before < expected; i++) Thread.Sleep(100);
        return AccessLogLines() - before;
    }

    [Fact]
    public void FindsNothingAtAll()
    {
        var before = AccessLogLines();
        var r = ProbeCli.Run(Args("--ca-file", lab.CaFile, "--fail-on", "info"));
        var report = ProbeJson.Parse(r);
        ProbeAssert.Findings([], report);
        Assert.Equal(0, r.Exit);
        Assert.Equal("A+", report.Grade);
        Assert.Equal(
        [
            "grade A+: score 115 = 100, +5: HSTS ready for the preload list (one header, a year or more, includeSubDomains and preload), +5: enforced CSP that stops injected scripts, with object-src 'none', +5: no sign of Django visible to an anonymous client",
            "no sign of Django seen (no csrftoken cookie, debug page, admin or DRF markup, or runserver header)",
        ], report.Reasons.Take(2));
        Assert.StartsWith("certificate: CN=shop.example.com, issued by CN=django-preflight lab CA, valid ", report.Reasons[2]);
        Assert.EndsWith(", names shop.example.com, www.shop.example.com", report.Reasons[2]);
        // 15 HTTP requests (home, 404, forged Host, plain HTTP, admin, static, API as HTML then JSON,
        // five sensitive paths, CORS with a foreign Origin then Origin: null) and 2 legacy-TLS handshakes.
        Assert.Equal(17, report.RequestsUsed);
        Assert.Equal("17 of 30 requests used", report.Notices[^1]);
        // nginx logs every HTTP request: the forged-Host one (sent over a TLS connection to the
        // real name, as an attacker does) is answered by the default server's 444. The two
        // legacy-TLS hellos are refused in the handshake and leave no line.
        Assert.Equal(report.RequestsUsed - 2, AccessLogLinesSince(before, report.RequestsUsed - 2));
    }

    [Fact]
    public void LegacyTlsIsTestedAndSeenRefused()
    {
        var r = ProbeCli.Run(Args("--ca-file", lab.CaFile));
        var report = ProbeJson.Parse(r);
        // nginx allows only TLSv1.2 and TLSv1.3: both legacy hellos get an alert (OpenSSL 3 at
        // Debian's security level says internal_error), although Debian's OpenSSL could not have
        // offered them itself.
        Assert.Contains("legacy TLS: TLS 1.0 refused (the server refused TLS 1.0 (alert internal_error)); TLS 1.1 refused (the server refused TLS 1.1 (alert internal_error))", report.Reasons);
        Assert.DoesNotContain(report.Notices, n => n.StartsWith("TLS 1.", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Findings, f => f.StartsWith("DPL14", StringComparison.Ordinal));
    }

    [Fact]
    public void UntrustedCertificateStopsTheProbeAndIsReported()
    {
        var r = ProbeCli.Run(Args());
        var report = ProbeJson.Parse(r);
        ProbeAssert.Findings(["DPL14 high"], report);
        Assert.Equal(1, r.Exit);
        Assert.Equal($"DPL14 {Url} The certificate is not trusted: issued by an untrusted root (self-signed or private CA) (issuer: CN=django-preflight lab CA).", report.Messages.Single());
        Assert.Equal(1, report.RequestsUsed);
        Assert.StartsWith($"TLS handshake with {TlsLab.Hardened}:{lab.HttpsPort} failed: ", report.Notices[0]);
        Assert.EndsWith("; only the certificate was checked (use --insecure or --ca-file to check the rest)", report.Notices[0]);
    }

    [Fact]
    public void InsecureGoesOnButStillReportsTheCertificate()
    {
        var r = ProbeCli.Run(Args("--insecure"));
        var report = ProbeJson.Parse(r);
        ProbeAssert.Findings(["DPL14 high"], report);
        Assert.Equal(17, report.RequestsUsed);
        Assert.Equal("B", report.Grade);
    }

    [Fact]
    public void WrongHostNameIsAUsageErrorWhenNginxRefusesTheHandshake()
    {
        // 127.0.0.1 is not a server_name: the default server rejects the TLS handshake (ssl_reject_handshake on).
        var r = ProbeCli.Run("probe", $"https://127.0.0.1:{lab.HttpsPort}/", "--insecure", "--timeout", "5");
        Assert.Equal(2, r.Exit);
        Assert.StartsWith($"django-preflight: error: cannot probe https://127.0.0.1:{lab.HttpsPort}/: TLS handshake with 127.0.0.1:{lab.HttpsPort} failed: ", r.Error);
        Assert.Contains("unrecognized name", r.Error);
    }
}
