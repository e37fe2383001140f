using DjangoPreflight.Core;

namespace DjangoPreflight.Rules;

/// <summary>
/// One cause, one finding (#17.3). Rules that judge the same value report it at the same place: a
/// literal SECRET_KEY fallback is a fallback (DP103), a literal (DP101), weak (DP102) and maybe shared
/// (DP104); a DEBUG that fails open is on (DP201) because it fails open (DP202). Those findings become
/// one, under the rule that names the cause, whose message names the other rules it also breaks. The
/// merged finding keeps the originals (<see cref="Finding.Merged"/>), so baselines still match each.
/// </summary>
public static class RootCauses
{
    /// <summary>Rules that judge one value, the root cause first: the first present becomes the finding.</summary>
    private static readonly string[][] Families =
    [
        ["DP103", "DP101", "DP102", "DP104"],
        ["DP202", "DP201"],
    ];

    public static IReadOnlyList<Finding> Merge(IReadOnlyList<Finding> findings)
    {
        var result = new List<Finding>(findings.Count);
        var groups = new Dictionary<(int Family, string? Path, int? Line, string? Setting), List<Finding>>();
        foreach (var f in findings)
        {
            var family = Array.FindIndex(Families, fam => fam.Contains(f.RuleId));
            if (family < 0 || f.Setting is null || f.Location.Line is null)
            {
                result.Add(f);
                continue;
            }
            var key = (family, f.Location.Path, f.Location.Line, f.Setting);
            if (!groups.TryGetValue(key, out var group)) groups[key] = group = [];
            group.Add(f);
        }
        foreach (var (key, group) in groups)
        {
            // One rule alone is left as it is (a rule reporting one place twice is that rule's business).
            if (group.Select(f => f.RuleId).Distinct().Count() < 2) result.AddRange(group);
            else result.Add(Merge(group, Families[key.Family]));
        }
        result.Sort(FindingOrder.Instance);
        return result;
    }

    /// <summary>Every merged finding back into the findings it stands for, in report order.</summary>
    public static IReadOnlyList<Finding> Unmerge(IReadOnlyList<Finding> findings)
    {
        var all = findings.SelectMany(f => f.Constituents).ToList();
        all.Sort(FindingOrder.Instance);
        return all;
    }

    private static Finding Merge(List<Finding> group, string[] family)
    {
        var ordered = group.OrderBy(f => Array.IndexOf(family, f.RuleId)).ThenBy(f => f, FindingOrder.Instance).ToList();
        var primary = ordered[0];
        var others = ordered.Skip(1).Where(f => f.RuleId != primary.RuleId).DistinctBy(f => f.RuleId).ToList();
        var list = Prose.And(others.Select(f => $"{f.RuleId} ({f.Title})").ToList());
        return primary with
        {
            Severity = ordered.Max(f => f.Severity),
            Confidence = ordered.Max(f => f.Confidence),
            Message = $"{primary.Message} The same value also breaks {list}.",
            Merged = ordered,
        };
    }
}
