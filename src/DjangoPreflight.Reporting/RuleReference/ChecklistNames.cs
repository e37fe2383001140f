using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting.RuleReference;

/// <summary>The checklist's names for the rule families (CHECKLIST.md section headings) and the
/// seed articles the rules cite, for documentation.</summary>
public static class ChecklistNames
{
    public static string Title(this Category c) => c switch
    {
        Category.Secrets => "Secrets and environment isolation",
        Category.Disclosure => "Information disclosure",
        Category.Transport => "Transport security",
        Category.Browser => "Browser hardening",
        Category.Auth => "Authentication, sessions, CSRF and APIs",
        Category.Operations => "Operations",
        Category.Performance => "Performance",
        Category.Infrastructure => "Deployment infrastructure",
        Category.Live => "Live probe",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>The ID range a family owns: DP1xx..DP8xx, DPLxx.</summary>
    public static string Range(Category c) => c == Category.Live ? "DPLxx" : $"DP{(int)c + 1}xx";

    /// <summary>"Information disclosure (DP2xx)": a category as headings and facts show it.</summary>
    public static string Heading(Category c) => $"{Title(c)} ({Range(c)})";

    /// <summary>The checklist's sources, by the code rules cite in their Seeds.</summary>
    public static IReadOnlyList<(string Code, string Source)> Seeds { get; } =
    [
        ("000", "Ram Meegada, \"Confessions of a Django Developer: Mistakes You Must Avoid in Production\" (2024)"),
        ("001", "Anu Abraham, \"Make sure your Django App is secure in Production\" (2020)"),
        ("002", "\"Securing a Django Site in Production\""),
        ("003", "\"Django Advanced #7: Deployment security — settings split, ALLOWED_HOSTS, CSRF, secret management\""),
        ("004", "Django's deployment checklist (docs.djangoproject.com, howto/deployment/checklist)"),
        ("+", "Beyond the articles: what a careful reviewer adds"),
    ];
}
