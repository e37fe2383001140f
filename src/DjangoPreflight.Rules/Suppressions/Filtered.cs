using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Suppressions;

/// <summary>What a suppression step leaves: the findings still shown, the summary notices that say
/// what it hid and why (so a hidden finding is never silently lost), and the hidden findings with
/// what hid each one (<see cref="ScanReport.Suppressed"/>).</summary>
public sealed record Filtered(IReadOnlyList<Finding> Kept, IReadOnlyList<string> Notices)
{
    public IReadOnlyList<SuppressedFinding> Hidden { get; init; } = [];

    /// <summary>The report with only <see cref="Kept"/> findings, these notices added to its summary and
    /// the <see cref="Hidden"/> ones added to its suppressed findings.</summary>
    public ScanReport ApplyTo(ScanReport report) => Notices.Count == 0 && Kept.Count == report.Findings.Count
        ? report
        : report with
        {
            Findings = Kept,
            Summary = report.Summary with { Notices = report.Summary.Notices.Concat(Notices).Distinct().Order(StringComparer.Ordinal).ToList() },
            Suppressed = [.. report.Suppressed, .. Hidden],
        };

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
