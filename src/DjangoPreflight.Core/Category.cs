namespace DjangoPreflight.Core;

/// <summary>The rule families of CHECKLIST.md; each owns an ID range.</summary>
public enum Category
{
    Secrets,        // DP1xx
    Disclosure,     // DP2xx
    Transport,      // DP3xx
    Browser,        // DP4xx
    Auth,           // DP5xx
    Operations,     // DP6xx
    Performance,    // DP7xx
    Infrastructure, // DP8xx
    Live,           // DPLxx
}

public static class CategoryNames
{
    public static string Name(this Category c) => c switch
    {
        Category.Secrets => "secrets",
        Category.Disclosure => "disclosure",
        Category.Transport => "transport",
        Category.Browser => "browser",
        Category.Auth => "auth",
        Category.Operations => "operations",
        Category.Performance => "performance",
        Category.Infrastructure => "infrastructure",
        Category.Live => "live",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };
}
