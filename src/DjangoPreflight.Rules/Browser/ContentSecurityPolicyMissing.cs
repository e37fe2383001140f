using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Browser;

/// <summary>DP406: no Content Security Policy is configured: neither django-csp nor Django's
/// built-in CSP middleware sends one, and nothing else in the project sets the header.</summary>
public sealed class ContentSecurityPolicyMissing : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP406",
        Title: "No Content Security Policy",
        Category: Category.Browser,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                A Content Security Policy tells the browser which scripts, styles and frames a page may load.
                Without one, any HTML injection (a missed |safe, a markdown renderer, a third-party widget)
                becomes script execution in your users' sessions.
                """,
            Fix: """
                Send a policy: Django 6's ContentSecurityPolicyMiddleware with SECURE_CSP, or django-csp's
                CSPMiddleware with CONTENT_SECURITY_POLICY. Start with the report-only variant, then enforce.
                """,
            Before: """
                MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]
                """,
            After: """
                MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "csp.middleware.CSPMiddleware", ...]
                CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"]}}
                """));

    public override IEnumerable<Finding> Check(ProjectContext project) =>
        project.Settings.Production is { } settings ? CheckSettings(settings, project.Code.CspHeaderSetElsewhere) : [];

    /// <param name="headerSetElsewhere">Where another file (a proxy config, custom middleware) sets the
    /// header itself, if anywhere.</param>
    public IEnumerable<Finding> CheckSettings(SettingsModel settings, string? headerSetElsewhere)
    {
        if (headerSetElsewhere is not null) yield break;
        var csp = ContentSecurityPolicy.From(settings);
        if (csp.Provider == CspProvider.None && csp.MiddlewareKnown == true)
            yield return Finding("No Content Security Policy: MIDDLEWARE has neither django-csp's CSPMiddleware nor Django's ContentSecurityPolicyMiddleware.",
                new SourceLocation(settings.Path, settings.Path is null ? null : 1), setting: "MIDDLEWARE");
        else if (csp.Provider == CspProvider.DjangoBuiltIn && csp.Policies.Count == 0)
            yield return Finding("ContentSecurityPolicyMiddleware is enabled but SECURE_CSP and SECURE_CSP_REPORT_ONLY are empty, so no policy is sent.",
                settings.LocationOf(settings.IsSet("SECURE_CSP") ? "SECURE_CSP" : "MIDDLEWARE"), setting: "SECURE_CSP");
    }
}
