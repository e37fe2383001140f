using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using DjangoPreflight.Probe;
using DjangoPreflight.Rules;
using DjangoPreflight.Rules.CrossChecks;

namespace DjangoPreflight.Cli.Commands;

/// <summary><c>scan PATH --url URL</c>: the project's findings, the live site's, and the
/// cross-checks between the two (DPX), in one report with one exit code.</summary>
public static class LiveScan
{
    public static IReadOnlyList<Rule> AllRules { get; } =
        ProjectRuleSet.All.Cast<Rule>().Concat(LiveRuleSet.All).Concat(CrossCheckRuleSet.All).OrderBy(r => r.Descriptor.Id, StringComparer.Ordinal).ToList();

    public static ScanReport Add(ScanReport scanned, ProjectContext project, ProbeObservations live, IReadOnlyList<Rule> selected)
    {
        var probed = ProbeRunner.Report(live, selected.OfType<LiveRule>());
        var cross = selected.OfType<CrossCheckRule>().ToList();
        var crossFindings = live.DeadlinePassed ? [] : cross.SelectMany(r => r.Check(project, live)).ToList();
        var notices = scanned.Summary.Notices.Concat(probed.Summary.Notices).ToList();
        if (live.DeadlinePassed && cross.Count > 0)
            notices.Add($"rules {string.Join(", ", cross.Select(r => r.Descriptor.Id))}: not checked ({live.DeadlineName} passed)");
        return scanned with
        {
            Target = scanned.Target with
            {
                Url = probed.Target.Url,
                Grade = probed.Target.Grade,
                Reasons = [.. scanned.Target.Reasons, .. probed.Target.Reasons.Select(r => $"live: {r}")],
            },
            Findings = scanned.Findings.Concat(probed.Findings).Concat(crossFindings).Order(FindingOrder.Instance).ToList(),
            Summary = scanned.Summary with { Notices = notices },
            Rules = scanned.Rules.Concat(probed.Rules).Concat(cross.Select(r => r.Descriptor)).OrderBy(d => d.Id, StringComparer.Ordinal).ToList(),
        };
    }
}
