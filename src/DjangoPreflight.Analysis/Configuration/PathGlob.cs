using System.Text;
using System.Text.RegularExpressions;

namespace DjangoPreflight.Analysis.Configuration;

/// <summary>
/// A path pattern of <c>per-path-ignores</c>, matched against a finding's path relative to the scanned
/// root ('/'-separated), with .gitignore's rules: <c>*</c> and <c>?</c> stay within one path segment,
/// <c>**</c> spans segments, <c>[abc]</c>/<c>[!abc]</c> are character classes; a pattern without '/'
/// matches a file or folder name at any depth (<c>settings.py</c>, <c>migrations</c>); a pattern with '/'
/// is anchored at the root (<c>shop/settings/*.py</c>; a leading '/' or './' only anchors). A pattern that
/// matches a folder covers everything below it. Matching is case-sensitive, as on Linux.
/// </summary>
public sealed class PathGlob
{
    private readonly Regex _regex;
    private readonly bool _nameOnly;

    private PathGlob(string pattern, Regex regex, bool nameOnly)
    {
        Pattern = pattern;
        _regex = regex;
        _nameOnly = nameOnly;
    }

    public string Pattern { get; }

    /// <summary>Reads a pattern; returns null and the reason when it is not one.</summary>
    public static PathGlob? TryParse(string pattern, out string? error)
    {
        error = null;
        var body = pattern.Trim();
        if (body.StartsWith("./", StringComparison.Ordinal)) body = body[2..];
        var anchored = body.StartsWith('/');
        body = body.Trim('/');
        if (body.Length == 0 || body.Contains('\\'))
        {
            error = body.Length == 0 ? "an empty path pattern" : "use '/' in path patterns, not '\\'";
            return null;
        }
        var regex = new StringBuilder("^");
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '*' && i + 1 < body.Length && body[i + 1] == '*')
            {
                var wholeSegment = (i == 0 || body[i - 1] == '/') && (i + 2 == body.Length || body[i + 2] == '/');
                if (!wholeSegment)
                {
                    error = "'**' must be a whole path segment (as in 'a/**/b')";
                    return null;
                }
                if (i + 2 < body.Length)
                {
                    regex.Append("(?:[^/]+/)*"); // "**/" : any number of folders, none included
                    i += 2;
                }
                else
                {
                    regex.Append(".*");
                    i++;
                }
            }
            else if (c == '*') regex.Append("[^/]*");
            else if (c == '?') regex.Append("[^/]");
            else if (c == '[')
            {
                // The set holds at least one character: a ']' right after '[' (or '[!') is one of them.
                var close = i + 2 < body.Length ? body.IndexOf(']', i + 2) : -1;
                if (close < 0)
                {
                    error = "'[' without a closing ']'";
                    return null;
                }
                var set = body[(i + 1)..close];
                var negate = set.StartsWith('!');
                if (negate) set = set[1..];
                regex.Append(negate ? "[^/" : "[").Append(set.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal)).Append(']');
                i = close;
            }
            else regex.Append(Regex.Escape(c.ToString()));
        }
        regex.Append('$');
        return new PathGlob(pattern, new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking), nameOnly: !anchored && !body.Contains('/'));
    }

    /// <summary>Whether the pattern matches <paramref name="path"/> or one of the folders it is in.</summary>
    public bool Matches(string path)
    {
        var segments = path.Replace('\\', '/').Trim('/').Split('/');
        if (_nameOnly) return segments.Any(_regex.IsMatch);
        for (var n = segments.Length; n >= 1; n--)
            if (_regex.IsMatch(string.Join('/', segments, 0, n))) return true;
        return false;
    }

    /// <summary>Whether the pattern matches <paramref name="path"/> itself, not looking at its folders:
    /// for a walk that checks each folder before entering it, where <see cref="Matches"/> would test
    /// every ancestor again.</summary>
    public bool MatchesEntry(string path) =>
        _regex.IsMatch(_nameOnly ? path[(path.LastIndexOf('/') + 1)..] : path);

    public override string ToString() => Pattern;
}
