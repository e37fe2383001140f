using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Probe;
using DjangoPreflight.Probe.Observing;

namespace DjangoPreflight.Rules.CrossChecks;

/// <summary>DPX01: the live site behaves as the production settings say it cannot (a debug page
/// with DEBUG off, no HSTS with HSTS on, plain HTTP served with SECURE_SSL_REDIRECT on).</summary>
public sealed class LiveContradictsSettings : CrossCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPX01",
        Title: "The live site contradicts the production settings",
        Category: Category.Live,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["+"],
        Docs: new RuleDocs(
            Why: """
                The scan judges the settings production is meant to run; the probe sees what production
                does. When they disagree (DEBUG is off in the settings but a debug page is served, HSTS is
                configured but not received, SECURE_SSL_REDIRECT is on but plain HTTP is answered), the
                server runs other settings (a forgotten environment variable, another settings module, an
                old deployment) or a proxy answers in Django's place, and the clean scan is no assurance.
                """,
            Fix: """
                Check which settings module and environment the application server really gets
                (DJANGO_SETTINGS_MODULE, the env file, the container's environment), redeploy, and
                probe again.
                """,
            Before: """
                DEBUG = False          # settings/production.py
                $ curl -s https://shop.example/no-such-page/ | grep 'DEBUG = True'
                You're seeing this error because you have <code>DEBUG = True</code> ...
                """,
            After: """
                $ curl -s https://shop.example/no-such-page/ | grep 'DEBUG = True'
                (nothing: the settings reviewed are the settings served)
                """));

    public override IEnumerable<Finding> Check(ProjectContext project, ProbeObservations live)
    {
        if (Known(project, "DEBUG")?.Truthy == false
            && live.AllResponses.FirstOrDefault(r => DjangoMarkers.IsDebugPage(r.Body)) is { } debug)
            yield return Finding($"The settings say DEBUG = False ({Where(project, "DEBUG")}), but the live site served a debug page for {debug.Url.AbsolutePath}: production does not run these settings.",
                SourceLocation.ForUrl(debug.Url.ToString()), setting: "DEBUG");
        if (Known(project, "SECURE_HSTS_SECONDS") is PyInt { Value.Sign: > 0 } seconds && live.ServedOverHttps
            && live.Home?.Response is { } home && home.Header("strict-transport-security") is null)
            yield return Finding($"The settings set SECURE_HSTS_SECONDS = {seconds.Value} ({Where(project, "SECURE_HSTS_SECONDS")}), but the live HTTPS site sends no Strict-Transport-Security header.",
                SourceLocation.ForUrl(home.Url.ToString()), severity: Severity.Medium, setting: "SECURE_HSTS_SECONDS");
        if (Known(project, "SECURE_SSL_REDIRECT")?.Truthy == true
            && live.PlainHttp?.Response is { IsSuccess: true } plain && plain.Url.Scheme == Uri.UriSchemeHttp)
            yield return Finding($"The settings set SECURE_SSL_REDIRECT = True ({Where(project, "SECURE_SSL_REDIRECT")}), but plain HTTP was answered with status {plain.Status}, not redirected.",
                SourceLocation.ForUrl(plain.Url.ToString()), severity: Severity.Medium, setting: "SECURE_SSL_REDIRECT");
    }
}
