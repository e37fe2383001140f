namespace DjangoPreflight.Analysis.Git;

/// <summary>
/// A password made of the name the file gives its database or user and a few words, often in
/// leetspeak (<c>acme-1s-gr3at</c> beside <c>MYSQL_DATABASE: acme</c>): the example default a
/// project publishes with its compose file, chosen to be read and remembered, not drawn. It is not a
/// leaked secret (there is nothing to rotate: every reader of the docs has it), but a deployment that
/// keeps it runs with a published password, which is said at low.
/// </summary>
public static class NamePhrases
{
    /// <summary>The names a file gives a database, schema or user (<c>POSTGRES_DB: acme</c>,
    /// <c>MYSQL_USER=acme</c>): lower case, three characters or more.</summary>
    public static IReadOnlySet<string> NamesIn(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!text.Contains("DB", StringComparison.Ordinal) && !text.Contains("DATABASE", StringComparison.Ordinal) && !text.Contains("USER", StringComparison.Ordinal))
            return names;
        foreach (var name in AssignedNames(text))
            names.Add(name.ToLowerInvariant());
        return names;
    }

    /// <summary>True when the value is one of <paramref name="names"/> and one to three words: every part
    /// (between '-', '_' or '.') is a name, or reads as a word once leetspeak digits are letters again
    /// (letters only, a vowel, at most ten).</summary>
    public static bool IsPhraseOn(string value, IReadOnlySet<string> names)
    {
        if (names.Count == 0) return false;
        var parts = value.Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 2 or > 4 || !parts.Any(p => names.Contains(p.ToLowerInvariant()))) return false;
        return parts.All(p => names.Contains(p.ToLowerInvariant()) || IsWordShaped(Unleet(p)));
    }

    /// <summary>True when the part reads as a word, as the words of a remembered phrase do: 2 to 10 lower-case
    /// letters, pronounceable (vowels, y included, at least one letter in five and never more than three
    /// consonants in a row), q only before u, and at most one of the rare letters j, q, x and z. A value is
    /// published only when all its parts are words or the file's names; drawn letters rarely pass
    /// ("qzvkwhtrbe", "kqmzvtwpha" do not), so a random password beside the name stays a secret.</summary>
    private static bool IsWordShaped(string part)
    {
        if (part.Length is < 2 or > 10 || !part.All(char.IsAsciiLetterLower)) return false;
        var vowels = 0;
        var consonants = 0;
        for (var i = 0; i < part.Length; i++)
        {
            if (IsVowel(part[i])) (vowels, consonants) = (vowels + 1, 0);
            else if (++consonants > 3) return false;
            if (part[i] == 'q' && (i + 1 == part.Length || part[i + 1] != 'u')) return false;
        }
        return vowels > 0 && vowels * 5 >= part.Length && part.Distinct().Count(c => c is 'j' or 'q' or 'x' or 'z') <= 1;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    /// <summary>The part with leetspeak's digits and symbols read as the letters they stand for, lower case;
    /// a part that is only digits stays digits (a number, not a word).</summary>
    private static string Unleet(string part)
    {
        if (!part.Any(char.IsAsciiLetter)) return part;
        return string.Concat(part.ToLowerInvariant().Select(c => c switch
        {
            '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '8' => 'b', '9' => 'g', '@' => 'a', '$' => 's',
            _ => c,
        }));
    }

    // The key's ending: POSTGRES_DB, MYSQL_DATABASE, DB_NAME, MYSQL_USER.
    private static readonly string[] NameKeys = ["DB", "DATABASE", "DB_NAME", "DATABASE_NAME", "USER", "USERNAME"];

    /// <summary>
    /// The values of <c>KEY: value</c> and <c>KEY=value</c> lines whose key names a database, schema or
    /// user, in the order they appear: what
    /// <c>(?m)^\s*-?\s*[A-Z0-9_]*(?:DB|DATABASE|DB_NAME|DATABASE_NAME|USER|USERNAME)\s*[:=]\s*['"]?(?&lt;value&gt;[A-Za-z][A-Za-z0-9_-]{2,})['"]?\s*$</c>
    /// matches, read by hand: built at run time, that non-backtracking pattern cost more than the scan
    /// of a small repository's history. Each step of <see cref="Assignment"/> is the one way the pattern
    /// can go (a blank is any white space, newlines included, as <c>\s</c> is).
    /// </summary>
    private static IEnumerable<string> AssignedNames(string text)
    {
        for (var line = 0; line < text.Length;)
        {
            // A blank line starts the same match as the last line of its run of blank lines: going
            // there at once reads a run of blank lines once, not once from each of them.
            var first = Blanks(text, line);
            if (text.AsSpan(line, first - line).LastIndexOf('\n') is var blankLines and >= 0) line += blankLines + 1;
            var (value, end) = Assignment(text, line);
            if (value is not null) yield return value;
            // The next match starts at a line start at or after this one's end.
            var next = text.IndexOf('\n', value is null ? line : Math.Max(line, end - 1));
            if (next < 0) break;
            line = next + 1;
        }
    }

    /// <summary>The assigned value of the line starting at <paramref name="start"/> and where the match
    /// ends, or a null value.</summary>
    private static (string? Value, int End) Assignment(string text, int start)
    {
        var i = Blanks(text, start);
        if (i < text.Length && text[i] == '-') i = Blanks(text, i + 1);
        var key = i;
        while (i < text.Length && (char.IsAsciiLetterUpper(text[i]) || char.IsAsciiDigit(text[i]) || text[i] == '_')) i++;
        // The key is the whole run: what follows it must be a blank, ':' or '=', never more of it.
        var keyText = text.AsSpan(key, i - key);
        var named = false;
        foreach (var ending in NameKeys) named |= keyText.EndsWith(ending, StringComparison.Ordinal);
        if (!named) return (null, 0);
        i = Blanks(text, i);
        if (i >= text.Length || text[i] is not (':' or '=')) return (null, 0);
        i = Blanks(text, i + 1);
        if (i < text.Length && text[i] is '\'' or '"') i++;
        var value = i;
        if (i >= text.Length || !char.IsAsciiLetter(text[i])) return (null, 0);
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-')) i++;
        if (i - value < 3) return (null, 0);
        var valueEnd = i;
        if (i < text.Length && text[i] is '\'' or '"') i++;
        // Blanks to the end of a line: to the text's end (where the match then ends), or over a
        // newline (it ends before the last one they hold).
        var blanksEnd = Blanks(text, i);
        if (blanksEnd == text.Length) return (text[value..valueEnd], blanksEnd);
        var newline = text.AsSpan(i, blanksEnd - i).LastIndexOf('\n');
        return newline >= 0 ? (text[value..valueEnd], i + newline) : (null, 0);
    }

    private static int Blanks(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        return i;
    }
}
