using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Transport;

/// <summary>DP303: SECURE_HSTS_SECONDS is unset or 0 (Django's security.W004).</summary>
public sealed class HstsNotEnabled : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP303",
        Title: "HSTS is not enabled",
        Category: Category.Transport,
        DefaultSeverity: Severity.Medium,
        DjangoIds: ["security.W004"],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                Without a Strict-Transport-Security header, a browser will still try plain HTTP first on each
                new visit, and an attacker on the network can keep the visitor on HTTP (SSL stripping) even
                though the site redirects to HTTPS.
                """,
            Fix: """
                Set SECURE_HSTS_SECONDS once the whole site (and, with includeSubDomains, every subdomain)
                works over HTTPS. Start small (3600), check nothing breaks, then raise it to a year
                (31536000). A browser remembers the header for that long: it cannot be undone quickly.
                """,
            Before: """
                # SECURE_HSTS_SECONDS not set
                """,
            After: """
                SECURE_HSTS_SECONDS = 31536000
                """));

    // Only with SecurityMiddleware; any falsy value (0, None, "") fires it.
    public override IEnumerable<Finding> Check(DeploySettings settings) =>
        When(settings.HasMiddleware(DeploySettings.SecurityMiddleware) & !settings.Truthy("SECURE_HSTS_SECONDS"),
            settings, "security.W004", "SECURE_HSTS_SECONDS",
            settings.Model.IsSet("SECURE_HSTS_SECONDS")
                ? "SECURE_HSTS_SECONDS is 0: no Strict-Transport-Security header is sent."
                : "SECURE_HSTS_SECONDS is not set: no Strict-Transport-Security header is sent.");
}
