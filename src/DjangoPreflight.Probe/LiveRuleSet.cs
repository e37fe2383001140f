namespace DjangoPreflight.Probe;

/// <summary>Every live rule, found at compile time by the rule-list source generator.</summary>
public static class LiveRuleSet
{
    public static IReadOnlyList<LiveRule> All { get; } =
        GeneratedRuleList.Create().OfType<LiveRule>().OrderBy(r => r.Descriptor.Id, StringComparer.Ordinal).ToList();
}
