using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Browser;

/// <summary>DP408: the enforced Content Security Policy lets scripts run from anywhere or inline:
/// 'unsafe-inline' (without a nonce, hash or 'strict-dynamic', which make browsers ignore it),
/// 'unsafe-eval', or a wildcard/scheme-wide source for scripts or plugins.</summary>
public sealed class ContentSecurityPolicyUnsafe : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP408",
        Title: "The Content Security Policy allows unsafe script sources",
        Category: Category.Browser,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                A policy's value against cross-site scripting is in what it forbids. 'unsafe-inline' lets any
                injected <script> run, 'unsafe-eval' lets injected strings become code, and "*", "https:" or
                "data:" let scripts load from any server: with these the policy stops almost nothing.
                """,
            Fix: """
                Move inline scripts to files, or use nonces (django-csp and Django 6 both provide one per
                request); list the script hosts you need by name.
                """,
            Before: """
                SECURE_CSP = {"script-src": ["'self'", "'unsafe-inline'", "https:"]}
                """,
            After: """
                SECURE_CSP = {"script-src": [CSP.SELF, CSP.NONCE, "https://cdn.example.com"]}
                """));

    private static readonly string[] Wildcards = ["*", "http:", "https:", "data:"];

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        var csp = ContentSecurityPolicy.From(settings);
        foreach (var policy in csp.Policies.Where(p => !p.ReportOnly))
        {
            var problems = new List<string>();
            var offending = new List<string>();
            if (policy.Effective("script-src") is { } scripts)
            {
                var sources = scripts.OfType<PyStr>().Select(s => s.Value.Trim()).ToList();
                // A nonce/hash/'strict-dynamic' makes CSP2+ browsers ignore 'unsafe-inline'; an unknown
                // element might be the nonce constant, so it also withholds judgement on 'unsafe-inline'.
                var inlineNeutralised = scripts.Any(s => s is not PyStr) || sources.Any(s =>
                    s.StartsWith("'nonce-", StringComparison.OrdinalIgnoreCase) || s.StartsWith("'sha", StringComparison.OrdinalIgnoreCase)
                    || s.Equals("'strict-dynamic'", StringComparison.OrdinalIgnoreCase));
                if (!inlineNeutralised && sources.Any(s => s.Equals("'unsafe-inline'", StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add("scripts allow 'unsafe-inline'");
                    offending.Add("'unsafe-inline'");
                }
                if (sources.Any(s => s.Equals("'unsafe-eval'", StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add("scripts allow 'unsafe-eval'");
                    offending.Add("'unsafe-eval'");
                }
                foreach (var w in Wildcards.Where(w => sources.Contains(w, StringComparer.OrdinalIgnoreCase)))
                {
                    problems.Add($"scripts load from \"{w}\"");
                    offending.Add(w);
                }
            }
            if (policy.Effective("object-src") is { } objects && objects.OfType<PyStr>().Any(s => s.Value.Trim() == "*"))
            {
                problems.Add("plugins (object-src) load from \"*\"");
                offending.Add("*");
            }
            if (problems.Count > 0)
                yield return Finding($"The enforced Content Security Policy ({policy.Setting}) is unsafe: {string.Join("; ", problems)}.",
                    locator?.Find(settings, policy.Setting, s => offending.Contains(s.Trim(), StringComparer.OrdinalIgnoreCase)) ?? settings.LocationOf(policy.Setting),
                    setting: policy.Setting);
        }
    }
}
