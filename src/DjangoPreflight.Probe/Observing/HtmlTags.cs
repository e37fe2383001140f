using System.Net;

namespace DjangoPreflight.Probe.Observing;

/// <summary>One start tag: its lower-case name and attributes (names lower-case, values decoded;
/// the first of a repeated attribute wins, as in HTML).</summary>
public sealed record HtmlTag(string Name, IReadOnlyDictionary<string, string> Attributes)
{
    public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);
}

/// <summary>
/// Finds the start tags the probe reads (meta, script, link, base) in a page, whatever the
/// attribute order and quoting. A hand-written single pass: every character is looked at a
/// bounded number of times, so a hostile page (thousands of unclosed "&lt;meta") costs linear
/// time, unlike a regular expression that restarts at each "&lt;". Comments and script contents
/// are skipped, as a browser's tokenizer does.
/// </summary>
public static class HtmlTags
{
    private static readonly HashSet<string> Wanted = new(StringComparer.Ordinal) { "meta", "script", "link", "base" };

    public static List<HtmlTag> Scan(string html)
    {
        var tags = new List<HtmlTag>();
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0)
        {
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = end < 0 ? html.Length : end + 3;
                continue;
            }
            var nameStart = i + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd])) nameEnd++;
            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                i = nameStart;
                continue;
            }
            var name = html[nameStart..nameEnd].ToLowerInvariant();
            var (attributes, after) = Attributes(html, nameEnd);
            if (Wanted.Contains(name))
                tags.Add(new HtmlTag(name, attributes));
            i = after;
            if (name == "script")
            {
                var close = html.IndexOf("</script", i, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : close;
            }
        }
        return tags;
    }

    /// <summary>Reads attributes from <paramref name="i"/> to the tag's closing '&gt;'; returns them
    /// and the index after the tag.</summary>
    private static (Dictionary<string, string>, int) Attributes(string html, int i)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (i < html.Length)
        {
            while (i < html.Length && (char.IsWhiteSpace(html[i]) || html[i] == '/')) i++;
            if (i >= html.Length) break;
            if (html[i] == '>') return (attributes, i + 1);
            var start = i;
            while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not ('=' or '>' or '/')) i++;
            if (i == start) { i++; continue; }
            var name = html[start..i].ToLowerInvariant();
            while (i < html.Length && char.IsWhiteSpace(html[i])) i++;
            var value = "";
            if (i < html.Length && html[i] == '=')
            {
                i++;
                while (i < html.Length && char.IsWhiteSpace(html[i])) i++;
                if (i < html.Length && html[i] is '"' or '\'')
                {
                    var quote = html[i];
                    var end = html.IndexOf(quote, i + 1);
                    if (end < 0) end = html.Length;
                    value = html[(i + 1)..end];
                    i = Math.Min(end + 1, html.Length);
                }
                else
                {
                    var vStart = i;
                    while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] != '>') i++;
                    value = html[vStart..i];
                }
            }
            attributes.TryAdd(name, WebUtility.HtmlDecode(value));
        }
        return (attributes, html.Length);
    }
}
