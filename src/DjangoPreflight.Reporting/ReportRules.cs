using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting;

/// <summary>The rules a report speaks of, for the formats that list rules (SARIF, JUnit) or group by
/// category (text): the rules that ran, plus any rule a finding names that was not listed, so a
/// finding never points at a rule the report does not describe.</summary>
public static class ReportRules
{
    /// <summary>Ordered by ID.</summary>
    public static IReadOnlyList<RuleDescriptor> Of(ScanReport report)
    {
        var rules = new Dictionary<string, RuleDescriptor>(StringComparer.Ordinal);
        foreach (var r in report.Rules) rules.TryAdd(r.Id, r);
        foreach (var f in report.Findings)
            if (!rules.ContainsKey(f.RuleId))
                rules[f.RuleId] = new RuleDescriptor(f.RuleId, f.Title, CategoryOf(f.RuleId), f.Severity, [], [], new RuleDocs("", "", "", ""));
        return rules.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The category a rule ID belongs to by CHECKLIST.md's ranges: DP1xx secrets ... DP8xx
    /// infrastructure, DPLxx live. Used when the report does not carry the rule's descriptor.</summary>
    public static Category CategoryOf(string ruleId)
    {
        return ruleId.Length > 2 && ruleId[2] is >= '1' and <= '8' ? (Category)(ruleId[2] - '1') : Category.Live;
    }

    /// <summary>Each finding's category, looked up once from the report's rules.</summary>
    public static Func<Finding, Category> Categories(ScanReport report)
    {
        var byId = Of(report).ToDictionary(r => r.Id, r => r.Category, StringComparer.Ordinal);
        return f => byId[f.RuleId];
    }
}
