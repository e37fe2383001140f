using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Suppressions;

/// <summary>What a suppression step leaves: the findings still shown, and the summary notices that
/// say what it hid and why (so a hidden finding is never silently lost).</summary>
public sealed record Filtered(IReadOnlyList<Finding> Kept, IReadOnlyList<string> Notices)
{
    /// <summary>The report with only <see cref="Kept"/> findings and these notices added to its summary.</summary>
    public ScanReport ApplyTo(ScanReport report) => Notices.Count == 0 && Kept.Count == report.Findings.Count
        ? report
        : report with
        {
            Findings = Kept,
            Summary = report.Summary with { Notices = report.Summary.Notices.Concat(Notices).Distinct().Order(StringComparer.Ordinal).ToList() },
        };

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
