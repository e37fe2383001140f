using DjangoPreflight.Core;

namespace DjangoPreflight.Probe.Rules;

/// <summary>DPL07: no enforced Content-Security-Policy, or one that does not stop injected scripts.</summary>
public sealed class WeakContentSecurityPolicy : LiveRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPL07",
        Title: "No effective Content-Security-Policy",
        Category: Category.Live,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                A Content-Security-Policy is the browser's second line of defence against cross-site
                scripting: a script an attacker manages to inject does not run. A report-only policy only
                reports; 'unsafe-inline' (without a nonce or hash), 'unsafe-eval' or a wildcard source
                lets injected scripts run anyway.
                """,
            Fix: """
                Send an enforced policy (django-csp, Django 6.0's ContentSecurityPolicyMiddleware, or the
                proxy) with script-src limited to 'self' or to nonces with 'strict-dynamic'; try it first
                as Content-Security-Policy-Report-Only, then enforce it.
                """,
            Before: """
                Content-Security-Policy-Report-Only: default-src 'self'
                """,
            After: """
                Content-Security-Policy: default-src 'self'; script-src 'self' 'nonce-r4nd0m' 'strict-dynamic'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'
                """));

    public override IEnumerable<Finding> Check(ProbeObservations o)
    {
        if (o.Home?.Response is not { IsHtml: true } r)
            yield break;
        var at = SourceLocation.ForUrl(r.Url.ToString());
        var policies = o.ContentSecurityPolicies;
        var enforced = policies.Where(p => !p.ReportOnly).ToList();
        if (enforced.Count == 0)
        {
            yield return policies.Count == 0
                ? Finding("No Content-Security-Policy (header or meta tag).", at)
                : Finding("The Content-Security-Policy is report-only: nothing is blocked.", at, severity: Severity.Low);
            yield break;
        }
        // Every enforced policy applies: scripts are safe when any one of them restricts them soundly,
        // and a gap is open only when every policy leaves it open.
        if (!enforced.Any(p => p.ScriptWeaknesses().Count == 0))
        {
            var weaknesses = enforced.SelectMany(p => p.ScriptWeaknesses()).Distinct().ToList();
            yield return Finding($"The Content-Security-Policy does not stop injected scripts: {string.Join("; ", weaknesses)}.", at);
        }
        var gaps = enforced[0].HardeningGaps().Where(g => enforced.All(p => p.HardeningGaps().Contains(g))).ToList();
        if (gaps.Count > 0)
            yield return Finding($"The Content-Security-Policy leaves open: {string.Join("; ", gaps)}.", at, severity: Severity.Low);
        var insecure = enforced.SelectMany(p => p.InsecureSources()).Distinct().ToList();
        if (insecure.Count > 0)
            yield return Finding($"The Content-Security-Policy allows loading over plain HTTP ({string.Join(", ", insecure)}), where anyone on the network path can replace what is loaded.",
                at, severity: Severity.Low);
    }
}
