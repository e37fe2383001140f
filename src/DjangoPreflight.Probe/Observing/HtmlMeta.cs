namespace DjangoPreflight.Probe.Observing;

/// <summary>The policies a page sets in &lt;meta&gt; tags: Content-Security-Policy (http-equiv)
/// and Referrer-Policy (name="referrer").</summary>
public static class HtmlMeta
{
    public static IEnumerable<string> ContentSecurityPolicies(string html) => ContentSecurityPolicies(HtmlTags.Scan(html));

    public static IEnumerable<string> ContentSecurityPolicies(IEnumerable<HtmlTag> tags) =>
        tags.Where(t => t.Name == "meta" && t["content"] is not null
                && string.Equals(t["http-equiv"]?.Trim(), "Content-Security-Policy", StringComparison.OrdinalIgnoreCase))
            .Select(t => t["content"]!);

    /// <summary>The last &lt;meta name="referrer"&gt; policy of the page, which is the one in force
    /// (the HTML spec applies each in document order), or null.</summary>
    public static string? ReferrerPolicy(IEnumerable<HtmlTag> tags) =>
        tags.LastOrDefault(t => t.Name == "meta" && t["content"] is not null
            && string.Equals(t["name"]?.Trim(), "referrer", StringComparison.OrdinalIgnoreCase))?["content"]?.Trim();
}
