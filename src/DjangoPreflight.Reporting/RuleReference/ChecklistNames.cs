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

    /// <summary>The checklist's sources, by the code rules cite in their Seeds (the leading digits of
    /// the seed articles' file names, which mean nothing to a reader: documentation shows titles).</summary>
    public static IReadOnlyList<ChecklistSource> Seeds { get; } =
    [
        new("000", "Confessions of a Django Developer: Mistakes You Must Avoid in Production", "Ram Meegada, 2024"),
        new("001", "Make sure your Django App is secure in Production", "Anu Abraham, 2020"),
        new("002", "Securing a Django Site in Production", "a blog post its author marked outdated in 2020"),
        new("003", "Django Advanced #7: Deployment security — settings split, ALLOWED_HOSTS, CSRF, secret management", "the Django Advanced tutorial series"),
        new("004", "Deployment checklist", "Django's documentation, docs.djangoproject.com/en/stable/howto/deployment/checklist/"),
        new("+", "Beyond the articles", "what a careful reviewer adds"),
    ];

    /// <summary>The source a rule cites by <paramref name="code"/>.</summary>
    public static ChecklistSource Source(string code) =>
        Seeds.FirstOrDefault(s => s.Code == code) ?? throw new ArgumentOutOfRangeException(nameof(code), code, "not a checklist source");
}

/// <summary>One article the checklist comes from (or "+", a reviewer's addition).</summary>
public sealed record ChecklistSource(string Code, string Title, string Origin)
{
    /// <summary>How documentation names it: "\"Title\" (Origin)", or "Beyond the articles: ..." for "+".</summary>
    public string Source => Code == "+" ? $"{Title}: {Origin}" : $"\"{Title}\" ({Origin})";
}
