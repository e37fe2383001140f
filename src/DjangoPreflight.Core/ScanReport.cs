namespace DjangoPreflight.Core;

/// <summary>Everything a report writer needs; the same shape serves <c>scan</c> and <c>probe</c>.</summary>
public sealed record ScanReport(TargetInfo Target, IReadOnlyList<Finding> Findings, ReportSummary Summary)
{
    public const string ToolName = "django-preflight";
    public const string ToolVersion = "0.1.0";

    /// <summary>The rules that ran, ordered by ID: formats that describe rules (SARIF) read them here.</summary>
    public IReadOnlyList<RuleDescriptor> Rules { get; init; } = [];

    /// <summary>Findings a suppression hid (not in <see cref="Findings"/>), in the order they were hidden.
    /// Only SARIF shows them (as suppressed results); the other formats count them in the notices.</summary>
    public IReadOnlyList<SuppressedFinding> Suppressed { get; init; } = [];
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

    /// <summary>Every deployment file the scan read, with the role it plays and why (scan only).</summary>
    public IReadOnlyList<DeploymentFileInfo> DeploymentFiles { get; init; } = [];

    /// <summary>The evidence that chose the settings module (null with --settings or when none was found).</summary>
    public SettingsEvidenceInfo? SettingsEvidence { get; init; }

    /// <summary>The best evidence of each other module the chosen one beat, strongest first.</summary>
    public IReadOnlyList<SettingsEvidenceInfo> SettingsCandidates { get; init; } = [];
}

/// <summary>Evidence that production runs <paramref name="Module"/>: its kind ("serving process",
/// "served entry point", "wsgi/asgi default", "production name"...), what it is, and where.</summary>
public sealed record SettingsEvidenceInfo(string Module, string Kind, string Description, string? Path, int? Line);

/// <summary>A deployment file as reports show it: its kind (dockerfile, compose, nginx...), its role
/// (production, development, CI, test, example, unknown) and the reason for the role.</summary>
public sealed record DeploymentFileInfo(string Path, string Kind, string Role, string Reason);

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

    /// <summary>When the time budget (<c>--timeout</c>) stopped the scan before it was done, the notice
    /// naming what it left (one of <see cref="Notices"/>); null when the scan ran whole. A cut-short
    /// report holds what was found so far, and the command exits 3 whatever the findings.</summary>
    public string? CutShort { get; init; }
}
