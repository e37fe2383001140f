using System.Collections.Immutable;
using System.Numerics;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.DjangoChecks;

/// <summary>
/// The production settings as Django's deploy checks read them, for one rule evaluation: values
/// with Django's defaults for the targeted version, Python's membership, truthiness and
/// <c>is True</c> in three-valued logic (null = cannot tell, because some value is unknown), and
/// the reasons of the unknown values met along the way, so a low-confidence finding can say why.
/// </summary>
public sealed class DeploySettings
{
    public const string SecurityMiddleware = "django.middleware.security.SecurityMiddleware";
    public const string XFrameOptionsMiddleware = "django.middleware.clickjacking.XFrameOptionsMiddleware";
    public const string CsrfMiddleware = "django.middleware.csrf.CsrfViewMiddleware";
    public const string SessionMiddleware = "django.contrib.sessions.middleware.SessionMiddleware";
    public const string SessionsApp = "django.contrib.sessions";

    private readonly List<string> _unknown = [];
    private readonly List<LocalFile> _overridable = [];

    public DeploySettings(SettingsModel model, DjangoVersion? version)
    {
        Model = model;
        Version = version;
    }

    public SettingsModel Model { get; }

    /// <summary>The targeted Django version; null when unknown (then the newest behaviour applies).</summary>
    public DjangoVersion? Version { get; }

    /// <summary>Reasons of the unknown values this evaluation depended on, sorted and distinct.</summary>
    public IReadOnlyList<string> UnknownReasons => _unknown.Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Why values read so far may differ in production: a local file the repository does not hold
    /// may set them (<see cref="PyOverridable"/>). They were judged by what the project itself sets.</summary>
    public IReadOnlyList<LocalFile> OverrideFiles => _overridable.Distinct().OrderBy(f => f.Path, StringComparer.Ordinal).ToList();

    /// <summary>True when the targeted Django is at least <paramref name="major"/>.<paramref name="minor"/>;
    /// an unknown version counts as the newest, whose checks are a superset of the older ones.</summary>
    public bool AtLeast(int major, int minor) => Version is not { } v || v >= new DjangoVersion(major, minor);

    /// <summary>The value Django sees: the project's, else Django's default for the targeted version.</summary>
    public PyValue Value(string name)
    {
        var setting = Model[name];
        if ((setting is null || setting.IsDefault) && DeployCheckDefaults.For(name, this) is { } fallback)
            return fallback;
        if (setting is null) return Note(new PyUnknown($"{name} has no known value"));
        if (setting.Value is PyOverridable o && o.Repository is not PyUnknown)
        {
            // The project is judged by its own value; the local file may only change what the operator chose.
            _overridable.Add(o.File);
            return o.Repository;
        }
        if (setting.Value is PyUnknown u) Note(u);
        return setting.Value;
    }

    public SourceLocation Where(string name) => Model.LocationOf(name);

    /// <summary>Python's <c>bool(settings.NAME)</c>.</summary>
    public bool? Truthy(string name) => Value(name).Truthy;

    /// <summary>Python's <c>settings.NAME is True</c>.</summary>
    public bool? IsTrue(string name) => Value(name) switch
    {
        PyBool b => b.Value,
        PyUnknown => null,
        _ => false,
    };

    /// <summary>How Django decides a cookie flag (SESSION_COOKIE_SECURE, SESSION_COOKIE_HTTPONLY,
    /// CSRF_COOKIE_SECURE) is on: any truthy value before 4.1, only <c>True</c> itself since 4.1.</summary>
    public bool? CookieFlagOn(string name) => AtLeast(4, 1) ? IsTrue(name) : Truthy(name);

    /// <summary>Python's <c>item in settings.NAME</c> for a string item.</summary>
    public bool? Contains(string name, string item) => Value(name) switch
    {
        PyStr s => s.Value.Contains(item, StringComparison.Ordinal),
        PyDict d => AnyEquals(d.Entries.Select(e => e.Key), item),
        { AsSequence: { } items } => AnyEquals(items, item),
        PyUnknown => null,
        // Python raises TypeError here; Django's check would crash, so nothing can be told.
        _ => Undecided($"{name} is not a container"),
    };

