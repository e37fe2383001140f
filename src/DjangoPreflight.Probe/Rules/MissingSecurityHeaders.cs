using DjangoPreflight.Core;
using DjangoPreflight.Probe.Observing;

namespace DjangoPreflight.Probe.Rules;

/// <summary>DPL06: the browser-hardening headers are missing or set to weak values. CHECKLIST has no
/// row of its own for Cross-Origin-Resource-Policy; it is judged here, beside COOP, as the row for
/// the cross-origin and framing headers.</summary>
public sealed class MissingSecurityHeaders : LiveRule
{
    private static readonly HashSet<string> WeakReferrerPolicies = new(StringComparer.OrdinalIgnoreCase) { "unsafe-url", "no-referrer-when-downgrade" };

    /// <summary>The policies of the Referrer Policy spec; a browser skips any other token of a list.</summary>
    private static readonly HashSet<string> KnownReferrerPolicies = new(StringComparer.OrdinalIgnoreCase)
    {
        "no-referrer", "no-referrer-when-downgrade", "same-origin", "origin", "strict-origin",
        "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url",
    };

    /// <summary>The only values Fetch's cross-origin resource policy check honours, compared
    /// case-sensitively; any other value (Same-Origin included) is ignored as if absent.</summary>
    private static readonly string[] ResourcePolicies = ["same-origin", "same-site", "cross-origin"];

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPL06",
        Title: "Security headers missing or weak",
        Category: Category.Live,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                X-Frame-Options (or CSP frame-ancestors) stops other sites framing yours for clickjacking;
                X-Content-Type-Options: nosniff stops browsers running uploads as scripts; Referrer-Policy
                keeps URLs (with tokens in them) from leaking to other sites; Cross-Origin-Opener-Policy
                isolates your window from pages you open. Django sets all four by default (COOP since 4.0)
                unless the middleware or settings were changed. Cross-Origin-Resource-Policy, which
                Django does not set, tells browsers which sites may embed a response; a value they do
                not recognise (the tokens are case-sensitive) is ignored, so the policy the team chose
                is not applied.
                """,
            Fix: """
                Keep SecurityMiddleware and XFrameOptionsMiddleware, X_FRAME_OPTIONS = 'DENY',
                SECURE_CONTENT_TYPE_NOSNIFF = True, SECURE_REFERRER_POLICY = 'same-origin' and
                SECURE_CROSS_ORIGIN_OPENER_POLICY = 'same-origin' (or add them in the proxy). Spell
                Cross-Origin-Resource-Policy exactly same-origin, same-site or cross-origin.
                """,
            Before: """
                (no X-Frame-Options, no X-Content-Type-Options)
                Cross-Origin-Resource-Policy: Same-Origin
                """,
            After: """
                X-Frame-Options: DENY
                X-Content-Type-Options: nosniff
                Referrer-Policy: same-origin
                Cross-Origin-Opener-Policy: same-origin
                Cross-Origin-Resource-Policy: same-origin
                """));

    public override IEnumerable<Finding> Check(ProbeObservations o)
    {
        if (o.Home?.Response is not { } r)
            yield break;
        var at = SourceLocation.ForUrl(r.Url.ToString());
        var frameAncestors = o.ContentSecurityPolicies.Any(p => !p.ReportOnly && p.Directive("frame-ancestors") is not null);
        var xfo = r.Header("x-frame-options")?.Trim();
        if (xfo is null && !frameAncestors)
            yield return Finding("No X-Frame-Options header and no CSP frame-ancestors: other sites can frame the page (clickjacking).",
                at, severity: Severity.Medium, setting: "X_FRAME_OPTIONS");
        // SAMEORIGIN is not reported: only the site itself may frame its pages, which stops
        // clickjacking from other sites as DENY does (Django's own W019 is the settings rule's business).
        else if (xfo is not null && !frameAncestors && !xfo.Equals("DENY", StringComparison.OrdinalIgnoreCase) && !xfo.Equals("SAMEORIGIN", StringComparison.OrdinalIgnoreCase))
            yield return Finding($"X-Frame-Options is '{xfo}'; browsers honour only DENY or SAMEORIGIN.", at, setting: "X_FRAME_OPTIONS");
        if (!string.Equals(r.Header("x-content-type-options")?.Trim(), "nosniff", StringComparison.OrdinalIgnoreCase))
            yield return Finding("X-Content-Type-Options: nosniff is missing.", at, setting: "SECURE_CONTENT_TYPE_NOSNIFF");
        // A <meta name="referrer"> in the page overrides the header for that page (HTML spec).
        var meta = HtmlMeta.ReferrerPolicy(o.HomeTags);
        var referrer = meta ?? r.Header("referrer-policy");
        var where = meta is null ? "Referrer-Policy" : "The page's <meta name=\"referrer\">";
        var effective = referrer?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault(KnownReferrerPolicies.Contains);
        if (referrer is null)
            yield return Finding("No Referrer-Policy header: full URLs may leak to other sites in the Referer header.", at, setting: "SECURE_REFERRER_POLICY");
        else if (effective is null)
            yield return Finding($"{where} is '{referrer}', which browsers do not recognise: their default applies.", at, severity: Severity.Info, setting: "SECURE_REFERRER_POLICY");
        else if (WeakReferrerPolicies.Contains(effective))
            yield return Finding($"{where} is '{effective}', which sends full URLs to other sites.", at, setting: "SECURE_REFERRER_POLICY");
        var coop = r.Header("cross-origin-opener-policy")?.Trim();
        if (coop is null)
            yield return Finding("No Cross-Origin-Opener-Policy header (Django 4.0+ sends same-origin by default).", at,
                severity: Severity.Info, setting: "SECURE_CROSS_ORIGIN_OPENER_POLICY");
        else if (coop.Equals("unsafe-none", StringComparison.OrdinalIgnoreCase))
            yield return Finding("Cross-Origin-Opener-Policy is unsafe-none.", at, severity: Severity.Info, setting: "SECURE_CROSS_ORIGIN_OPENER_POLICY");
        // A missing CORP is not reported: browsers already keep HTML and JSON (what Django pages and
        // APIs return) from cross-origin no-cors reads (CORB/ORB). Several lines or a comma list are
        // DPL17's (a browser reads them joined, which is no policy).
        if (r.All("cross-origin-resource-policy").ToList() is [var corp] && !corp.Contains(',') && !ResourcePolicies.Contains(corp.Trim(), StringComparer.Ordinal))
            yield return Finding($"Cross-Origin-Resource-Policy is '{corp.Trim()}', which browsers do not recognise (only same-origin, same-site or cross-origin, in lower case): they ignore it, and any site may embed the responses.", at);
    }
}
