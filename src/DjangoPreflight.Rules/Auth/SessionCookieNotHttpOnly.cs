using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Auth;

/// <summary>DP504: SESSION_COOKIE_HTTPONLY is not True while sessions are used (Django's security.W013, W014, W015).</summary>
public sealed class SessionCookieNotHttpOnly : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP504",
        Title: "Session cookie is readable by JavaScript",
        Category: Category.Auth,
        DefaultSeverity: Severity.Medium,
        DjangoIds: ["security.W013", "security.W014", "security.W015"],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                Without HttpOnly, any script running on the page (an XSS payload, a compromised third-party
                script) can read document.cookie and send the session ID to an attacker, who then is the user.
                """,
            Fix: """
                Leave SESSION_COOKIE_HTTPONLY at its default, True. Since Django 4.1 the check accepts only
                the boolean True, not a truthy string.
                """,
            Before: """
                SESSION_COOKIE_HTTPONLY = False
                """,
            After: """
                # SESSION_COOKIE_HTTPONLY left at Django's default (True)
                """));

    public override IEnumerable<Finding> Check(DeploySettings settings)
    {
        var (fires, id) = SessionCookieFlag.Decide(settings, "SESSION_COOKIE_HTTPONLY", "security.W013", "security.W014", "security.W015");
        return When(fires, settings, id, "SESSION_COOKIE_HTTPONLY",
            $"{SessionCookieFlag.Describe(settings, "SESSION_COOKIE_HTTPONLY")} while sessions are used: scripts can read the session cookie.");
    }
}
