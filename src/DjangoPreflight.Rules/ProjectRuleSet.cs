namespace DjangoPreflight.Rules;

/// <summary>Every project rule, found at compile time by the rule-list source generator.</summary>
public static class ProjectRuleSet
{
    public static IReadOnlyList<ProjectRule> All { get; } =
        GeneratedRuleList.Create().OfType<ProjectRule>().OrderBy(r => r.Descriptor.Id, StringComparer.Ordinal).ToList();
}
