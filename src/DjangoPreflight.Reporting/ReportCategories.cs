using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting;

/// <summary>The checklist's category of a finding and its heading as CHECKLIST.md words it.</summary>
public static class ReportCategories
{
    /// <summary>From the rule's descriptor when the report lists it; otherwise from the ID range
    /// (a probe report lists no rules: DPLxx is live, DP1xx..DP8xx follow the checklist's ranges).</summary>
    public static Category Of(Finding finding, IReadOnlyList<RuleDescriptor> rules)
    {
        foreach (var r in rules)
            if (string.Equals(r.Id, finding.RuleId, StringComparison.Ordinal))
                return r.Category;
        var id = finding.RuleId;
        if (id.StartsWith("DPL", StringComparison.Ordinal)) return Category.Live;
        return id.Length > 2 && id.StartsWith("DP", StringComparison.Ordinal) && id[2] is >= '1' and <= '8'
            ? (Category)(id[2] - '1')
            : Category.Live;
    }

    public static string Title(Category c) => c switch
    {
        Category.Secrets => "DP1xx Secrets and environment isolation",
        Category.Disclosure => "DP2xx Information disclosure",
        Category.Transport => "DP3xx Transport security",
        Category.Browser => "DP4xx Browser hardening",
        Category.Auth => "DP5xx Authentication, sessions, CSRF and APIs",
        Category.Operations => "DP6xx Operations",
        Category.Performance => "DP7xx Performance",
        Category.Infrastructure => "DP8xx Deployment infrastructure",
        Category.Live => "DPLxx Live probe",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };
}
