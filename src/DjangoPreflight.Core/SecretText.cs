using System.Text;

namespace DjangoPreflight.Core;

/// <summary>
/// Finds the secrets written inside free text, whatever the setting is called: the password of a
/// URL's user information (scheme://user:password@host, anywhere in a longer string, the password
/// up to the last '@' of the authority, so one holding '@' is hidden whole), the value of a libpq
/// connection string's <c>password=</c> (quoted or not), the value given to a secret's name
/// (<c>DB_PASSWORD=...</c>, <c>API_TOKEN = '...'</c>, <c>"SECRET": "..."</c>, as <see cref="SecretShapes.IsSecretName"/>
/// judges names), the token formats the secret rules know, a key Django generated (50 characters
/// of its alphabet, or <c>django-insecure-</c> and 30), and a PEM private key's body. Each is
/// replaced by <see cref="Secrets.Redact"/>. Every report format passes all its text through here
/// (notices and parse errors quote repository text), so one idea of a secret serves every output.
/// Hand-written scanners and non-backtracking patterns: linear in the text, as everything run on
/// repository content must be.
/// </summary>
public static class SecretText
{
    public static string Redact(string text)
    {
        if (text.Length < 4) return text;
        var spans = new List<(int Start, int End)>();
        if (text.Contains("://", StringComparison.Ordinal)) UrlPasswords(text, spans);
        if (text.Contains("password", StringComparison.OrdinalIgnoreCase)) DsnPasswords(text, spans);
        if (text.AsSpan().IndexOfAny('=', ':') >= 0) NamedValues(text, spans);
        foreach (var pattern in (ReadOnlySpan<System.Text.RegularExpressions.Regex>)[SecretShapes.KnownToken(), SecretShapes.AwsAccessKeyId()])
            foreach (System.Text.RegularExpressions.ValueMatch m in pattern.EnumerateMatches(text))
                spans.Add((m.Index, m.Index + m.Length));
        if (text.Length >= 46) DjangoKeys(text, spans);
        PrivateKeys(text, spans);
        if (spans.Count == 0) return text;
        spans.Sort();
        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (start, end) in spans)
        {
            if (end <= at) continue; // inside a span already hidden
            var from = Math.Max(start, at); // overlapping: hide the rest too
            sb.Append(text, at, from - at).Append(Secrets.Redact(text[from..end]));
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

    /// <summary>
    /// A value given to a secret's name: <c>NAME=value</c>, <c>NAME = 'value'</c> (env files, shell,
    /// Python, a Dockerfile's ENV), and <c>NAME: "value"</c> or <c>"NAME": "value"</c> (YAML, JSON),
    /// the value quoted there since a colon after a name also introduces prose. A value already
    /// shown redacted (it holds '…') is left as it is. Each name is read back from its separator over
    /// name characters only, so the whole scan stays linear.
    /// </summary>
    private static void NamedValues(string text, List<(int, int)> spans)
    {
        for (var i = text.AsSpan().IndexOfAny('=', ':'); i >= 0;)
        {
            var next = i + 1;
            var nameEnd = i;
            while (nameEnd > 0 && text[nameEnd - 1] == ' ') nameEnd--;
            if (nameEnd > 0 && text[nameEnd - 1] is '"' or '\'') nameEnd--;
            var nameStart = nameEnd;
            while (nameStart > 0 && (char.IsAsciiLetterOrDigit(text[nameStart - 1]) || text[nameStart - 1] is '_' or '-' or '.')) nameStart--;
            if (nameEnd > nameStart && (i + 1 >= text.Length || text[i + 1] != '=') && (i == 0 || text[i - 1] is not ('!' or '<' or '>' or '='))
                && SecretShapes.IsSecretName(text[nameStart..nameEnd]) && Value(text, i + 1, quotedOnly: text[i] == ':') is var (start, end) && end > start
                && text.AsSpan(start, end - start).IndexOf('…') < 0)
            {
                spans.Add((start, end));
                next = end;
            }
            if (next >= text.Length) break;
            var found = text.AsSpan(next).IndexOfAny('=', ':');
            i = found < 0 ? -1 : next + found;
        }
    }

    /// <summary>The value after a separator at <paramref name="at"/>: a quoted string's inside, or
    /// (unless <paramref name="quotedOnly"/>) the run up to white space or a delimiter.</summary>
    private static (int Start, int End)? Value(string text, int at, bool quotedOnly)
    {
        while (at < text.Length && text[at] == ' ') at++;
        if (at >= text.Length) return null;
        if (text[at] is '\'' or '"')
        {
            var close = text.IndexOf(text[at], at + 1);
            return (at + 1, close < 0 ? text.Length : close);
        }
        if (quotedOnly) return null;
        var end = at;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('"' or '\'' or ',' or ';' or '&' or '(' or ')' or '[' or ']' or '}')) end++;
        // Code, not a value: a call or a subscript (os.environ['X'], env('X')), or a constant, also
        // where prose goes on after it ("CORS_ALLOW_CREDENTIALS = True: any website...").
        if (end < text.Length && text[end] is '(' or '[' || text.AsSpan(at, end - at).TrimEnd(":.") is "None" or "True" or "False" or "null") return null;
        return (at, end);
    }

    private const string DjangoKeyAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)";

    private static readonly System.Buffers.SearchValues<char> KeyAlphabet = System.Buffers.SearchValues.Create(DjangoKeyAlphabet);

    /// <summary>Runs of get_random_secret_key()'s alphabet long enough to be a key it made (46 or
    /// more, letters, digits and symbols mixed), <c>django-insecure-</c> included.</summary>
    private static void DjangoKeys(string text, List<(int, int)> spans)
    {
        var at = 0;
        while (at < text.Length)
        {
            var start = text.AsSpan(at).IndexOfAny(KeyAlphabet);
            if (start < 0) return;
            start += at;
            var run = text.AsSpan(start).IndexOfAnyExcept(KeyAlphabet) is var n and >= 0 ? n : text.Length - start;
            var key = text.AsSpan(start, run);
            // A symbol besides '-' and '_' keeps long kebab and snake names out; a real key has about 12.
            if (run >= 46 && key.IndexOfAny("abcdefghijklmnopqrstuvwxyz") >= 0 && key.IndexOfAny("0123456789") >= 0
                && key.IndexOfAny("!@#$%^&*(=+)") >= 0)
                spans.Add((start, start + run));
            at = start + run;
        }
    }

    /// <summary>Everything after a PEM private key's header, up to its footer (or the text's end).</summary>
    private static void PrivateKeys(string text, List<(int, int)> spans)
    {
        const string header = "PRIVATE KEY-----";
        for (var i = text.IndexOf(header, StringComparison.Ordinal); i >= 0; i = text.IndexOf(header, i + header.Length, StringComparison.Ordinal))
        {
            var start = i + header.Length;
            var end = text.IndexOf("-----END", start, StringComparison.Ordinal);
            if (end < 0) end = text.Length;
            if (text.AsSpan(start, end - start).Trim().Length > 0) spans.Add((start, end));
            i = end - header.Length;
            if (end == text.Length) break;
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
