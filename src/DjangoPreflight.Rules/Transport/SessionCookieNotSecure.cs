using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Transport;

/// <summary>DP307: SESSION_COOKIE_SECURE is not True while sessions are used (Django's security.W010, W011, W012).</summary>
public sealed class SessionCookieNotSecure : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP307",
        Title: "Session cookie is not marked Secure",
        Category: Category.Transport,
        DefaultSeverity: Severity.High,
        DjangoIds: ["security.W010", "security.W011", "security.W012"],
        Seeds: ["003", "004"],
        Docs: new RuleDocs(
            Why: """
                Without the Secure flag the browser also sends the session cookie over plain HTTP, where
                anyone on the network can read it and take over the logged-in session. One http:// link or
                image is enough to leak it.
                """,
            Fix: """
                Set SESSION_COOKIE_SECURE = True in production. Since Django 4.1 the check accepts only the
                boolean True: a string read from the environment ("True") still fails it, so convert it.
                """,
            Before: """
                SESSION_COOKIE_SECURE = os.environ.get("SECURE_COOKIES", "True")
                """,
            After: """
                SESSION_COOKIE_SECURE = True
                """));

    public override IEnumerable<Finding> Check(DeploySettings settings)
    {
        var (fires, id) = SessionCookieFlag.Decide(settings, "SESSION_COOKIE_SECURE", "security.W010", "security.W011", "security.W012");
        return When(fires, settings, id, "SESSION_COOKIE_SECURE",
            $"{SessionCookieFlag.Describe(settings, "SESSION_COOKIE_SECURE")} while sessions are used: the session cookie is also sent over plain HTTP.");
    }
}
