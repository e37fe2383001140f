using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Transport;

/// <summary>DP301: SecurityMiddleware is not in MIDDLEWARE (Django's security.W001).</summary>
public sealed class SecurityMiddlewareMissing : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP301",
        Title: "SecurityMiddleware is not installed",
        Category: Category.Transport,
        DefaultSeverity: Severity.High,
        DjangoIds: ["security.W001"],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                django.middleware.security.SecurityMiddleware is what applies SECURE_SSL_REDIRECT,
                SECURE_HSTS_SECONDS, SECURE_CONTENT_TYPE_NOSNIFF, SECURE_REFERRER_POLICY and
                SECURE_CROSS_ORIGIN_OPENER_POLICY. Without it those settings do nothing, however well they
                are set: no HTTPS redirect, no HSTS, no nosniff header.
                """,
            Fix: """
                Put 'django.middleware.security.SecurityMiddleware' first in MIDDLEWARE (only a middleware
                that must see the raw request, such as a CORS or WhiteNoise one, may come before it).
                """,
            Before: """
                MIDDLEWARE = [
                    "django.contrib.sessions.middleware.SessionMiddleware",
                    ...
                ]
                """,
            After: """
                MIDDLEWARE = [
                    "django.middleware.security.SecurityMiddleware",
                    "django.contrib.sessions.middleware.SessionMiddleware",
                    ...
                ]
                """));

    public override IEnumerable<Finding> Check(DeploySettings settings) =>
        When(!settings.HasMiddleware(DeploySettings.SecurityMiddleware), settings, "security.W001", "MIDDLEWARE",
            $"'{DeploySettings.SecurityMiddleware}' is not in MIDDLEWARE, so the SECURE_* settings have no effect.");
}
