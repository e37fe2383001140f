using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting;

/// <summary>The summary line's wording, shared by the human-readable formats.</summary>
public static class FindingCounts
{
    /// <summary>"3 findings" or "1 finding".</summary>
    public static string Total(IReadOnlyList<Finding> findings) =>
        $"{findings.Count} finding{(findings.Count == 1 ? "" : "s")}";

    /// <summary>", 42 files scanned" for a project scan; empty for a probe, which scans no files.</summary>
    public static string Scanned(ScanReport report) =>
        report.Target.Url is null ? $", {report.Summary.FilesScanned} files scanned" : "";

    /// <summary>" (1 critical, 2 high)", most severe first; empty when there are no findings.</summary>
    public static string Breakdown(IReadOnlyList<Finding> findings)
    {
        var counts = BySeverity(findings).Where(x => x.Count > 0).Select(x => $"{x.Count} {x.Severity.Name()}").ToList();
        return counts.Count == 0 ? "" : $" ({string.Join(", ", counts)})";
    }

    /// <summary>How many findings each severity has, most severe first, zeros included.</summary>
    public static IReadOnlyList<(Severity Severity, int Count)> BySeverity(IReadOnlyList<Finding> findings)
    {
        var counts = new int[Enum.GetValues<Severity>().Length];
        foreach (var f in findings) counts[(int)f.Severity]++;
        return Enum.GetValues<Severity>().OrderDescending().Select(s => (s, counts[(int)s])).ToList();
    }
}
