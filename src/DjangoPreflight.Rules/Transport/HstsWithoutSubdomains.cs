using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Transport;

/// <summary>DP304: HSTS is on without includeSubDomains (Django's security.W005).</summary>
public sealed class HstsWithoutSubdomains : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP304",
        Title: "HSTS does not include subdomains",
        Category: Category.Transport,
        DefaultSeverity: Severity.Low,
        DjangoIds: ["security.W005"],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                Without includeSubDomains, an attacker on the network can serve a plain-HTTP subdomain
                (real or invented) and use it to set or read cookies scoped to the parent domain.
                """,
            Fix: """
                Set SECURE_HSTS_INCLUDE_SUBDOMAINS = True once every subdomain is served over HTTPS only.
                """,
            Before: """
                SECURE_HSTS_SECONDS = 31536000
                """,
            After: """
                SECURE_HSTS_SECONDS = 31536000
                SECURE_HSTS_INCLUDE_SUBDOMAINS = True
                """));

    // Only with SecurityMiddleware and a truthy SECURE_HSTS_SECONDS; only `is True` passes.
    public override IEnumerable<Finding> Check(DeploySettings settings) =>
        When(settings.HasMiddleware(DeploySettings.SecurityMiddleware) & settings.Truthy("SECURE_HSTS_SECONDS")
             & !settings.IsTrue("SECURE_HSTS_INCLUDE_SUBDOMAINS"),
            settings, "security.W005", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
            "HSTS is enabled but SECURE_HSTS_INCLUDE_SUBDOMAINS is not True: subdomains can still be reached over plain HTTP.");
}
