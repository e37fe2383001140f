using System.Text.RegularExpressions;

namespace DjangoPreflight.Analysis.Git;

/// <summary>
/// A password made of the name the file gives its database or user and a few words, often in
/// leetspeak (<c>acme-1s-gr3at</c> beside <c>MYSQL_DATABASE: acme</c>): the example default a
/// project publishes with its compose file, chosen to be read and remembered, not drawn. It is not a
/// leaked secret (there is nothing to rotate: every reader of the docs has it), but a deployment that
/// keeps it runs with a published password, which is said at low.
/// </summary>
public static partial class NamePhrases
{
    /// <summary>The names a file gives a database, schema or user (<c>POSTGRES_DB: acme</c>,
    /// <c>MYSQL_USER=acme</c>): lower case, three characters or more.</summary>
    public static IReadOnlySet<string> NamesIn(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!text.Contains("DB", StringComparison.Ordinal) && !text.Contains("DATABASE", StringComparison.Ordinal) && !text.Contains("USER", StringComparison.Ordinal))
            return names;
        foreach (Match m in NameAssignment().Matches(text))
            names.Add(m.Groups["value"].Value.ToLowerInvariant());
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

    // KEY: value or KEY=value whose key names a database, schema or user: POSTGRES_DB, MYSQL_DATABASE, DB_NAME, MYSQL_USER.
    [GeneratedRegex(@"(?m)^\s*-?\s*[A-Z0-9_]*(?:DB|DATABASE|DB_NAME|DATABASE_NAME|USER|USERNAME)\s*[:=]\s*['""]?(?<value>[A-Za-z][A-Za-z0-9_-]{2,})['""]?\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex NameAssignment();
}
