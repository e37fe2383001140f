using System.Text;

namespace DjangoPreflight.Reporting;

/// <summary>
/// Text a repository chose (file names, setting values, notices quoting them) reaches the terminal
/// and Markdown reports. Its control characters are shown, not obeyed: an ESC sequence in a file
/// name could clear the screen, recolour or retitle the terminal, or hide findings; a carriage
/// return could overwrite a line; bidirectional overrides (U+202E) could reverse what is read.
/// Line feeds and tabs stay (messages use them); everything else becomes a visible <c>\uXXXX</c>.
/// </summary>
public static class ControlCharacters
{
    public static string Visible(string text)
    {
        if (!text.Any(IsHidden)) return text;
        var b = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsHidden(c)) b.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else b.Append(c);
        }
        return b.ToString();
    }

    /// <summary>A JSON document (JSON, SARIF) with the bidirectional controls its writer leaves raw
    /// escaped too: a code scanning page shows a SARIF message as text, and a U+202E in it reverses
    /// what follows. Every such character is inside a string, where <c>\uXXXX</c> is its JSON
    /// escape, so the document means the same; the writer already escapes the other control characters.</summary>
    public static string InJson(string json) => Visible(json);

    private static bool IsHidden(char c) =>
        char.IsControl(c) && c is not ('\n' or '\t')
        || c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069' or '\u200e' or '\u200f' or '\u061c';
}
