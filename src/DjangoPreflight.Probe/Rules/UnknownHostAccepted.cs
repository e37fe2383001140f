using DjangoPreflight.Core;

namespace DjangoPreflight.Probe.Rules;

/// <summary>DPL02: a request for a host name the site does not own is answered as if it were the site.</summary>
public sealed class UnknownHostAccepted : LiveRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPL02",
        Title: "Requests with an unknown Host header are answered",
        Category: Category.Live,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["000", "003", "004"],
        Docs: new RuleDocs(
            Why: """
                Django builds absolute URLs (password-reset links, redirects, cache keys) from the Host
                header. A site that answers any Host lets an attacker poison those links and caches; the
                check ALLOWED_HOSTS performs is off (ALLOWED_HOSTS = ['*']) and no proxy in front rejects it.
                """,
            Fix: """
                List the real host names in ALLOWED_HOSTS, and give nginx a default server that drops
                requests for any other name (return 444).
                """,
            Before: """
                ALLOWED_HOSTS = ["*"]
                """,
            After: """
                ALLOWED_HOSTS = ["shop.example"]
                # nginx: server { listen 443 ssl default_server; ssl_reject_handshake on; }
                #        server { listen 80 default_server; return 444; }
                """));

    public override IEnumerable<Finding> Check(ProbeObservations o)
    {
        if (o.ForgedHost?.Response is not { } r)
            yield break;
        var location = r.Header("location");
        var reflected = r.IsRedirect && location is not null
            && Uri.TryCreate(r.Url, location, out var to) && to.Host.Equals(ProbeObservations.ForeignHost, StringComparison.OrdinalIgnoreCase);
        if (r.IsSuccess)
            yield return Finding($"A request with Host: {ProbeObservations.ForeignHost} was answered normally (status {r.Status}); unknown hosts are not rejected.",
                SourceLocation.ForUrl(r.Url.ToString()));
        else if (reflected)
            yield return Finding($"A request with Host: {ProbeObservations.ForeignHost} was redirected to that host ({location}); the Host header is trusted.",
                SourceLocation.ForUrl(r.Url.ToString()));
    }
}
