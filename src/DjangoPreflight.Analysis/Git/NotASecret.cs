using System.Text.RegularExpressions;

namespace DjangoPreflight.Analysis.Git;

/// <summary>Why a value found where a secret could be is not one.</summary>
public enum NotSecretReason
{
    /// <summary>A placeholder or an env/template reference (<see cref="Placeholders"/>).</summary>
    Placeholder,

    /// <summary>Code, not a value: an env lookup, a call, a subscript, a shell substitution, a pattern.</summary>
    Code,

    /// <summary>The name of something: a dotted import path, a setting or variable name, a migration.</summary>
    Name,

    /// <summary>Words with spaces: a label or a sentence.</summary>
    Prose,

    /// <summary>Filler: a counting run (0123456789abcdef...), an alphabet, a rate (60/minute).</summary>
    Filler,
}

/// <summary>
/// Judges a value by its shape, the way gitleaks' allowlists and detect-secrets' filters do, with
/// what we know of Django projects: a dotted path under a name ending in PASSWORD is an
/// authentication backend (<c>'pkg.backends.OIDCAuthPasswordBackend'</c>), an UPPER_SNAKE value is a
/// setting's name (<c>['EMAIL_HOST_PASSWORD', 'EMAIL_FROM']</c> read as key and value), a
/// <c>get_random_string</c> alphabet is not a key.
/// </summary>
public static partial class NotASecret
{
    /// <param name="value">The candidate.</param>
    /// <param name="quoted">True when it was written between quotes (a literal in any syntax).</param>
    /// <param name="prose">True for documentation (a README): an unquoted word there is code or prose, not a literal.</param>
    /// <param name="literal">True for a Python string literal, where '$' is an ordinary character.</param>
    public static NotSecretReason? Why(string value, bool quoted, bool prose, bool literal = false)
    {
        // Most specific first: APP_SHARED_SECRET is a name before its words make it a placeholder.
        if (IsName(value)) return NotSecretReason.Name;
        if (IsCode(value, quoted, prose)) return NotSecretReason.Code;
        if (value.Any(char.IsWhiteSpace)) return NotSecretReason.Prose;
        if (Placeholders.IsPlaceholder(value, literal)) return NotSecretReason.Placeholder;
        if (IsFiller(value)) return NotSecretReason.Filler;
        return null;
    }

    /// <summary>A dotted import path (<c>pkg.mod.Class</c>), an UPPER_SNAKE name with at least one
    /// underscore (<c>APP_SHARED_SECRET</c>, <c>DEMO_KEY</c>), or a migration's name (<c>0005_add_token</c>).</summary>
    public static bool IsName(string value) => DottedPath().IsMatch(value) || UpperSnake().IsMatch(value) || MigrationName().IsMatch(value);

    /// <summary>Counting runs, alphabets, rates and the like: values whose characters follow each
    /// other in order for most of their length, or that say "N per unit".</summary>
    public static bool IsFiller(string value)
    {
        if (Rate().IsMatch(value)) return true;
        if (value.Length < 8) return false;
        var ordered = 0;
        for (var i = 1; i < value.Length; i++)
            if (value[i] == value[i - 1] + 1) ordered++;
        // Django's key alphabet "abc...xyz0123456789!@#..." orders 44 of its 49 pairs; random text
        // of that alphabet orders one pair in fifty.
        return ordered * 2 >= value.Length;
    }

    /// <summary>True when the value holds a counting run of six or more (123456, abcdef): a
    /// person typed it; 50 random draws from Django's alphabet make one about once in a million keys.</summary>
    public static bool HasCountingRun(string value)
    {
        for (int i = 1, run = 1; i < value.Length; i++)
        {
            run = value[i] == value[i - 1] + 1 ? run + 1 : 1;
            if (run >= 6) return true;
        }
        return false;
    }

    /// <summary>True for a value that reads as generated: 32 characters or more (or <paramref name="minimumLength"/>), letters and digits, no long word,
    /// and at least 3.5 bits of entropy per character (random hex has about 3.7, base64 and Django keys more;
    /// words and names far less).</summary>
    public static bool LooksGenerated(string value, int minimumLength = 32)
    {
        if (value.Length < minimumLength || !value.Any(char.IsAsciiDigit) || !value.Any(char.IsAsciiLetter)) return false;
        // A word of nine lower-case letters or more ("production"): written, not drawn (random
        // base62 holds such a run about once in a hundred 32-character values).
        for (int i = 0, run = 0; i < value.Length; i++)
            if ((run = char.IsAsciiLetterLower(value[i]) ? run + 1 : 0) >= 9) return false;
        var entropy = 0.0;
        foreach (var group in value.GroupBy(c => c))
        {
            var p = (double)group.Count() / value.Length;
            entropy -= p * Math.Log2(p);
        }
        return entropy >= 3.5;
    }

    private static bool IsCode(string value, bool quoted, bool prose)
    {
        // Shell substitution, backticks, a sed or grep pattern.
        if (value.Contains("$(", StringComparison.Ordinal) || value.Contains('`') || value.Contains(".*", StringComparison.Ordinal))
            return true;
        if (quoted) return false;
        // Unquoted, a call or subscript is an expression: os.env['X'], get_token(...), creds["x"].
        if (value.IndexOfAny(['(', '[', ')', ']']) >= 0) return true;
        // In documentation an unquoted lower-case identifier is a variable (`token = value`).
        return prose && Identifier().IsMatch(value);
    }

    // Anchored, and every loop is followed by a character outside its class: backtracking stays linear,
    // and a source-generated pattern costs nothing to build (one judged on every candidate value).
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$")]
    private static partial Regex DottedPath();

    [GeneratedRegex(@"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$")]
    private static partial Regex UpperSnake();

    [GeneratedRegex(@"^\d{4}_[a-z0-9_]+(\.py)?$")]
    private static partial Regex MigrationName();

    [GeneratedRegex(@"^[a-z_][a-z0-9_]*$")]
    private static partial Regex Identifier();

    // django-ratelimit / allauth rates: "60/m", "1/m/ip,1/m/key", "100/hour".
    [GeneratedRegex(@"^\d+/[smhd]")]
    private static partial Regex Rate();
}
