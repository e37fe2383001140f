using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Transport;

/// <summary>DP305: HSTS is on without preload (Django's security.W021).</summary>
public sealed class HstsWithoutPreload : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP305",
        Title: "HSTS preload is not enabled",
        Category: Category.Transport,
        DefaultSeverity: Severity.Low,
        DjangoIds: ["security.W021"],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                HSTS only protects a browser after its first visit. The preload list built into browsers
                closes that first-visit gap, and a site can only be submitted to it when it sends the
                preload directive.
                """,
            Fix: """
                Set SECURE_HSTS_PRELOAD = True (with includeSubDomains and a max-age of at least a year),
                then submit the domain at hstspreload.org. Removal from the list takes months: be sure.
                """,
            Before: """
                SECURE_HSTS_SECONDS = 31536000
                SECURE_HSTS_INCLUDE_SUBDOMAINS = True
                """,
            After: """
                SECURE_HSTS_SECONDS = 31536000
                SECURE_HSTS_INCLUDE_SUBDOMAINS = True
                SECURE_HSTS_PRELOAD = True
                """));

    // Only with SecurityMiddleware and a truthy SECURE_HSTS_SECONDS; only `is True` passes.
    public override IEnumerable<Finding> Check(DeploySettings settings) =>
        When(settings.HasMiddleware(DeploySettings.SecurityMiddleware) & settings.Truthy("SECURE_HSTS_SECONDS")
             & !settings.IsTrue("SECURE_HSTS_PRELOAD"),
            settings, "security.W021", "SECURE_HSTS_PRELOAD",
            "HSTS is enabled but SECURE_HSTS_PRELOAD is not True: the site cannot be submitted to the browsers' preload list.");
}
