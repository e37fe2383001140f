using DjangoPreflight.Core;
using DjangoPreflight.Probe;
using DjangoPreflight.Rules;

namespace DjangoPreflight.Cli;

/// <summary>Every rule the tool has, project, live and cross-check, ordered by ID.</summary>
public static class RuleCatalog
{
    public static IReadOnlyList<Rule> All { get; } =
        ProjectRuleSet.All.Cast<Rule>().Concat(LiveRuleSet.All).Concat(Rules.CrossChecks.CrossCheckRuleSet.All).OrderBy(r => r.Descriptor.Id, StringComparer.Ordinal).ToList();

    public static Rule? Find(string id) =>
        All.FirstOrDefault(r => string.Equals(r.Descriptor.Id, id, StringComparison.OrdinalIgnoreCase));
}
