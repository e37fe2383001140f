using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Transport;

/// <summary>DP308: CSRF_COOKIE_SECURE is not True while the CSRF cookie is used (Django's security.W016).</summary>
public sealed class CsrfCookieNotSecure : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP308",
        Title: "CSRF cookie is not marked Secure",
        Category: Category.Transport,
        DefaultSeverity: Severity.Medium,
        DjangoIds: ["security.W016"],
        Seeds: ["003", "004"],
        Docs: new RuleDocs(
            Why: """
                Without the Secure flag the CSRF cookie is also sent over plain HTTP, where a network
                attacker can read it, or set their own, and then forge requests that pass the CSRF check.
                """,
            Fix: """
                Set CSRF_COOKIE_SECURE = True in production (or keep the token in the session with
                CSRF_USE_SESSIONS = True). Since Django 4.1 only the boolean True passes the check.
                """,
            Before: """
                CSRF_COOKIE_SECURE = False
                """,
            After: """
                CSRF_COOKIE_SECURE = True
                """));

    // Django: passes when CSRF_USE_SESSIONS is truthy, or CsrfViewMiddleware is absent, or the flag is on.
    public override IEnumerable<Finding> Check(DeploySettings settings) =>
        When(!settings.Truthy("CSRF_USE_SESSIONS") & settings.HasMiddleware(DeploySettings.CsrfMiddleware)
             & !settings.CookieFlagOn("CSRF_COOKIE_SECURE"),
            settings, "security.W016", "CSRF_COOKIE_SECURE",
            $"{SessionCookieFlag.Describe(settings, "CSRF_COOKIE_SECURE")} while CsrfViewMiddleware is used: the CSRF cookie is also sent over plain HTTP.");
}
