using System.Text;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>
/// A value written with compose/shell interpolation (<c>${VAR}</c>, <c>${VAR:-default}</c>,
/// <c>${VAR-default}</c>, <c>${VAR:?error}</c>, <c>${VAR:+alt}</c>, <c>$VAR</c>, <c>$$</c>), resolved
/// the way the repository alone decides it: a variable is never set (the operator's shell and
/// <c>.env</c> are not the repository), so a default applies, and a variable without one leaves the
/// value unknown. <see cref="Value"/> is null when unknown. An env file is different: compose reads
/// its <c>${VAR}</c> from the variables set above it, so those may be passed in as known.
/// </summary>
public sealed record Interpolated(string? Value, IReadOnlyList<string> Variables, bool UsesDefault, bool Required)
{
    private const int MaxDepth = 8;

    /// <summary>True when the text holds no interpolation at all.</summary>
    public bool IsLiteral => Variables.Count == 0;

    /// <param name="known">Variables whose values are known where the text is read (an env file's earlier lines).</param>
    public static Interpolated Parse(string text, IReadOnlyDictionary<string, string>? known = null)
    {
        var variables = new List<string>();
        var usesDefault = false;
        var required = false;
        var value = Expand(text, variables, ref usesDefault, ref required, 0, known);
        return new Interpolated(value, variables, usesDefault, required);
    }

    private static string? Expand(string text, List<string> variables, ref bool usesDefault, ref bool required, int depth, IReadOnlyDictionary<string, string>? known)
    {
        var result = new StringBuilder();
        var resolved = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '$' || i + 1 >= text.Length)
            {
                result.Append(c);
                continue;
            }
            var next = text[i + 1];
            if (next == '$')
            {
                result.Append('$');
                i++;
            }
            else if (next == '{')
            {
                var close = MatchingBrace(text, i + 1);
                if (close < 0 || depth >= MaxDepth)
                {
                    result.Append(text, i, text.Length - i);
                    break;
                }
                var inner = text[(i + 2)..close];
                i = close;
                var nameEnd = 0;
                while (nameEnd < inner.Length && (char.IsLetterOrDigit(inner[nameEnd]) || inner[nameEnd] == '_')) nameEnd++;
                var name = inner[..nameEnd];
                variables.Add(name);
                var op = inner[nameEnd..];
                // Set (and, for the ':' forms, not empty): the variable's value, or ${VAR:+alt}'s alternative.
                var set = known is not null && known.TryGetValue(name, out var v) && (v.Length > 0 || !op.StartsWith(':')) ? v : null;
                var alternative = op.StartsWith(":+", StringComparison.Ordinal) || op.StartsWith('+');
                if (set is not null && !alternative)
                {
                    result.Append(set);
                }
                else if (set is not null)
                {
                    var alt = Expand(op[(op.StartsWith(':') ? 2 : 1)..], variables, ref usesDefault, ref required, depth + 1, known);
                    if (alt is null) resolved = false;
                    else result.Append(alt);
                }
                else if (op.StartsWith(":-", StringComparison.Ordinal) || op.StartsWith('-'))
                {
                    usesDefault = true;
                    var fallback = Expand(op[(op.StartsWith(':') ? 2 : 1)..], variables, ref usesDefault, ref required, depth + 1, known);
                    if (fallback is null) resolved = false;
                    else result.Append(fallback);
                }
                else if (op.StartsWith(":?", StringComparison.Ordinal) || op.StartsWith('?'))
                {
                    required = true;
                    resolved = false;
                }
                else if (op.StartsWith(":+", StringComparison.Ordinal) || op.StartsWith('+'))
                {
                    // Unset: the alternative is not used.
                }
                else
                {
                    resolved = false;
                }
            }
            else if (char.IsLetter(next) || next == '_')
            {
                var end = i + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')) end++;
                var name = text[(i + 1)..end];
                variables.Add(name);
                if (known is not null && known.TryGetValue(name, out var set)) result.Append(set);
                else resolved = false;
                i = end - 1;
            }
            else
            {
                result.Append(c);
            }
        }
        return resolved ? result.ToString() : null;
    }

    private static int MatchingBrace(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && --depth == 0) return i;
        }
        return -1;
    }
}
