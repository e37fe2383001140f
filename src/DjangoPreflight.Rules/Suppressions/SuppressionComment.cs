using System.Text.RegularExpressions;

namespace DjangoPreflight.Rules.Suppressions;

/// <summary>
/// One <c># preflight: ignore</c> directive: on <see cref="Line"/>, for the rules in
/// <see cref="RuleIds"/>, or for every rule when that is empty (a bare <c>ignore</c>).
/// <see cref="Error"/> is set when the directive is malformed; it then suppresses nothing.
/// </summary>
public sealed record SuppressionComment(int Line, IReadOnlyList<string> RuleIds, string? Error = null)
{
    public bool IsBare => RuleIds.Count == 0 && Error is null;

    public bool Covers(string ruleId) => Error is null && (RuleIds.Count == 0 || RuleIds.Contains(ruleId, StringComparer.Ordinal));

    /// <summary>The directive as written in its normal form: "# preflight: ignore[DP201, DP305]".</summary>
    public override string ToString() => RuleIds.Count == 0 ? "# preflight: ignore" : $"# preflight: ignore[{string.Join(", ", RuleIds)}]";

    /// <summary>"# preflight: ignore" then an optional "[ID, ID]". Matched anywhere in a comment so it can
    /// follow another tool's directive (<c># noqa: E501  # preflight: ignore[DP201]</c>).</summary>
    private static readonly Regex Directive = new(
        @"#\s*preflight\s*:\s*ignore\b(?<open>\[(?<ids>[^\]\n]*)(?<close>\])?)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex RuleId = new("^[A-Z]+[0-9]+$", RegexOptions.CultureInvariant);

    /// <summary>The directive in one comment (the text from its first <c>#</c>), or null if it has none.</summary>
    public static SuppressionComment? Parse(int line, string comment)
    {
        var m = Directive.Match(comment);
        if (!m.Success) return null;
        if (!m.Groups["open"].Success) return new SuppressionComment(line, []);
        if (!m.Groups["close"].Success) return new SuppressionComment(line, [], "no closing ']'");
        var ids = m.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries).Select(id => id.ToUpperInvariant()).ToList();
        var bad = ids.FirstOrDefault(id => !RuleId.IsMatch(id));
        if (bad is not null)
            return new SuppressionComment(line, [], bad.Length == 0 ? "an empty rule ID" : $"'{bad}' is not a rule ID");
        return new SuppressionComment(line, ids.Distinct().Order(StringComparer.Ordinal).ToList());
    }
}
