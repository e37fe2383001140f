using System.Text;

namespace DjangoPreflight.Core;

/// <summary>
/// Finds the secrets written inside free text, whatever the setting is called: the password of a
/// URL's user information (scheme://user:password@host, anywhere in a longer string, the password
/// up to the last '@' of the authority, so one holding '@' is hidden whole) and the value of a libpq
/// connection string's <c>password=</c> (quoted or not). Each is replaced by <see cref="Secrets.Redact"/>.
/// Hand-written scanners: linear in the text, as everything run on repository content must be.
/// </summary>
public static class SecretText
{
    public static string Redact(string text)
    {
        if (text.Length == 0) return text;
        var hasUrl = text.Contains("://", StringComparison.Ordinal);
        var hasDsn = text.Contains("password", StringComparison.OrdinalIgnoreCase);
        if (!hasUrl && !hasDsn) return text;
        var spans = new List<(int Start, int End)>();
        if (hasUrl) UrlPasswords(text, spans);
        if (hasDsn) DsnPasswords(text, spans);
        if (spans.Count == 0) return text;
        spans.Sort();
        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (start, end) in spans)
        {
            if (start < at) continue; // overlapping: already hidden
            sb.Append(text, at, start - at).Append(Secrets.Redact(text[start..end]));
            at = end;
        }
        return sb.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>For each "://": the user information ends at the last '@' before white space (a
    /// password may hold '@', '/' or quotes), the user name at the first ':' and holds no '/'; the
    /// password is what lies between. Hiding a little too much (a port and path before an '@' in a
    /// query) is the safe side.</summary>
    private static void UrlPasswords(string text, List<(int, int)> spans)
    {
        for (var i = text.IndexOf("://", StringComparison.Ordinal); i >= 0; i = text.IndexOf("://", i + 3, StringComparison.Ordinal))
        {
            var start = i + 3;
            var end = start;
            var lastAt = -1;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                if (text[end] == '@') lastAt = end;
                end++;
            }
            if (lastAt < 0) continue;
            var colon = text.IndexOf(':', start, lastAt - start);
            if (colon >= 0 && lastAt > colon + 1 && text.IndexOf('/', start, colon - start) < 0) spans.Add((colon + 1, lastAt));
        }
    }

    /// <summary>libpq's key=value form: <c>password=secret</c> or <c>password = 'it''s secret'</c>.</summary>
    private static void DsnPasswords(string text, List<(int, int)> spans)
    {
        for (var i = text.IndexOf("password", StringComparison.OrdinalIgnoreCase); i >= 0;
             i = text.IndexOf("password", i + 8, StringComparison.OrdinalIgnoreCase))
        {
            if (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] == '_')) continue;
            var j = i + 8;
            while (j < text.Length && text[j] == ' ') j++;
            if (j >= text.Length || text[j] != '=') continue;
            j++;
            while (j < text.Length && text[j] == ' ') j++;
            if (j >= text.Length) continue;
            var start = j;
            if (text[j] == '\'')
            {
                j++;
                start = j;
                while (j < text.Length && text[j] != '\'') j += text[j] == '\\' ? 2 : 1;
                j = Math.Min(j, text.Length);
            }
            else
            {
                while (j < text.Length && !char.IsWhiteSpace(text[j]) && text[j] is not ('"' or '&' or ';' or ',')) j++;
            }
            if (j > start) spans.Add((start, j));
        }
    }

    /// <summary>A message quoting values, like a <c>raise</c> in settings ("SECRET_KEY must not be
    /// '...'"): besides <see cref="Redact"/>, every quoted piece of eight characters or more is
    /// hidden, since nothing says which of them is the secret.</summary>
    public static string RedactQuoted(string message)
    {
        message = Redact(message);
        var sb = new StringBuilder(message.Length);
        var at = 0;
        for (var i = 0; i < message.Length; i++)
        {
            if (message[i] is not ('\'' or '"')) continue;
            var close = message.IndexOf(message[i], i + 1);
            if (close < 0) break;
            if (close - i - 1 >= 8 && !message.AsSpan(i + 1, close - i - 1).Contains('…'))
            {
                sb.Append(message, at, i + 1 - at).Append(Secrets.Redact(message[(i + 1)..close]));
                at = close;
            }
            i = close;
        }
        return sb.Append(message, at, message.Length - at).ToString();
    }
}
