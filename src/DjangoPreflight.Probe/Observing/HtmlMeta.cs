using System.Net;
using System.Text.RegularExpressions;

namespace DjangoPreflight.Probe.Observing;

/// <summary>Finds &lt;meta http-equiv="Content-Security-Policy" content="..."&gt; in a page,
/// whatever the attribute order and quoting.</summary>
public static partial class HtmlMeta
{
    [GeneratedRegex(@"<meta\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex MetaTag();

    [GeneratedRegex("""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")]
    private static partial Regex Attribute();

    public static IEnumerable<string> ContentSecurityPolicies(string html)
    {
        foreach (Match tag in MetaTag().Matches(html))
        {
            string? equiv = null, content = null;
            foreach (Match a in Attribute().Matches(tag.Value))
            {
                var value = WebUtility.HtmlDecode(a.Groups[2].Success ? a.Groups[2].Value : a.Groups[3].Success ? a.Groups[3].Value : a.Groups[4].Value);
                if (a.Groups[1].Value.Equals("http-equiv", StringComparison.OrdinalIgnoreCase)) equiv = value;
                else if (a.Groups[1].Value.Equals("content", StringComparison.OrdinalIgnoreCase)) content = value;
            }
            if (content is not null && string.Equals(equiv?.Trim(), "Content-Security-Policy", StringComparison.OrdinalIgnoreCase))
                yield return content;
        }
    }
}
