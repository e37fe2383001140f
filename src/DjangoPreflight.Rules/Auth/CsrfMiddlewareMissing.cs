using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Auth;

/// <summary>DP501: CsrfViewMiddleware is not in MIDDLEWARE (Django's security.W003).</summary>
public sealed class CsrfMiddlewareMissing : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP501",
        Title: "CSRF middleware is not installed",
        Category: Category.Auth,
        DefaultSeverity: Severity.High,
        DjangoIds: ["security.W003"],
        Seeds: ["002", "003"],
        Docs: new RuleDocs(
            Why: """
                Without CsrfViewMiddleware no view is protected against cross-site request forgery unless it
                is decorated one by one: any site a logged-in user visits can make them post forms to yours
                (change their email or password, place orders, delete data).
                """,
            Fix: """
                Add 'django.middleware.csrf.CsrfViewMiddleware' to MIDDLEWARE and exempt only the views that
                truly need it (webhooks verified another way) with @csrf_exempt.
                """,
            Before: """
                MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.middleware.common.CommonMiddleware"]
                """,
            After: """
                MIDDLEWARE = [
                    "django.middleware.security.SecurityMiddleware",
                    "django.middleware.common.CommonMiddleware",
                    "django.middleware.csrf.CsrfViewMiddleware",
                ]
                """));

    public override IEnumerable<Finding> Check(DeploySettings settings) =>
        When(!settings.HasMiddleware(DeploySettings.CsrfMiddleware), settings, "security.W003", "MIDDLEWARE",
            $"'{DeploySettings.CsrfMiddleware}' is not in MIDDLEWARE: views are not protected against CSRF.");
}
