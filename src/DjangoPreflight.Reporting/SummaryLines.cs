using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting;

/// <summary>The summary's wording about trust, shared by every format: what production must set
/// (fail-closed settings, which are never findings) and what the rules could not decide.</summary>
public static class SummaryLines
{
    public const string RequirementLead = "Production must set";

    public const string UndecidedLead = "Could not decide (low confidence)";

    /// <summary>"Production must set DJANGO_SECRET_KEY (SECRET_KEY): without it, ... raises ImproperlyConfigured".</summary>
    public static IEnumerable<string> Requirements(ReportSummary summary) =>
        summary.Requirements.Select(r => $"{RequirementLead} {r.Describe()}");

    /// <summary>The low-confidence findings: rules that met a value they could not decide.</summary>
    public static IReadOnlyList<Finding> Undecided(IReadOnlyList<Finding> findings) =>
        findings.Where(f => f.Confidence == Confidence.Low).ToList();

    /// <summary>"DP201 DEBUG, DP301 MIDDLEWARE": each undecided rule once, with its setting, in report order.</summary>
    public static string UndecidedList(IReadOnlyList<Finding> findings) =>
        string.Join(", ", Undecided(findings).Select(f => f.Setting is null ? f.RuleId : $"{f.RuleId} {f.Setting}").Distinct());
}
