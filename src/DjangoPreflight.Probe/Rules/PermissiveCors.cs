using DjangoPreflight.Core;
using DjangoPreflight.Probe.Observing;

namespace DjangoPreflight.Probe.Rules;

/// <summary>DPL16: any origin (or the opaque "null" origin) may read responses with the user's
/// cookies, or "*" is sent with credentials.</summary>
public sealed class PermissiveCors : LiveRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPL16",
        Title: "CORS lets any origin read responses with the user's cookies",
        Category: Category.Live,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["+"],
        Docs: new RuleDocs(
            Why: """
                A response that echoes the request's Origin in Access-Control-Allow-Origin together with
                Access-Control-Allow-Credentials: true lets any web page the user visits read the site
                as that user: their data, and the CSRF token that protects their forms. Origin: null is
                what sandboxed frames and data: URLs send, so allowing it is the same. This is what
                django-cors-headers does with CORS_ALLOW_ALL_ORIGINS and CORS_ALLOW_CREDENTIALS both on,
                or an nginx snippet that adds $http_origin.
                """,
            Fix: """
                List the origins that may call the API (CORS_ALLOWED_ORIGINS) instead of allowing all,
                never list "null", and allow credentials only for those origins.
                """,
            Before: """
                CORS_ALLOW_ALL_ORIGINS = True
                CORS_ALLOW_CREDENTIALS = True
                """,
            After: """
                CORS_ALLOWED_ORIGINS = ["https://app.shop.example"]
                CORS_ALLOW_CREDENTIALS = True
                """));

    public override IEnumerable<Finding> Check(ProbeObservations o)
    {
        if (o.CorsForeign?.Response is { } foreign && Cors.LetsInWithCredentials(foreign, ProbeObservations.ForeignOrigin))
            yield return Finding($"{foreign.Url.AbsolutePath} lets any origin read it with the user's cookies: a request from {ProbeObservations.ForeignOrigin} got that origin back in Access-Control-Allow-Origin with Access-Control-Allow-Credentials: true.",
                SourceLocation.ForUrl(foreign.Url.ToString()), setting: "CORS_ALLOW_ALL_ORIGINS");
        else if (o.CorsNull?.Response is { } opaque && Cors.LetsInWithCredentials(opaque, "null"))
            yield return Finding($"{opaque.Url.AbsolutePath} lets the \"null\" origin (sandboxed frames, data: URLs: any page can send it) read it with the user's cookies.",
                SourceLocation.ForUrl(opaque.Url.ToString()), setting: "CORS_ALLOWED_ORIGINS");
        // Browsers refuse "*" with credentials, so nothing leaks; but the site asked for it, and the
        // usual next step is echoing the origin.
        if (o.AllResponses.FirstOrDefault(r => Cors.AllowedOrigin(r) == "*" && Cors.AllowsCredentials(r)) is { } wildcard)
            yield return Finding($"{wildcard.Url.AbsolutePath} sends Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true, which browsers refuse; the intent is to let every origin in with cookies.",
                SourceLocation.ForUrl(wildcard.Url.ToString()), severity: Severity.Low);
    }
}
