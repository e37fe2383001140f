using DjangoPreflight.Core;
using DjangoPreflight.Probe.Observing;

namespace DjangoPreflight.Probe.Rules;

/// <summary>DPL05: the session or CSRF cookie lacks the flags that keep it on HTTPS and same-site.</summary>
public sealed class InsecureCookies : LiveRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPL05",
        Title: "Session or CSRF cookie without Secure, HttpOnly or SameSite",
        Category: Category.Live,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["003", "004"],
        Docs: new RuleDocs(
            Why: """
                A cookie without Secure is also sent over plain HTTP, where it can be read. A session
                cookie without HttpOnly can be stolen by any injected script. SameSite=None sends the
                cookie on cross-site requests. (An HttpOnly CSRF cookie is not required: Django's docs
                note CSRF_COOKIE_HTTPONLY gives no practical protection, so its absence is not reported.)
                """,
            Fix: """
                Set SESSION_COOKIE_SECURE = True and CSRF_COOKIE_SECURE = True, keep
                SESSION_COOKIE_HTTPONLY = True (the default) and SameSite at 'Lax' or 'Strict' (the default is 'Lax').
                """,
            Before: """
                Set-Cookie: csrftoken=…; Path=/; SameSite=Lax
                """,
            After: """
                Set-Cookie: csrftoken=…; Path=/; SameSite=Lax; Secure
                """));

    public override IEnumerable<Finding> Check(ProbeObservations o)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Under a long HSTS policy covering sub-domains, browsers that have seen the site once never
        // send it plain HTTP again, so a missing Secure flag only matters on a first visit.
        var hsts = HstsPolicy.Of(o) is { MaxAge: >= WeakHsts.MinimumMaxAge, IncludeSubDomains: true };
        foreach (var cookie in o.Cookies)
        {
            var session = IsSession(cookie.Name);
            if (!(session || IsCsrf(cookie.Name)) || !seen.Add(cookie.Name))
                continue;
            var at = SourceLocation.ForUrl(new Uri(o.Target, cookie.SeenAt).ToString());
            var kind = session ? "session" : "CSRF";
            if (!cookie.Secure)
                yield return hsts
                    ? Finding($"The {kind} cookie '{cookie.Name}' (set by {cookie.SeenAt}) has no Secure flag; HSTS keeps it off plain HTTP except on a browser's first visit.",
                        at, severity: Severity.Low, setting: session ? "SESSION_COOKIE_SECURE" : "CSRF_COOKIE_SECURE")
                    : Finding($"The {kind} cookie '{cookie.Name}' (set by {cookie.SeenAt}) has no Secure flag: it is also sent over plain HTTP.",
                        at, setting: session ? "SESSION_COOKIE_SECURE" : "CSRF_COOKIE_SECURE");
            if (session && !cookie.HttpOnly)
                yield return Finding($"The session cookie '{cookie.Name}' has no HttpOnly flag: scripts can read it.", at, setting: "SESSION_COOKIE_HTTPONLY");
            if (cookie.SameSite is null)
                yield return Finding($"The {kind} cookie '{cookie.Name}' has no SameSite attribute.", at, severity: Severity.Low,
                    setting: session ? "SESSION_COOKIE_SAMESITE" : "CSRF_COOKIE_SAMESITE");
            else if (cookie.SameSite.Equals("none", StringComparison.OrdinalIgnoreCase))
                yield return Finding($"The {kind} cookie '{cookie.Name}' has SameSite=None: it is sent on cross-site requests.", at,
                    setting: session ? "SESSION_COOKIE_SAMESITE" : "CSRF_COOKIE_SAMESITE");
        }
    }

    private static bool IsSession(string name) => name.Equals("sessionid", StringComparison.Ordinal) || name.Contains("session", StringComparison.OrdinalIgnoreCase);

    private static bool IsCsrf(string name) => name.Contains("csrf", StringComparison.OrdinalIgnoreCase);
}
