using System.Text;

namespace DjangoPreflight.Analysis.Environment;

/// <summary>One problem in a dotenv file: the line and what was wrong.</summary>
public sealed record DotEnvProblem(int Line, string Message);

/// <summary>
/// Reads dotenv files the way python-dotenv and docker compose do for the common cases:
/// <c>KEY=VALUE</c>, optional <c>export</c>, blank lines and <c>#</c> comments, inline comments after
/// unquoted values, single quotes (literal), double quotes (backslash escapes, may span lines).
/// Never throws: malformed lines are reported and skipped.
/// </summary>
public static class DotEnvParser
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string text, List<DotEnvProblem>? problems = null)
    {
        var result = new List<KeyValuePair<string, string>>();
        var i = 0;
        var line = 1;
        if (text.StartsWith('\uFEFF')) i = 1;
        while (i < text.Length)
        {
            var startLine = line;
            SkipSpaces(text, ref i);
            if (i >= text.Length) break;
            if (text[i] == '\n') { i++; line++; continue; }
            if (text[i] == '\r') { i++; continue; }
            if (text[i] == '#') { SkipToEol(text, ref i); continue; }
            if (string.CompareOrdinal(text, i, "export", 0, 6) == 0 && i + 6 < text.Length && text[i + 6] is ' ' or '\t')
            {
                i += 6;
                SkipSpaces(text, ref i);
            }
            var keyStart = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-')) i++;
            var key = text[keyStart..i];
            SkipSpaces(text, ref i);
            if (key.Length == 0 || i >= text.Length || text[i] != '=')
            {
                // A bare KEY (no '=') defines nothing; anything else is malformed.
                if (key.Length == 0 || i < text.Length && text[i] is not ('\n' or '\r' or '#'))
                    problems?.Add(new DotEnvProblem(startLine, "expected KEY=VALUE"));
                SkipToEol(text, ref i);
                continue;
            }
            i++; // '='
            SkipSpaces(text, ref i);
            string value;
            if (i < text.Length && text[i] is '\'' or '"')
            {
                var quote = text[i++];
                var sb = new StringBuilder();
                var closed = false;
                while (i < text.Length)
                {
                    var c = text[i++];
                    if (c == quote) { closed = true; break; }
                    if (c == '\n') line++;
                    if (quote == '"' && c == '\\' && i < text.Length)
                    {
                        var e = text[i++];
                        sb.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '"' => '"', '\\' => '\\', '\'' => '\'', _ => '\0' });
                        if (sb[^1] == '\0') { sb.Length--; sb.Append('\\').Append(e); }
                        if (e == '\n') line++;
                        continue;
                    }
                    sb.Append(c);
                }
                if (!closed)
                {
                    problems?.Add(new DotEnvProblem(startLine, $"unterminated {quote}-quoted value for {key}"));
                    continue;
                }
                value = sb.ToString();
                SkipToEol(text, ref i);
            }
            else
            {
                var start = i;
                while (i < text.Length && text[i] is not ('\n' or '\r'))
                {
                    if (text[i] == '#' && i > start && text[i - 1] is ' ' or '\t') break;
                    i++;
                }
                value = text[start..i].TrimEnd(' ', '\t');
                SkipToEol(text, ref i);
            }
            result.Add(new(key, value));
        }
        return result;
    }

    private static void SkipSpaces(string text, ref int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t') i++;
    }

    private static void SkipToEol(string text, ref int i)
    {
        while (i < text.Length && text[i] != '\n') i++;
    }
}
