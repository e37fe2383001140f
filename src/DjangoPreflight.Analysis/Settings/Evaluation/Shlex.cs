using System.Text;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>
/// Python's <c>shlex.shlex(value, posix=True)</c> with <c>whitespace=delimiter</c> and
/// <c>whitespace_split=True</c>, as python-decouple's Csv uses it: quotes group, backslash escapes,
/// '#' starts a comment.
/// </summary>
internal static class Shlex
{
    /// <summary>The tokens, or null when a quote is not closed (shlex raises ValueError).</summary>
    public static List<string>? Split(string text, string delimiters)
    {
        var tokens = new List<string>();
        var token = new StringBuilder();
        var inToken = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (delimiters.Contains(c))
            {
                if (inToken) { tokens.Add(token.ToString()); token.Clear(); inToken = false; }
                i++;
                continue;
            }
            if (c == '#')
            {
                // A comment runs to the end of the line and ends the current token.
                while (i < text.Length && text[i] != '\n') i++;
                if (inToken) { tokens.Add(token.ToString()); token.Clear(); inToken = false; }
                continue;
            }
            if (c == '\\')
            {
                inToken = true;
                if (i + 1 >= text.Length) return null;
                token.Append(text[i + 1]);
                i += 2;
                continue;
            }
            if (c is '\'' or '"')
            {
                inToken = true;
                var quote = c;
                i++;
                while (true)
                {
                    if (i >= text.Length) return null;
                    var q = text[i];
                    if (q == quote) { i++; break; }
                    if (quote == '"' && q == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
                    {
                        token.Append(text[i + 1]);
                        i += 2;
                        continue;
                    }
                    token.Append(q);
                    i++;
                }
                continue;
            }
            inToken = true;
            token.Append(c);
            i++;
        }
        if (inToken) tokens.Add(token.ToString());
        return tokens;
    }
}
