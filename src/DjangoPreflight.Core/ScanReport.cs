namespace DjangoPreflight.Core;

/// <summary>Everything a report writer needs; the same shape serves <c>scan</c> and <c>probe</c>.</summary>
public sealed record ScanReport(TargetInfo Target, IReadOnlyList<Finding> Findings, ReportSummary Summary)
{
    public const string ToolName = "django-preflight";
    public const string ToolVersion = "0.1.0";

    /// <summary>The rules that ran, ordered by ID: formats that describe rules (SARIF) read them here.</summary>
    public IReadOnlyList<RuleDescriptor> Rules { get; init; } = [];
}

/// <summary>What was examined. For <c>scan</c>: Path, SettingsModule, DjangoVersion;
/// for <c>probe</c>: Url and the grade.</summary>
public sealed record TargetInfo(
    string? Path = null,
    string? SettingsModule = null,
    string? DjangoVersion = null,
    string? Url = null,
    string? Grade = null)
{
    /// <summary>Why this settings module / Django version was chosen, for the text report.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
}

public sealed record ParseErrorInfo(string Path, int Line, string Message);

/// <summary><paramref name="Notices"/> are one-line remarks (skipped files, history scan off, ...).</summary>
public sealed record ReportSummary(
    int FilesScanned,
    IReadOnlyList<string> UnresolvedSettings,
    IReadOnlyList<ParseErrorInfo> ParseErrors,
    IReadOnlyList<string> Notices)
{
    /// <summary>What production must set (fail-closed), one entry per variable, sorted by variable.</summary>
    public IReadOnlyList<Requirement> Requirements { get; init; } = [];
}
