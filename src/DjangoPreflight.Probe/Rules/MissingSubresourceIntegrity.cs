using DjangoPreflight.Core;

namespace DjangoPreflight.Probe.Rules;

/// <summary>DPL18: the home page loads scripts or stylesheets from another origin without
/// subresource integrity (or over plain HTTP).</summary>
public sealed class MissingSubresourceIntegrity : LiveRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPL18",
        Title: "Cross-origin scripts or stylesheets without subresource integrity",
        Category: Category.Live,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["+"],
        Docs: new RuleDocs(
            Why: """
                A script from a CDN runs with the page's full power: whoever controls that CDN file (a
                compromised CDN, a hijacked package, a lapsed domain) controls the site. An integrity
                attribute makes the browser refuse a file whose hash changed. A script fetched over plain
                HTTP can be replaced by anyone on the network path.
                """,
            Fix: """
                Serve scripts and stylesheets from your own origin (collectstatic), or add integrity and
                crossorigin attributes to every cross-origin <script> and <link rel="stylesheet">, and
                always load them over https.
                """,
            Before: """
                <script src="https://cdn.example.net/jquery-3.7.1.min.js"></script>
                """,
            After: """
                <script src="https://cdn.example.net/jquery-3.7.1.min.js"
                        integrity="sha384-(the file's hash, as the CDN publishes it)"
                        crossorigin="anonymous"></script>
                """));

    public override IEnumerable<Finding> Check(ProbeObservations o)
    {
        if (o.Home?.Response is not { IsHtml: true } home)
            yield break;
        var baseUrl = o.HomeTags.FirstOrDefault(t => t.Name == "base" && t["href"] is not null) is { } b
            && Uri.TryCreate(home.Url, b["href"], out var declared) ? declared : home.Url;
        var unprotected = new List<string>();
        var plain = new List<string>();
        foreach (var tag in o.HomeTags)
        {
            var reference = tag.Name switch
            {
                "script" => tag["src"],
                "link" when (tag["rel"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("stylesheet", StringComparer.OrdinalIgnoreCase) => tag["href"],
                _ => null,
            };
            if (string.IsNullOrWhiteSpace(reference) || !Uri.TryCreate(baseUrl, reference.Trim(), out var url)
                || url.Scheme is not ("http" or "https") || SameOrigin(url, home.Url))
                continue;
            if (url.Scheme == Uri.UriSchemeHttp)
                plain.Add(url.ToString());
            else if (string.IsNullOrWhiteSpace(tag["integrity"]))
                unprotected.Add(url.ToString());
        }
        var at = SourceLocation.ForUrl(home.Url.ToString());
        if (plain.Count > 0)
            yield return Finding($"{home.Url.AbsolutePath} loads {Count(plain, "script or stylesheet", "scripts or stylesheets")} from another origin over plain HTTP, which anyone on the network path can replace: {List(plain)}.",
                at, severity: Severity.Medium);
        if (unprotected.Count > 0)
            yield return Finding($"{home.Url.AbsolutePath} loads {Count(unprotected, "script or stylesheet", "scripts or stylesheets")} from another origin without an integrity attribute: {List(unprotected)}.", at);
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    private static string Count(List<string> items, string one, string many) => items.Count == 1 ? $"1 {one}" : $"{items.Count} {many}";

    private static string List(List<string> items) =>
        string.Join(", ", items.Take(3)) + (items.Count > 3 ? $" and {items.Count - 3} more" : "");
}
