using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Analysis.Code;

/// <summary>Which implementation emits the Content-Security-Policy header.</summary>
public enum CspProvider
{
    /// <summary>No CSP middleware in MIDDLEWARE.</summary>
    None,
    /// <summary>django-csp's csp.middleware.CSPMiddleware (version 3 CSP_* settings or version 4 dicts).</summary>
    DjangoCsp,
    /// <summary>Django 6's built-in django.middleware.csp.ContentSecurityPolicyMiddleware.</summary>
    DjangoBuiltIn,
}

/// <summary>One policy the middleware sends. <paramref name="Setting"/> is the setting that decides it
/// (for a finding's location); <paramref name="Directives"/> maps a directive name (e.g. "script-src")
/// to its sources, null when the policy's shape could not be evaluated.</summary>
public sealed record CspPolicy(
    string Setting,
    bool ReportOnly,
    IReadOnlyDictionary<string, IReadOnlyList<PyValue>>? Directives)
{
    /// <summary>The sources that govern scripts: script-src, else default-src; null when neither is known.</summary>
    public IReadOnlyList<PyValue>? Effective(string directive) =>
        Directives is null ? null : Directives.TryGetValue(directive, out var own) ? own
            : Directives.TryGetValue("default-src", out var fallback) ? fallback : null;
}

/// <summary>
/// The Content Security Policy as the production settings configure it. Reads django-csp 3
/// (CSP_* settings, CSP_REPORT_ONLY), django-csp 4 (CONTENT_SECURITY_POLICY[_REPORT_ONLY] dicts
/// with "DIRECTIVES") and Django 6 (SECURE_CSP, SECURE_CSP_REPORT_ONLY).
/// </summary>
public sealed record ContentSecurityPolicy(CspProvider Provider, bool? MiddlewareKnown, IReadOnlyList<CspPolicy> Policies)
{
    public const string DjangoCspMiddleware = "csp.middleware.CSPMiddleware";
    public const string BuiltInMiddleware = "django.middleware.csp.ContentSecurityPolicyMiddleware";

    // django-csp 3 settings that are options, not directives.
    private static readonly HashSet<string> DjangoCsp3Options = new(StringComparer.Ordinal)
    {
        "CSP_REPORT_ONLY", "CSP_INCLUDE_NONCE_IN", "CSP_EXCLUDE_URL_PREFIXES", "CSP_REPORT_PERCENTAGE",
    };

    public static ContentSecurityPolicy From(SettingsModel settings)
    {
        var middleware = settings["MIDDLEWARE"]?.Value.AsSequence;
        var names = middleware?.OfType<PyStr>().Select(s => s.Value).ToHashSet(StringComparer.Ordinal) ?? [];
        // Unknown when MIDDLEWARE is unknown or has unknown entries and no CSP middleware is seen.
        bool? known = middleware is null ? null : middleware.Value.All(i => i is PyStr) ? true : null;
        if (names.Contains(BuiltInMiddleware))
            return new ContentSecurityPolicy(CspProvider.DjangoBuiltIn, true,
                [.. BuiltIn(settings, "SECURE_CSP", false), .. BuiltIn(settings, "SECURE_CSP_REPORT_ONLY", true)]);
        if (names.Contains(DjangoCspMiddleware))
            return new ContentSecurityPolicy(CspProvider.DjangoCsp, true, DjangoCsp(settings));
        return new ContentSecurityPolicy(CspProvider.None, known, []);
    }

    private static IEnumerable<CspPolicy> BuiltIn(SettingsModel settings, string name, bool reportOnly)
    {
        if (settings[name] is not { IsDefault: false } setting) yield break;
        var directives = Directives(setting.Value);
        // An empty dict (Django's default) sends no header.
        if (directives is { Count: 0 }) yield break;
        yield return new CspPolicy(name, reportOnly, directives);
    }

    private static List<CspPolicy> DjangoCsp(SettingsModel settings)
    {
        var policies = new List<CspPolicy>();
        var v4 = false;
        foreach (var (name, reportOnly) in new[] { ("CONTENT_SECURITY_POLICY", false), ("CONTENT_SECURITY_POLICY_REPORT_ONLY", true) })
        {
            if (settings[name] is not { IsDefault: false } setting) continue;
            v4 = true;
            if (setting.Value is PyNone) continue; // explicitly disabled
            var directives = setting.Value is PyDict d ? Directives(d.Get("DIRECTIVES") ?? new PyDict([])) : null;
            policies.Add(new CspPolicy(name, reportOnly, directives));
        }
        if (v4) return policies;

        // django-csp 3: one policy built from CSP_* settings; default-src defaults to 'self'.
        var v3 = new SortedDictionary<string, IReadOnlyList<PyValue>>(StringComparer.Ordinal) { ["default-src"] = [new PyStr("'self'")] };
        var known = true;
        var decisive = "MIDDLEWARE";
        foreach (var (name, setting) in settings.Settings.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (setting.IsDefault || !name.StartsWith("CSP_", StringComparison.Ordinal) || DjangoCsp3Options.Contains(name)) continue;
            var directive = name[4..].ToLowerInvariant().Replace('_', '-');
            if (setting.Value.AsSequence is { } items) v3[directive] = items;
            else if (setting.Value is PyStr s) v3[directive] = [s];
            else if (!setting.Value.IsKnown) known = false;
            if (directive is "script-src" or "default-src") decisive = name;
        }
        var v3ReportOnly = settings["CSP_REPORT_ONLY"] is { IsDefault: false, Value.Truthy: true };
        if (v3ReportOnly) decisive = "CSP_REPORT_ONLY";
        policies.Add(new CspPolicy(decisive, v3ReportOnly, known ? v3 : null));
        return policies;
    }

    /// <summary>A directive dict ({"script-src": [...]}) as a map, or null when it is not known.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<PyValue>>? Directives(PyValue value)
    {
        if (value is not PyDict dict) return null;
        var map = new SortedDictionary<string, IReadOnlyList<PyValue>>(StringComparer.Ordinal);
        foreach (var (k, v) in dict.Entries)
        {
            if (k is not PyStr key) return null;
            map[key.Value.ToLowerInvariant()] = v.AsSequence is { } items ? items : v is PyStr s ? [s] : [v];
        }
        return map;
    }
}
