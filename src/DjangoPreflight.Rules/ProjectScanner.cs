using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Discovery;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Suppressions;

namespace DjangoPreflight.Rules;

/// <summary>Runs the selected rules on a project and assembles the report, with what the project
/// itself silences (<c># preflight: ignore</c> comments, SILENCED_SYSTEM_CHECKS, the configuration's
/// per-path-ignores) already hidden, so
/// every format shows the same findings and the same notices about what was hidden.</summary>
public static class ProjectScanner
{
    /// <param name="displayPath">The path as the user gave it, shown in the report's target.</param>
    public static ScanReport Scan(ProjectContext project, IEnumerable<ProjectRule> rules, string displayPath)
    {
        var ruleList = rules.ToList();
        var git = ruleList.Count == 0 ? GitReads.Nothing : ruleList.Max(r => r.ReadsGit);
        var prefetch = git == GitReads.Nothing ? null : project.PrefetchGit(history: git == GitReads.History);
        // The rules that read git run last, so the prefetch has the other rules' time to finish in
        // (they would wait for it otherwise). The report's order does not depend on the rules' order.
        var settings = project.Settings.Production;
        var findings = EnvironmentOrigins.Apply(PassedInVariables.Apply(DeploymentRoleGate.Apply(ProxyAwareness.Apply(FailClosedSettings.Drop(RuleRunner.Run(project, ruleList.OrderBy(r => r.ReadsGit)), settings), project), project), project), project);
        prefetch?.Join(); // a rule may have ended before reading git: no git process outlives the scan
        var cut = project.Options.Budget.Notice();
        if (cut is not null) project.Diagnostics.Notice(cut);
        var django = project.Django;
        var reasons = new List<string>();
        if (settings is not null) reasons.AddRange(settings.Reasons);
        reasons.Add($"Django {django.Version?.ToString() ?? "version unknown"}: {django.Reason}");
        var target = new TargetInfo(
            Path: displayPath.Replace('\\', '/'),
            SettingsModule: settings?.Module,
            DjangoVersion: django.Version?.ToString())
        {
            Reasons = reasons,
            DeploymentFiles = project.Deployment.Files.Select(f => new DeploymentFileInfo(f.Path, f.KindName, f.Role.Name(), f.Reason)).ToList(),
            SettingsEvidence = Info(project.SettingsLayout.Winner),
            SettingsCandidates = project.SettingsLayout.Beaten.Select(e => Info(e)!).ToList(),
        };
        var summary = new ReportSummary(
            FilesScanned: project.Files.All.Count,
            UnresolvedSettings: project.Diagnostics.UnresolvedSettings,
            ParseErrors: project.Diagnostics.ParseErrors,
            Notices: project.Diagnostics.Notices)
        {
            Requirements = settings?.Requirements ?? [],
            CutShort = cut,
        };
        var report = new ScanReport(target, findings, summary) { Rules = ruleList.Select(r => r.Descriptor).ToList() };
        report = InlineSuppressions.Apply(report.Findings, project.Files, report.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal)).ApplyTo(report);
        report = SilencedSystemChecks.Apply(report.Findings, settings).ApplyTo(report);
        report = PerPathIgnores.Apply(report.Findings, project.Options.Configuration).ApplyTo(report);
        // Last, so that each suppression above matches every rule ID a merged finding stands for.
        return report with { Findings = RootCauses.Merge(report.Findings) };
    }

    private static SettingsEvidenceInfo? Info(SettingsEvidence? e) =>
        e is null ? null : new SettingsEvidenceInfo(e.Module, e.KindName, e.Description, e.Location?.Path, e.Location?.Line);
}
