using DjangoPreflight.Core;

namespace DjangoPreflight.Cli.Commands;

/// <summary>Applies <c>--select</c>/<c>--ignore</c>: each entry is a rule ID or an ID prefix
/// (<c>DP2</c>, <c>DPL</c>); an entry that matches no rule at all is a usage error.</summary>
public static class RuleSelection
{
    public static IReadOnlyList<T> Apply<T>(IReadOnlyList<T> rules, IEnumerable<string> select, IEnumerable<string> ignore) where T : Rule
    {
        var selected = Split(select);
        var ignored = Split(ignore);
        foreach (var entry in selected.Concat(ignored))
            if (!IsKnown(entry))
                throw new UsageException($"unknown rule ID or prefix '{entry}' (see 'django-preflight rules')");
        return rules
            .Where(r => selected.Count == 0 || selected.Any(s => RuleIdPrefix.Covers(s, r.Descriptor.Id)))
            .Where(r => !ignored.Any(i => RuleIdPrefix.Covers(i, r.Descriptor.Id)))
            .ToList();
    }

    /// <summary>Whether <paramref name="entry"/> is the ID or ID prefix of at least one rule, project or live.</summary>
    public static bool IsKnown(string entry) => AllRuleIds.Value.Any(id => RuleIdPrefix.Covers(entry, id));

    /// <summary>Entries are validated against every rule, project and live, so <c>--ignore DPL</c>
    /// is accepted by <c>scan</c> too.</summary>
    private static readonly Lazy<IReadOnlyList<string>> AllRuleIds = new(() => RuleCatalog.All.Select(r => r.Descriptor.Id).ToList());

    private static List<string> Split(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}
