using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting;

/// <summary>The section titles of CHECKLIST.md, for formats that group findings by category.
/// The enum's order is the checklist's order.</summary>
public static class CategoryTitles
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
}
