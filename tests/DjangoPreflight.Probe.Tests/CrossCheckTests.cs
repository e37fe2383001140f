using DjangoPreflight.Probe.Tests.Lab;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Probe.Tests;

/// <summary><c>scan PATH --url URL</c> (issue 20, item 6): examples/hardened-shop's production
/// settings against the lab's variants. Where the live site contradicts them, DPX01/DPX02 say so.</summary>
[Collection("tls lab")]
public sealed class CrossCheckTests(TlsLab lab)
{
    private ProbeJson Scan(string host, params string[] extra)
    {
        var r = ProbeCli.Run(["scan", lab.HardenedApp, "--env-file", Path.Combine(lab.HardenedApp, RepoPaths.ProductionEnv("hardened-shop")), "--no-history",
            "--url", lab.Url(host).ToString(), "--resolve", $"{host}:127.0.0.1", "--http-port", lab.HttpPortOf(host).ToString(),
            "--ca-file", lab.CaFile, "--format", "json", .. extra]);
        return ProbeJson.Parse(r);
    }

    [Fact]
    public void TheSettingsServedAgreeWithTheSettingsScanned()
    {
        var report = Scan(TlsLab.Hardened, "--select", "DPX,DPL");
        ProbeAssert.Findings([], report);
        Assert.Equal("A+", report.Grade);
    }

    [Fact]
    public void ADebugPageAndNoHstsMeanProductionRunsOtherSettings()
    {
        // The runserver variant serves insecure-shop with DEBUG on: not the settings scanned.
        var report = Scan(TlsLab.Runserver, "--select", "DPX");
        // (and its csrftoken comes without the Secure flag CSRF_COOKIE_SECURE asks for).
        ProbeAssert.Findings(["DPX01 high", "DPX01 medium", "DPX02 medium"], report);
        Assert.Contains(report.Messages, m => m.StartsWith($"DPX01 {lab.Url(TlsLab.Runserver)}django-preflight-no-such-page/ The settings say DEBUG = False (shop/settings/", StringComparison.Ordinal)
            && m.EndsWith("), but the live site served a debug page for /django-preflight-no-such-page/: production does not run these settings.", StringComparison.Ordinal));
        Assert.Contains(report.Messages, m => m.StartsWith($"DPX01 {lab.Url(TlsLab.Runserver)} The settings set SECURE_HSTS_SECONDS = 31536000 (shop/settings/production.py:", StringComparison.Ordinal));
    }

    [Fact]
    public void AProxyThatReplacesHstsWithAWeakerOneIsCaught()
    {
        // The leaky variant's nginx hides Django's HSTS and sends max-age=300.
        var report = Scan(TlsLab.Leaky, "--select", "DPX");
        ProbeAssert.Findings(["DPX02 medium"], report);
        Assert.Contains("but the live site sends max-age=300: something in front of Django replaces the header.", report.Messages.Single());
    }

    [Fact]
    public async Task PlainHttpAnsweredDespiteSslRedirectIsCaught()
    {
        // The hardened site over HTTPS, but its plain-HTTP port served by something that answers
        // 200 instead of redirecting (a second proxy, a forgotten default site): SECURE_SSL_REDIRECT
        // never runs there.
        await using var plain = new CannedSite(new() { ["/"] = Canned.Html("<p>welcome</p>") });
        var r = ProbeCli.Run("scan", lab.HardenedApp, "--env-file", Path.Combine(lab.HardenedApp, RepoPaths.ProductionEnv("hardened-shop")), "--no-history",
            "--url", lab.Url(TlsLab.Hardened).ToString(), "--resolve", $"{TlsLab.Hardened}:127.0.0.1", "--http-port", plain.Port.ToString(),
            "--ca-file", lab.CaFile, "--format", "json", "--select", "DPX");
        var report = ProbeJson.Parse(r);
        ProbeAssert.Findings(["DPX01 medium"], report);
        Assert.StartsWith($"DPX01 http://{TlsLab.Hardened}:{plain.Port}/ The settings set SECURE_SSL_REDIRECT = True (shop/settings/production.py:", report.Messages.Single());
        Assert.EndsWith("), but plain HTTP was answered with status 200, not redirected.", report.Messages.Single());
    }

    [Fact]
    public void OneReportCarriesTheScanTheProbeAndTheGrade()
    {
        var r = ProbeCli.Run("scan", lab.HardenedApp, "--env-file", Path.Combine(lab.HardenedApp, RepoPaths.ProductionEnv("hardened-shop")), "--no-history",
            "--url", lab.Url(TlsLab.Leaky).ToString(), "--resolve", $"{TlsLab.Leaky}:127.0.0.1", "--http-port", lab.HttpPort.ToString(), "--ca-file", lab.CaFile);
        Assert.Contains("DPL13", r.Out);
        Assert.Contains("DPX02", r.Out);
        Assert.Contains($"Probed {lab.Url(TlsLab.Leaky)}  grade F", r.Out);
        Assert.Equal(1, r.Exit);
    }
}
