using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Transport;

/// <summary>DP302: SECURE_SSL_REDIRECT is not True (Django's security.W008).</summary>
public sealed class SslRedirectDisabled : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP302",
        Title: "SECURE_SSL_REDIRECT is not True",
        Category: Category.Transport,
        DefaultSeverity: Severity.Medium,
        DjangoIds: ["security.W008"],
        Seeds: ["003", "004"],
        Docs: new RuleDocs(
            Why: """
                Without a redirect, a visitor who types the bare domain or follows an http:// link uses the
                site over plain HTTP, where passwords and session cookies travel in clear text and pages can
                be altered on the way.
                """,
            Fix: """
                Set SECURE_SSL_REDIRECT = True (with SecurityMiddleware installed), or make the reverse proxy
                redirect every plain-HTTP request to HTTPS and say so in a comment. Django only accepts the
                boolean True, not a truthy string read from the environment.
                """,
            Before: """
                SECURE_SSL_REDIRECT = os.environ.get("SSL_REDIRECT", "True")  # a string, never `is True`
                """,
            After: """
                SECURE_SSL_REDIRECT = os.environ.get("SSL_REDIRECT", "1") == "1"
                """));

    // Only with SecurityMiddleware, and only the exact value True passes (`is True`).
    public override IEnumerable<Finding> Check(DeploySettings settings) =>
        When(settings.HasMiddleware(DeploySettings.SecurityMiddleware) & !settings.IsTrue("SECURE_SSL_REDIRECT"),
            settings, "security.W008", "SECURE_SSL_REDIRECT",
            "SECURE_SSL_REDIRECT is not True: plain-HTTP requests are not redirected to HTTPS.");
}
