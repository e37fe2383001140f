using System.Text.Json;
using DjangoPreflight.Probe.Tests.Lab;

namespace DjangoPreflight.Probe.Tests;

/// <summary>
/// Issue 20, item 1: the forged-Host request over HTTPS with a valid certificate. A made-up Host
/// never matches the certificate, so it must be sent over a connection made for the real name,
/// validated as strictly as every other request. Shown with the two checks that depend on it:
/// DPL01 (the DisallowedHost debug page, from the hardened shop with DEBUG on, served over TLS by
/// gunicorn itself) and DPL02 (any Host accepted, the runserver variant behind nginx), with the
/// lab's CA given by --ca-file and, as for a public certificate, only in the system's trust store.
/// </summary>
[Collection("tls lab")]
public sealed class ForgedHostOverTlsTests(TlsLab lab)
{
    [Fact]
    public void DisallowedHostDebugPageIsSeenOverValidTls()
    {
        // Django itself refuses the forged Host (ALLOWED_HOSTS names the site) and, DEBUG on, shows
        // its DisallowedHost page: DPL01, and not DPL02.
        var port = FreePort.Next();
        var certs = lab.CertificateDir(TlsLab.Hardened);
        var env = new Dictionary<string, string>(lab.HardenedEnv) { ["DJANGO_DEBUG"] = "1", ["DJANGO_ALLOWED_HOSTS"] = TlsLab.Hardened };
        using var gunicorn = ChildProcess.Start("/usr/bin/gunicorn",
            ["--bind", $"127.0.0.1:{port}", "--workers", "1", "--certfile", Path.Combine(certs, "fullchain.pem"), "--keyfile", Path.Combine(certs, "privkey.pem"), "shop.wsgi:application"],
            lab.HardenedApp, env);
        gunicorn.WaitForPort(port, TimeSpan.FromSeconds(60));
        var url = new Uri($"https://{TlsLab.Hardened}:{port}/");
        var r = ProbeCli.Run("probe", url.ToString(), "--resolve", $"{TlsLab.Hardened}:127.0.0.1", "--http-port", FreePort.Next().ToString(),
            "--ca-file", lab.CaFile, "--select", "DPL01,DPL02,DPL14", "--format", "json", "--timeout", "30");
        var report = ProbeJson.Parse(r);
        Assert.Contains($"DPL01 {url} A request with Host: {ProbeObservations.ForeignHost} got the DisallowedHost debug page (status 400): DEBUG is on.", report.Messages);
        Assert.DoesNotContain(report.Messages, m => m.StartsWith("DPL02", StringComparison.Ordinal) || m.StartsWith("DPL14", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Notices, n => n.StartsWith("host validation", StringComparison.Ordinal));
    }

    [Fact]
    public void ForgedHostWorksWithACertificateTrustedByTheSystem()
    {
        // No --ca-file: the lab's CA is the system's trust store of a probe run as its own process
        // (SSL_CERT_FILE, read by .NET's OpenSSL layer), as a public CA is for a real site.
        var output = Path.Combine(lab.Root, $"system-trust-{Guid.NewGuid():N}.json");
        ChildProcess.Run("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "django-preflight.dll"), "probe", lab.Url(TlsLab.Runserver).ToString(),
                "--resolve", $"{TlsLab.Runserver}:127.0.0.1", "--http-port", lab.HttpPortOf(TlsLab.Runserver).ToString(),
                "--select", "DPL02,DPL14", "--format", "json", "--output", output, "--timeout", "30"],
            lab.Root, new Dictionary<string, string> { ["SSL_CERT_FILE"] = lab.CaFile }, TimeSpan.FromMinutes(2), oneIsAnAnswer: true);
        var report = ProbeJson.Parse(File.ReadAllText(output));
        Assert.Equal($"DPL02 {lab.Url(TlsLab.Runserver)} A request with Host: {ProbeObservations.ForeignHost} was answered normally (status 200); unknown hosts are not rejected.", report.Messages.Single());
    }
}
