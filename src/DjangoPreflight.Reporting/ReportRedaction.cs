using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting;

/// <summary>
/// The one redaction every report format applies before it writes a word: each text of the report
/// a repository may have put there (messages, titles, file names and URLs, notices, parse errors
/// that quote source, what production must set, why a settings module or role was chosen, what hid
/// a suppressed finding) passes through <see cref="SecretText.Redact"/>, the secret rules' idea of
/// a secret. Rules already show their own secrets redacted; this catches what they did not write
/// themselves (a parse error quoting a password line, a notice naming a credential URL, a file
/// named after a token). Baselines fingerprint the report before it, so they are not affected.
/// </summary>
public static class ReportRedaction
{
    public static ScanReport Apply(ScanReport report) => report with
    {
        Target = Target(report.Target),
        Findings = [.. report.Findings.Select(Finding)],
        Summary = Summary(report.Summary),
        Suppressed = [.. report.Suppressed.Select(s => s with { Finding = Finding(s.Finding), Justification = R(s.Justification) })],
    };

    private static string R(string text) => SecretText.Redact(text);

    private static string? Maybe(string? text) => text is null ? null : SecretText.Redact(text);

    private static TargetInfo Target(TargetInfo t) => t with
    {
        Path = Maybe(t.Path),
        SettingsModule = Maybe(t.SettingsModule),
        Url = Maybe(t.Url),
        Reasons = [.. t.Reasons.Select(R)],
        DeploymentFiles = [.. t.DeploymentFiles.Select(d => d with { Path = R(d.Path), Reason = R(d.Reason) })],
        SettingsEvidence = Evidence(t.SettingsEvidence),
        SettingsCandidates = [.. t.SettingsCandidates.Select(c => Evidence(c)!)],
    };

    private static SettingsEvidenceInfo? Evidence(SettingsEvidenceInfo? e) =>
        e is null ? null : e with { Module = R(e.Module), Description = R(e.Description), Path = Maybe(e.Path) };

    private static Finding Finding(Finding f) => f with
    {
        Title = R(f.Title),
        Message = R(f.Message),
        Location = Location(f.Location),
        Setting = Maybe(f.Setting),
        Merged = [.. f.Merged.Select(Finding)],
    };

    private static SourceLocation Location(SourceLocation l) => l with { Path = Maybe(l.Path), Url = Maybe(l.Url) };

    private static ReportSummary Summary(ReportSummary s) => s with
    {
        UnresolvedSettings = [.. s.UnresolvedSettings.Select(R)],
        ParseErrors = [.. s.ParseErrors.Select(e => e with { Path = R(e.Path), Message = R(e.Message) })],
        Notices = [.. s.Notices.Select(R)],
        CutShort = Maybe(s.CutShort),
        Requirements = [.. s.Requirements.Select(r => r with { Variable = R(r.Variable), Location = Location(r.Location), Reason = R(r.Reason) })],
    };
}
