using DjangoPreflight.Core;
using DjangoPreflight.Probe.Http;

namespace DjangoPreflight.Probe.Rules;

/// <summary>DPL17: a security header is sent more than once (proxy and application both add it),
/// or with conflicting values.</summary>
public sealed class DuplicateSecurityHeaders : LiveRule
{
    /// <summary>Headers a browser reads one value of. Content-Security-Policy is not here: several
    /// policies are all enforced, which is how CSP is meant to combine.</summary>
    private static readonly string[] SingleValued =
    [
        "strict-transport-security", "x-frame-options", "x-content-type-options", "referrer-policy",
        "cross-origin-opener-policy", "cross-origin-resource-policy", "cross-origin-embedder-policy",
        "access-control-allow-origin", "access-control-allow-credentials",
    ];

    /// <summary>Headers a browser reads as one whole value (several lines joined with ", ") that
    /// must be a single token: CORP by Fetch's exact comparison, COOP and COEP as a structured-field
    /// item. Sent twice, even with the same value, they are not a policy and are ignored.</summary>
    private static readonly HashSet<string> IgnoredWhenRepeated = new(StringComparer.Ordinal)
    {
        "cross-origin-resource-policy", "cross-origin-opener-policy", "cross-origin-embedder-policy",
    };

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPL17",
        Title: "A security header is sent twice or with conflicting values",
        Category: Category.Live,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["+"],
        Docs: new RuleDocs(
            Why: """
                When nginx adds a header that Django already sends, the browser gets two. For HSTS
                RFC 6797 says only the first counts, but a stack that joins the two into one value sees
                repeated directives, which the RFC says to ignore (the Observatory calls it invalid), and
                hstspreload.org refuses a site that sends two; two different X-Frame-Options values make
                browsers block all framing; with two Referrer-Policy values the last one the browser
                knows wins, which may be the weaker one; Cross-Origin-Resource-Policy,
                Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy sent twice, even with the
                same value, are read as one value that is no policy, and ignored. Which copy wins depends on the proxy's
                configuration, not on the settings you review.
                """,
            Fix: """
                Set each header in one place: either in Django (SecurityMiddleware settings) or in the
                proxy, and hide the application's copy there (nginx: proxy_hide_header
                Strict-Transport-Security;).
                """,
            Before: """
                Strict-Transport-Security: max-age=31536000; includeSubDomains; preload
                Strict-Transport-Security: max-age=3600
                """,
            After: """
                Strict-Transport-Security: max-age=31536000; includeSubDomains; preload
                """));

    public override IEnumerable<Finding> Check(ProbeObservations o)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in new[] { o.Home?.Response, o.CorsForeign?.Response, o.CorsNull?.Response })
        {
            if (r is null) continue;
            foreach (var name in SingleValued)
            {
                var values = Values(r, name);
                if (values.Count < 2 || !seen.Add(name)) continue;
                var distinct = values.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                var shown = string.Join(" | ", values);
                var at = SourceLocation.ForUrl(r.Url.ToString());
                if (name == "strict-transport-security")
                    yield return distinct.Count > 1
                        ? Finding($"Strict-Transport-Security is sent {values.Count} times with different values ({shown}): browsers keep only the first, and the site cannot be preloaded.", at, severity: Severity.Medium)
                        : Finding($"Strict-Transport-Security is sent {values.Count} times ({values[0]}): a browser that reads the joined value as one header may ignore it, and the site cannot be preloaded (hstspreload.org requires exactly one).", at, severity: Severity.Medium);
                else if (IgnoredWhenRepeated.Contains(name))
                    yield return Finding($"{Display(name)} has {values.Count} values ({shown}): browsers read them as one, '{string.Join(", ", values)}', which is not a policy, and ignore the header.", at);
                else if (distinct.Count > 1)
                    yield return Finding($"{Display(name)} is sent with conflicting values ({shown}); which one a browser applies is not what either place configured.", at);
                else
                    yield return Finding($"{Display(name)} is sent {values.Count} times ({values[0]}): set it in one place (proxy or Django).", at, severity: Severity.Info);
            }
        }
    }

    /// <summary>Every value sent, one per header line and per comma-joined part (a proxy may merge
    /// two lines into one). Referrer-Policy is the exception: a comma list there is a deliberate
    /// fallback for older browsers, so only separate lines count.</summary>
    private static List<string> Values(ProbeResponse r, string name) =>
        name == "referrer-policy"
            ? r.All(name).Select(v => v.Trim()).ToList()
            : r.All(name).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();

    private static string Display(string name) => string.Join('-', name.Split('-').Select(p => p switch
    {
        "x" => "X",
        _ => char.ToUpperInvariant(p[0]) + p[1..],
    }));
}
