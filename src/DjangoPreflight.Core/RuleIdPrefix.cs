namespace DjangoPreflight.Core;

/// <summary>How a rule entry in --select/--ignore or the configuration names rules: an ID or an ID
/// prefix (<c>DP2</c>, <c>DPL</c>), case-insensitively. One definition, so every place that takes
/// rule entries agrees on what they cover.</summary>
public static class RuleIdPrefix
{
    public static bool Covers(string entry, string ruleId) => ruleId.StartsWith(entry, StringComparison.OrdinalIgnoreCase);
}
