using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Probe;
using DjangoPreflight.Probe.Observing;

namespace DjangoPreflight.Rules.CrossChecks;

/// <summary>DPX02: a cookie flag or header the settings set arrives without it, or weaker
/// (stripped or overwritten between Django and the browser).</summary>
public sealed class SettingLostOnTheWay : CrossCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPX02",
        Title: "A header or cookie flag set in the settings is lost or weakened on the way",
        Category: Category.Live,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["+"],
        Docs: new RuleDocs(
            Why: """
                Django sets the Secure flag on its cookies and the HSTS header when the settings ask, but
                a proxy can strip flags (nginx proxy_cookie_flags, a load balancer rewriting cookies) or
                replace headers (proxy_hide_header with a weaker add_header). The settings then pass every
                review while browsers get less.
                """,
            Fix: """
                Find the proxy directive that rewrites the header or cookie and remove it, or make it
                send what the settings ask for; then probe again.
                """,
            Before: """
                SESSION_COOKIE_SECURE = True
                # nginx: proxy_cookie_flags ~ nosecure;
                """,
            After: """
                SESSION_COOKIE_SECURE = True
                # nginx: (no proxy_cookie_flags)
                """));

    public override IEnumerable<Finding> Check(ProjectContext project, ProbeObservations live)
    {
        if (!live.ServedOverHttps)
            yield break;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cookie in live.Cookies.Where(c => !c.Secure && seen.Add(c.Name)))
        {
            var setting = CookieSetting(project, cookie.Name);
            if (setting is not null && Known(project, setting)?.Truthy == true)
                yield return Finding($"The settings set {setting} = True ({Where(project, setting)}), but the live site set '{cookie.Name}' (at {cookie.SeenAt}) without the Secure flag.",
                    SourceLocation.ForUrl(new Uri(live.Target, cookie.SeenAt).ToString()), setting: setting);
        }
        if (Known(project, "SECURE_HSTS_SECONDS") is PyInt { Value.Sign: > 0 } configured
            && live.Home?.Response is { } home && home.Header("strict-transport-security") is { } header
            && HstsPolicy.Parse(header).MaxAge is { } sent && sent < configured.Value)
            yield return Finding($"The settings set SECURE_HSTS_SECONDS = {configured.Value} ({Where(project, "SECURE_HSTS_SECONDS")}), but the live site sends max-age={sent}: something in front of Django replaces the header.",
                SourceLocation.ForUrl(home.Url.ToString()), setting: "SECURE_HSTS_SECONDS");
    }

    /// <summary>The setting that controls the Secure flag of a Django cookie, by the cookie's name
    /// as the settings name it (SESSION_COOKIE_NAME, CSRF_COOKIE_NAME, their defaults otherwise).</summary>
    private static string? CookieSetting(ProjectContext project, string name)
    {
        var session = Known(project, "SESSION_COOKIE_NAME")?.AsString ?? "sessionid";
        var csrf = Known(project, "CSRF_COOKIE_NAME")?.AsString ?? "csrftoken";
        var language = Known(project, "LANGUAGE_COOKIE_NAME")?.AsString ?? "django_language";
        return name == session ? "SESSION_COOKIE_SECURE" : name == csrf ? "CSRF_COOKIE_SECURE" : name == language ? "LANGUAGE_COOKIE_SECURE" : null;
    }
}
