using DjangoPreflight.Core;
using DjangoPreflight.Probe.Grading;
using DjangoPreflight.Probe.Observing;

namespace DjangoPreflight.Probe;

/// <summary>Runs the live rules over what the probe observed and assembles the report: findings
/// in the one deterministic order, the grade, and why the site does or does not look like Django.
/// The probe's --deadline covers this analysis too: rules not started when it passes are left
/// unrun, said so, and the grade is marked incomplete.</summary>
public static class ProbeRunner
{
    public static ScanReport Report(ProbeObservations o, IEnumerable<LiveRule> rules)
    {
        var ruleList = rules.ToList();
        var findings = new List<Finding>();
        var skipped = new List<string>();
        foreach (var rule in ruleList)
        {
            if (o.DeadlinePassed)
                skipped.Add(rule.Descriptor.Id);
            else
                findings.AddRange(rule.Check(o));
        }
        if (skipped.Count > 0)
            o.NotChecked($"rules {string.Join(", ", skipped)}", $"{o.DeadlineName} passed during the analysis");
        var ordered = findings.Order(FindingOrder.Instance).ToList();
        var grade = ProbeGrade.Compute(ordered, o);
        var reasons = new List<string> { grade.Explanation };
        var evidence = DjangoEvidence.Of(o);
        reasons.Add(evidence.Count > 0
            ? $"looks like Django: {string.Join("; ", evidence)}"
            : "no sign of Django seen (no csrftoken cookie, debug page, admin or DRF markup, or runserver header)");
        if (o.Certificate is { } c)
            reasons.Add($"certificate: {c.Subject}, issued by {c.Issuer}, valid {c.NotBefore:yyyy-MM-dd} to {c.NotAfter:yyyy-MM-dd}, names {string.Join(", ", c.Names)}");
        if (o.LegacyTls.Count > 0)
            reasons.Add("legacy TLS: " + string.Join("; ", o.LegacyTls.Select(v => $"{v.Version} {v.Verdict switch
            {
                Http.TlsVersionVerdict.Accepted => "accepted",
                Http.TlsVersionVerdict.Rejected => "refused",
                _ => "not tested",
            }} ({v.Detail})")));
        var target = new TargetInfo(Url: o.Target.ToString(), Grade: grade.Grade) { Reasons = reasons };
        return new ScanReport(target, ordered, new ReportSummary(0, [], [], o.Notices.ToList()))
        {
            Rules = ruleList.Select(r => r.Descriptor).OrderBy(d => d.Id, StringComparer.Ordinal).ToList(),
        };
    }
}
