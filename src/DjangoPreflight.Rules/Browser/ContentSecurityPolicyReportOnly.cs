using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Browser;

/// <summary>DP407: the Content Security Policy is only sent in report-only mode: violations are
/// reported but nothing is blocked.</summary>
public sealed class ContentSecurityPolicyReportOnly : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP407",
        Title: "The Content Security Policy is report-only",
        Category: Category.Browser,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                Report-only is the right first step: it shows what a policy would break. But a report-only
                policy blocks nothing, so an injected script still runs; left in place it gives the
                impression of protection without any.
                """,
            Fix: """
                Once the reports are clean, enforce the policy: move it from SECURE_CSP_REPORT_ONLY to
                SECURE_CSP (Django 6), from CONTENT_SECURITY_POLICY_REPORT_ONLY to CONTENT_SECURITY_POLICY
                (django-csp 4), or set CSP_REPORT_ONLY = False (django-csp 3).
                """,
            Before: """
                CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'self'"]}}
                """,
            After: """
                CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"]}}
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        var csp = ContentSecurityPolicy.From(settings);
        if (csp.Policies.Count == 0 || csp.Policies.Any(p => !p.ReportOnly)) yield break;
        var decisive = csp.Policies[0].Setting;
        yield return Finding($"The Content Security Policy is report-only ({decisive}): violations are reported, nothing is blocked.",
            settings.LocationOf(decisive), setting: decisive);
    }
}
