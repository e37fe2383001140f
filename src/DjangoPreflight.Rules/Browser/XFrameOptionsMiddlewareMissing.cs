using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Browser;

/// <summary>DP401: XFrameOptionsMiddleware is not in MIDDLEWARE (Django's security.W002).</summary>
public sealed class XFrameOptionsMiddlewareMissing : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP401",
        Title: "Clickjacking protection middleware is not installed",
        Category: Category.Browser,
        DefaultSeverity: Severity.Medium,
        DjangoIds: ["security.W002"],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                Without an X-Frame-Options header any site can load yours in an invisible frame and trick a
                logged-in user into clicking buttons there (clickjacking): changing an email, confirming a
                payment, granting access.
                """,
            Fix: """
                Add 'django.middleware.clickjacking.XFrameOptionsMiddleware' to MIDDLEWARE (or send a CSP
                frame-ancestors directive from the front server for every response).
                """,
            Before: """
                MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]
                """,
            After: """
                MIDDLEWARE = [..., "django.middleware.clickjacking.XFrameOptionsMiddleware"]
                """));

    public override IEnumerable<Finding> Check(DeploySettings settings) =>
        When(!settings.HasMiddleware(DeploySettings.XFrameOptionsMiddleware), settings, "security.W002", "MIDDLEWARE",
            $"'{DeploySettings.XFrameOptionsMiddleware}' is not in MIDDLEWARE: pages are sent without an X-Frame-Options header.");
}
