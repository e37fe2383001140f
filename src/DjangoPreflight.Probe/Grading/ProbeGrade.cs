using DjangoPreflight.Core;

namespace DjangoPreflight.Probe.Grading;

/// <summary>
/// The probe's letter grade, computed like the Mozilla HTTP Observatory's: start at 100, subtract
/// a fixed penalty per finding by severity, add bonuses for best practices only when the score is
/// already 90 or more, then map the score to a letter. The table is documented in GRADING.md next
/// to this file; the tests pin it.
/// </summary>
public static class ProbeGrade
{
    public const int Start = 100;

    /// <summary>Penalty per finding.</summary>
    public static int Penalty(Severity s) => s switch
    {
        Severity.Critical => 50,
        Severity.High => 25,
        Severity.Medium => 15,
        Severity.Low => 5,
        _ => 0,
    };

    public const int BonusThreshold = 90;
    public const int BonusHstsPreload = 5;
    public const int BonusStrictCsp = 5;
    public const int BonusNoDjangoFingerprint = 5;

    /// <summary>Lowest score for each grade, best first (Observatory's boundaries).</summary>
    public static readonly IReadOnlyList<(int Min, string Grade)> Scale =
    [
        (100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"),
        (60, "C+"), (50, "C"), (45, "C-"), (40, "D+"), (30, "D"), (25, "D-"), (0, "F"),
    ];

    public sealed record Result(int Score, string Grade, string Explanation);

    public static Result Compute(IReadOnlyList<Finding> findings, ProbeObservations o)
    {
        var lines = new List<string>();
        var score = Start;
        foreach (var group in findings.Where(f => Penalty(f.Severity) > 0).GroupBy(f => f.Severity).OrderByDescending(g => g.Key))
        {
            var penalty = Penalty(group.Key) * group.Count();
            score -= penalty;
            lines.Add($"-{penalty}: {group.Count()} {group.Key.Name()} finding{(group.Count() == 1 ? "" : "s")}");
        }
        if (score >= BonusThreshold)
        {
            if (HasPreloadableHsts(o)) { score += BonusHstsPreload; lines.Add($"+{BonusHstsPreload}: HSTS ready for the preload list (one header, a year or more, includeSubDomains and preload)"); }
            if (HasStrictCsp(o)) { score += BonusStrictCsp; lines.Add($"+{BonusStrictCsp}: enforced CSP that stops injected scripts, with object-src 'none'"); }
            // "Nothing seen" is only worth something when everything was looked at.
            if (o.Home?.Answered == true && o.NotRun.Count == 0 && Observing.DjangoEvidence.Of(o).Count == 0) { score += BonusNoDjangoFingerprint; lines.Add($"+{BonusNoDjangoFingerprint}: no sign of Django visible to an anonymous client"); }
        }
        score = Math.Max(0, score);
        var grade = Scale.First(s => score >= s.Min).Grade;
        if (o.NotRun.Count > 0)
            grade += $" (incomplete: {o.NotRun.Count} check{(o.NotRun.Count == 1 ? "" : "s")} not run)";
        var explanation = $"grade {grade}: score {score} = {Start}" + (lines.Count == 0 ? "" : ", " + string.Join(", ", lines));
        return new Result(score, grade, explanation);
    }

    /// <summary>Preload-ready as hstspreload.org defines it (one header, a year, includeSubDomains,
    /// preload, a valid certificate, HTTP redirected to HTTPS on the same host), not merely asking for it.</summary>
    private static bool HasPreloadableHsts(ProbeObservations o) =>
        Observing.HstsPolicy.PreloadProblems(o).Count == 0 && Observing.HstsPolicy.CertificateValid(o);

    private static bool HasStrictCsp(ProbeObservations o) =>
        o.ContentSecurityPolicies.Any(p => !p.ReportOnly && p.ScriptWeaknesses().Count == 0
            && (p.Directive("object-src") ?? p.Directive("default-src")) is ["'none'"]);
}
