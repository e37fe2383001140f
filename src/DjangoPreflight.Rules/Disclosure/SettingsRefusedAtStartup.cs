using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>
/// DP214: settings the targeted Django refuses while loading the settings module
/// (django/conf/__init__.py, <c>Settings.__init__</c>): the process raises ImproperlyConfigured and
/// never serves a request. The conditions, per version, are Django's own:
/// <list type="bullet">
/// <item>INSTALLED_APPS, TEMPLATE_DIRS, LOCALE_PATHS set to something other than a list or tuple (every
/// version); ALLOWED_HOSTS too since 4.0, SECRET_KEY_FALLBACKS since 4.1 (the setting's first release);</item>
/// <item>3.1-3.2: PASSWORD_RESET_TIMEOUT_DAYS and PASSWORD_RESET_TIMEOUT both set;</item>
/// <item>4.2-5.0: DEFAULT_FILE_STORAGE or STATICFILES_STORAGE set together with STORAGES, or STORAGES
/// (or its 'default' or 'staticfiles' entry) not a dict;</item>
/// <item>6.1+: MAILERS set together with any of the email settings it replaces (EMAIL_BACKEND, EMAIL_HOST, ...).</item>
/// </list>
/// "Set" is Django's <c>is_overridden</c>: the settings module defines the name, whatever its value. A
/// refusal is a fact only about names the project certainly defines: a name that code the evaluator
/// could not read (a git-ignored local_settings.py exec'd at the end) only may define is not "set".
/// </summary>
public sealed class SettingsRefusedAtStartup : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP214",
        Title: "Django refuses these settings at start-up",
        Category: Category.Disclosure,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["+"],
        Docs: new RuleDocs(
            Why: """
                Django validates a few settings while it loads the settings module and raises
                ImproperlyConfigured when one is malformed: the application server, manage.py and every
                worker fail before serving anything. A list setting written as a string
                (ALLOWED_HOSTS = "example.com", often an environment variable read without .split(","))
                is the usual cause; Django 6.1 also refuses MAILERS beside the EMAIL_* settings it replaces.
                """,
            Fix: """
                Give list settings a list or tuple (split an environment variable into one), and on
                Django 6.1 move every EMAIL_* setting into the MAILERS entry that uses it.
                """,
            Before: """
                ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "example.com")
                """,
            After: """
                ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "example.com").split(",")
                """));

    /// <summary>The settings Django 6.1 no longer accepts beside MAILERS (DEPRECATED_EMAIL_SETTINGS).</summary>
    public static readonly IReadOnlyList<string> EmailSettingsReplacedByMailers =
    [
        "EMAIL_BACKEND", "EMAIL_FILE_PATH", "EMAIL_HOST", "EMAIL_HOST_PASSWORD", "EMAIL_HOST_USER", "EMAIL_PORT",
        "EMAIL_SSL_CERTFILE", "EMAIL_SSL_KEYFILE", "EMAIL_TIMEOUT", "EMAIL_USE_SSL", "EMAIL_USE_TLS",
    ];

    public override IEnumerable<Finding> Check(DeploySettings settings)
    {
        foreach (var (name, since) in ListSettings)
        {
            if (since is var (major, minor) && !settings.AtLeast(major, minor) || !settings.Model.IsSet(name)) continue;
            var value = settings.Model[name]!.Value;
            if (value is PyList or PyTuple or PyUnknown) continue;
            yield return Refused(settings, name, since,
                $"{name} is a {Describe(value)}, not a list or tuple: Django{Since(since)} refuses to start (\"The {name} setting must be a list or a tuple.\").");
        }

        if (settings.Version is { } v && v >= new DjangoVersion(3, 1) && v < new DjangoVersion(4, 0)
            && settings.Model.CertainlySet("PASSWORD_RESET_TIMEOUT_DAYS") && settings.Model.CertainlySet("PASSWORD_RESET_TIMEOUT"))
            yield return Refused(settings, "PASSWORD_RESET_TIMEOUT_DAYS", (3, 1),
                "PASSWORD_RESET_TIMEOUT_DAYS and PASSWORD_RESET_TIMEOUT are both set: Django 3.1-3.2 refuses to start (they are mutually exclusive).");

        if (settings.Version is { } w && w >= new DjangoVersion(4, 2) && w < new DjangoVersion(5, 1) && settings.Model.CertainlySet("STORAGES"))
            foreach (var old in new[] { "DEFAULT_FILE_STORAGE", "STATICFILES_STORAGE" }.Where(settings.Model.CertainlySet))
                yield return Refused(settings, old, (4, 2),
                    $"{old} and STORAGES are both set: Django 4.2-5.0 refuses to start (they are mutually exclusive; STORAGES replaces {old}).");

        // 4.2-5.0 then read STORAGES.get("default", {}).get("BACKEND") (and the same for "staticfiles")
        // to keep the deprecated settings in step: a STORAGES or an entry without .get raises AttributeError.
        if (settings.Version is { } x && x >= new DjangoVersion(4, 2) && x < new DjangoVersion(5, 1) && settings.Model.CertainlySet("STORAGES")
            && StorageWithoutGet(settings.Model["STORAGES"]!.Value) is { } bad)
            yield return Refused(settings, "STORAGES", (4, 2),
                $"{bad}: Django 4.2-5.0 refuses to start (AttributeError while reading each storage's BACKEND); STORAGES maps each alias to a dict.");

        if (settings.AtLeast(6, 1) && settings.Model.CertainlySet("MAILERS"))
        {
            var old = EmailSettingsReplacedByMailers.Where(settings.Model.CertainlySet).ToList();
            if (old.Count > 0)
                yield return Refused(settings, old[0], (6, 1),
                    $"MAILERS is set together with {string.Join(", ", old)}: Django{Since((6, 1))} refuses to start "
                    + "(\"Deprecated email settings are not allowed when MAILERS is defined\"); move them into MAILERS.");
        }
    }

    /// <summary>What of STORAGES has no .get() for Django 4.2-5.0's start-up (null: nothing, or unknown).</summary>
    private static string? StorageWithoutGet(PyValue storages)
    {
        if (storages is PyUnknown) return null;
        if (storages is not PyDict aliases) return $"STORAGES is a {Describe(storages)}";
        foreach (var alias in new[] { "default", "staticfiles" })
            if (aliases.Get(alias) is { } entry and not (PyDict or PyUnknown))
                return $"STORAGES['{alias}'] is a {Describe(entry)}";
        return null;
    }

    /// <summary>The settings Django requires to be a list or tuple, and the release that started to.</summary>
    private static readonly (string Name, (int, int)? Since)[] ListSettings =
    [
        ("ALLOWED_HOSTS", (4, 0)), ("INSTALLED_APPS", null), ("LOCALE_PATHS", null), ("SECRET_KEY_FALLBACKS", (4, 1)), ("TEMPLATE_DIRS", null),
    ];

    private static string Since((int Major, int Minor)? since) => since is { } s ? $" {s.Major}.{s.Minor} and later" : "";

    private static string Describe(PyValue value) => value switch
    {
        PyStr => "string",
        PySet => "set",
        PyList => "list",
        PyTuple => "tuple",
        PyDict d => d.TypeName,
        PyNone => "None",
        PyBool => "bool",
        PyInt => "int",
        PyPath => "path",
        _ => "value of another type",
    };

    // A version-dependent refusal is certain when the targeted version is known; with no version the
    // newest Django is assumed, which the project may not run.
    private Finding Refused(DeploySettings settings, string name, (int, int)? since, string message) =>
        Finding(message, settings.Where(name), since is null || settings.Version is not null ? Confidence.Certain : Confidence.Medium, name);
}
