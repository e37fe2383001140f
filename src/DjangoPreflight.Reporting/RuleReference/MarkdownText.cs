using System.Text;

namespace DjangoPreflight.Reporting.RuleReference;

/// <summary>Puts plain prose into Markdown so that it renders as the same words: characters that
/// would start emphasis, links, HTML or a block (heading, list, quote) are backslash-escaped.
/// Backquoted spans are kept: the rules' prose uses them for code on purpose.</summary>
public static class MarkdownText
{
    public static string Prose(string text) => string.Join('\n', text.Split('\n').Select(l => Line(l.Trim())));

    /// <summary>One-line text for a table cell: also escapes the column separator.</summary>
    public static string Cell(string text) => Line(text.ReplaceLineEndings(" ").Trim()).Replace("|", "\\|");

    /// <summary>A fence longer than any backquote run inside <paramref name="code"/>.</summary>
    public static string Fence(string code)
    {
        int longest = 0, run = 0;
        foreach (var c in code)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return new string('`', Math.Max(3, longest + 1));
    }

    private static string Line(string line)
    {
        var b = new StringBuilder(line.Length + 8);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var close = c == '`' ? line.IndexOf('`', i + 1) : -1;
            if (close > i)
            {
                b.Append(line, i, close - i + 1);
                i = close;
            }
            else if (c is '\\' or '`' or '*' or '[' or ']' or '<' or '&' || (c == '_' && !Intraword(line, i)) || (i == 0 && c is '#' or '>' or '-' or '+' or '=' or '~' or '|'))
                b.Append('\\').Append(c);
            else if (c is '.' or ')' && AfterLeadingDigits(line, i))
                b.Append('\\').Append(c);
            else
                b.Append(c);
        }
        return b.ToString();
    }

    // "SECURE_SSL_REDIRECT": an underscore between letters or digits never opens emphasis.
    private static bool Intraword(string s, int i) => i > 0 && i + 1 < s.Length && char.IsLetterOrDigit(s[i - 1]) && char.IsLetterOrDigit(s[i + 1]);

    // "3. foo" or "3) foo" at the start of a line would begin an ordered list.
    private static bool AfterLeadingDigits(string s, int i) => i > 0 && s[..i].All(char.IsAsciiDigit);
}
