using DjangoPreflight.Probe.Tests.Lab;

namespace DjangoPreflight.Probe.Tests;

/// <summary>The probe against every variant of the TLS lab, with the lab's CA trusted (--ca-file),
/// so every certificate is validated strictly; and what nginx logged of it.</summary>
[Collection("tls lab")]
public sealed class TlsLabProbeTests(TlsLab lab)
{
    private (ProbeJson Report, int Logged) Probe(string host, params string[] extra)
    {
        var before = lab.Logged();
        var r = ProbeCli.Run(["probe", lab.Url(host).ToString(), "--resolve", $"{host}:127.0.0.1", "--http-port", lab.HttpPortOf(host).ToString(),
            "--ca-file", lab.CaFile, "--format", "json", "--timeout", "20", .. extra]);
        var report = ProbeJson.Parse(r);
        // nginx logs each request once it has answered it: wait for the count to settle.
        var logged = lab.Logged() - before;
        for (var i = 0; i < 40; i++)
        {
            Thread.Sleep(100);
            var now = lab.Logged() - before;
            if (now == logged && i >= 3) break;
            logged = now;
        }
        return (report, logged);
    }

    public static TheoryData<string, string[], string> Expected => new()
    {
        { TlsLab.Hardened, [], "A+" },
        {
            TlsLab.Leaky,
            [
                "DPL04 info",     // no preload
                "DPL04 low",      // max-age=300
                "DPL04 low",      // no includeSubDomains
                "DPL07 low",      // report-only CSP
                "DPL13 critical", // /.env
                "DPL13 high",     // /.git/HEAD
                "DPL14 medium",   // certificate expires in 10 days
            ],
            "F"
        },
        {
            TlsLab.Regressed,
            [
                "DPL04 medium",   // no HSTS
                "DPL05 medium",   // csrftoken without Secure
                "DPL06 info",     // no COOP (Django 3.2)
                "DPL06 low",      // Referrer-Policy: unsafe-url
                "DPL06 low",      // Cross-Origin-Resource-Policy: Same-Origin, which browsers ignore
                "DPL07 low",      // object-src and base-uri left open
                "DPL07 medium",   // 'unsafe-inline', 'unsafe-eval', http:
                "DPL09 low",      // admin at /admin/
                "DPL10 medium",   // browsable API
                "DPL15 low",      // Django's bare 404 page
                "DPL16 high",     // reflected Origin with credentials
            ],
            "F"
        },
        {
            TlsLab.Duplicated,
            [
                "DPL04 low",      // asks for preload, but two HSTS headers
                "DPL17 info",     // nosniff twice
                "DPL17 low",      // X-Frame-Options DENY and SAMEORIGIN
                "DPL17 low",      // Cross-Origin-Opener-Policy twice: ignored
                "DPL17 medium",   // HSTS twice
            ],
            "B"
        },
        {
            TlsLab.Runserver,
            [
                "DPL01 critical", // technical 404 page through nginx
                "DPL02 medium",   // forged Host answered (ALLOWED_HOSTS has "*"), over HTTPS with a valid certificate
                "DPL04 medium",   // no HSTS
                "DPL05 medium",   // csrftoken without Secure
                "DPL06 info",     // no COOP
                "DPL07 medium",   // no CSP
                "DPL09 low",      // admin at /admin/
                "DPL10 medium",   // browsable API
            ],
            "F"
        },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void EachVariantIsSeenForWhatItIs(string host, string[] findings, string grade)
    {
        var (report, logged) = Probe(host);
        ProbeAssert.Findings(findings, report);
        Assert.Equal(grade, report.Grade);
        // nginx refuses both legacy versions in the handshake (OpenSSL's alert is internal_error or
        // protocol_version depending on the server block that answers).
        Assert.Matches(@"^legacy TLS: TLS 1\.0 refused \(the server refused TLS 1\.0 \(alert (internal_error|protocol_version)\)\); TLS 1\.1 refused \(the server refused TLS 1\.1 \(alert (internal_error|protocol_version)\)\)$", report.Reasons[^1]);
        // Every HTTP request reached nginx and was logged once; the two legacy-TLS hellos were
        // refused in the handshake and leave no line.
        Assert.Equal(report.RequestsUsed - 2, logged);
        Assert.True(report.RequestsUsed <= 30);
    }

    [Fact]
    public void ForgedHostOverValidTlsReachesDjango()
    {
        var (report, _) = Probe(TlsLab.Runserver, "--select", "DPL02");
        Assert.Equal($"DPL02 {lab.Url(TlsLab.Runserver)} A request with Host: django-preflight.invalid was answered normally (status 200); unknown hosts are not rejected.", report.Messages.Single());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    public void NginxNeverSeesMoreThanMaxRequestsAndTheGradeSaysIncomplete(int max)
    {
        var (report, logged) = Probe(TlsLab.Leaky, "--max-requests", max.ToString());
        Assert.Equal(max, report.RequestsUsed);
        Assert.True(logged <= max, $"nginx logged {logged} requests for --max-requests {max}");
        Assert.Matches(@"^[A-F][+-]? \(incomplete: \d+ checks? not run\)$", report.Grade);
    }
}