    /// <summary>Tells whether a class named by its dotted path is a project class deriving from another
    /// (qualified); null when the project's code is not read (a test's settings model).</summary>
    public Func<string, string, bool>? Derives { get; init; }

    /// <summary>The middleware is in MIDDLEWARE, itself or as a project class deriving from it (a
    /// CsrfViewMiddleware subclass protects as Django's does): known when any listed entry is one, even if
    /// other entries are unknown. Django's own check matches the name only.</summary>
    public bool? HasMiddleware(string middleware) =>
        Derives is { } derives && Value("MIDDLEWARE") is { AsSequence: { } items } && items.OfType<PyStr>().Any(s => derives(s.Value, middleware))
            ? true
            : Contains("MIDDLEWARE", middleware);

    /// <summary>Python's <c>len(value)</c> in code points, as Django measures a key.</summary>
    public static int CodePoints(string s) => s.EnumerateRunes().Count();

    public static int DistinctCodePoints(string s) => s.EnumerateRunes().Distinct().Count();

    private bool? AnyEquals(IEnumerable<PyValue> items, string item)
    {
        bool? result = false;
        foreach (var element in items)
        {
            if (element is PyStr s && s.Value == item) return true;
            if (element is PyUnknown u)
            {
                Note(u);
                result = null;
            }
        }
        return result;
    }

    /// <summary>Records why something cannot be decided and returns "cannot tell".</summary>
    public bool? Undecided(string reason)
    {
        _unknown.Add(reason);
        return null;
    }

    internal PyValue Note(PyUnknown unknown)
    {
        _unknown.Add(unknown.Reason);
        return unknown;
    }
}

/// <summary>Django's defaults (global_settings.py) for the settings its deploy checks read, by version,
/// used when the evaluated settings leave a name at its default.</summary>
internal static class DeployCheckDefaults
{
    private static readonly PyList Empty = new(ImmutableArray<PyValue>.Empty);

    public static PyValue? For(string name, DeploySettings s) => name switch
    {
        "DEBUG" or "SECURE_HSTS_INCLUDE_SUBDOMAINS" or "SECURE_HSTS_PRELOAD" or "SECURE_SSL_REDIRECT"
            or "SESSION_COOKIE_SECURE" or "CSRF_COOKIE_SECURE" or "CSRF_USE_SESSIONS" => new PyBool(false),
        "SESSION_COOKIE_HTTPONLY" => new PyBool(true),
        "ALLOWED_HOSTS" or "MIDDLEWARE" or "INSTALLED_APPS" or "CSRF_TRUSTED_ORIGINS" => Empty,
        "SECRET_KEY_FALLBACKS" => s.AtLeast(4, 1) ? Empty : null,
        "SECRET_KEY" => new PyStr(""),
        "SECURE_HSTS_SECONDS" => new PyInt(BigInteger.Zero),
        // Changed in Django 3.0: nosniff on and DENY by default; 3.1: Referrer-Policy same-origin.
        "SECURE_CONTENT_TYPE_NOSNIFF" => new PyBool(s.AtLeast(3, 0)),
        "X_FRAME_OPTIONS" => new PyStr(s.AtLeast(3, 0) ? "DENY" : "SAMEORIGIN"),
        "SECURE_REFERRER_POLICY" => s.AtLeast(3, 1) ? new PyStr("same-origin") : PyNone.Instance,
        "SECURE_CROSS_ORIGIN_OPENER_POLICY" => s.AtLeast(4, 0) ? new PyStr("same-origin") : null,
        // Django 6.0: both policies default to {} (no header).
        "SECURE_CSP" or "SECURE_CSP_REPORT_ONLY" => s.AtLeast(6, 0) ? new PyDict([]) : null,
        "TEMPLATES" => Empty,
        _ => null,
    };
}
