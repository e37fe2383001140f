using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting;

/// <summary>The summary line's wording, shared by the human-readable formats.</summary>
public static class FindingCounts
{
    /// <summary>"3 findings" or "1 finding".</summary>
    public static string Total(IReadOnlyList<Finding> findings) =>
        $"{findings.Count} finding{(findings.Count == 1 ? "" : "s")}";

    /// <summary>" (1 critical, 2 high)", most severe first; empty when there are no findings.</summary>
    public static string Breakdown(IReadOnlyList<Finding> findings)
    {
        var counts = Enum.GetValues<Severity>().OrderDescending()
            .Select(s => (s, n: findings.Count(f => f.Severity == s)))
            .Where(x => x.n > 0)
            .Select(x => $"{x.n} {x.s.Name()}")
            .ToList();
        return counts.Count == 0 ? "" : $" ({string.Join(", ", counts)})";
    }
}
