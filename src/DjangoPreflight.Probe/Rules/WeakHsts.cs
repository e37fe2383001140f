using DjangoPreflight.Core;
using DjangoPreflight.Probe.Observing;

namespace DjangoPreflight.Probe.Rules;

/// <summary>DPL04: the Strict-Transport-Security header is missing, short-lived or narrow.</summary>
public sealed class WeakHsts : LiveRule
{
    /// <summary>Six months: below this the Mozilla Observatory counts HSTS as too short.</summary>
    public const long MinimumMaxAge = 15_768_000;

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPL04",
        Title: "HSTS is missing or weak",
        Category: Category.Live,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                Without Strict-Transport-Security a browser will still try plain HTTP first (a typed
                domain, an old link), and an attacker on the network can keep the user on HTTP. A short
                max-age forgets the policy quickly; without includeSubDomains a sub-domain can set
                cookies for the whole domain over HTTP.
                """,
            Fix: """
                Serve HTTPS only, then set SECURE_HSTS_SECONDS (start small, then at least 31536000),
                SECURE_HSTS_INCLUDE_SUBDOMAINS = True and, once every sub-domain is HTTPS,
                SECURE_HSTS_PRELOAD = True.
                """,
            Before: """
                (no Strict-Transport-Security header)
                """,
            After: """
                Strict-Transport-Security: max-age=31536000; includeSubDomains; preload
                """));

    public override IEnumerable<Finding> Check(ProbeObservations o)
    {
        if (o.Home?.Response is not { } home)
            yield break;
        var at = SourceLocation.ForUrl(home.Url.ToString());
        if (!o.ServedOverHttps)
        {
            yield return Finding("The site is served over plain HTTP, so no HSTS policy protects it.", at);
            yield break;
        }
        if (home.Header("strict-transport-security") is not { } value)
        {
            yield return Finding("No Strict-Transport-Security header on the HTTPS site.", at);
            yield break;
        }
        var policy = HstsPolicy.Parse(value);
        if (policy.MaxAge is not { } maxAge)
        {
            yield return Finding($"Strict-Transport-Security has no valid max-age ('{value}'); browsers ignore it.", at);
            yield break;
        }
        if (maxAge == 0)
            yield return Finding("Strict-Transport-Security has max-age=0, which removes the policy.", at);
        else if (maxAge < MinimumMaxAge)
            yield return Finding($"HSTS max-age is {maxAge} s, under six months ({MinimumMaxAge} s).", at, severity: Severity.Low);
        if (maxAge > 0 && !policy.IncludeSubDomains)
            yield return Finding("HSTS does not include sub-domains (includeSubDomains).", at, severity: Severity.Low);
        if (maxAge > 0 && !policy.Preload)
            yield return Finding("HSTS is not marked for preloading (preload); first visits are not protected.", at, severity: Severity.Info);
        else if (maxAge > 0 && HstsPolicy.PreloadProblems(o) is { Count: > 0 } problems)
            yield return Finding($"HSTS asks for preloading, but hstspreload.org would refuse the site: {string.Join("; ", problems)}.", at, severity: Severity.Low);
    }
}
