using DjangoPreflight.Core;

namespace DjangoPreflight.Probe.Rules;

/// <summary>DPL03: plain HTTP is served instead of being redirected to HTTPS.</summary>
public sealed class NoHttpsRedirect : LiveRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPL03",
        Title: "Plain HTTP does not redirect to HTTPS",
        Category: Category.Live,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["002", "003", "004"],
        Docs: new RuleDocs(
            Why: """
                Whatever is served over plain HTTP (pages, cookies, form posts, passwords) can be read and
                changed by anyone on the network path. Users who type the bare domain land on HTTP first.
                """,
            Fix: """
                Serve the site over HTTPS only: redirect every plain-HTTP request with a 301 to the same
                URL over https (in nginx, or with SECURE_SSL_REDIRECT = True), then add HSTS.
                """,
            Before: """
                $ curl -sI http://shop.example/
                HTTP/1.1 200 OK
                """,
            After: """
                $ curl -sI http://shop.example/
                HTTP/1.1 301 Moved Permanently
                Location: https://shop.example/
                """));

    public override IEnumerable<Finding> Check(ProbeObservations o)
    {
        if (o.PlainHttp?.Response is not { } r || r.Url.Scheme != Uri.UriSchemeHttp)
            yield break;
        var location = r.Header("location");
        if (r.IsRedirect && location is not null && Uri.TryCreate(r.Url, location, out var to) && to.Scheme == Uri.UriSchemeHttps)
            yield break;
        yield return r.IsRedirect
            ? Finding($"Plain HTTP redirects to {location}, not to HTTPS.", SourceLocation.ForUrl(r.Url.ToString()))
            : Finding($"The site answers plain HTTP with status {r.Status} instead of redirecting to HTTPS.", SourceLocation.ForUrl(r.Url.ToString()));
    }
}
