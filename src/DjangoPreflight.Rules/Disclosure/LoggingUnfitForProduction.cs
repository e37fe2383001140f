using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Support;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>DP208: the project's LOGGING writes to files, has no console handler, silences the
/// loggers that carry request errors and security events (django, django.request, django.security),
/// or lets dictConfig disable django.request.</summary>
public sealed class LoggingUnfitForProduction : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP208",
        Title: "Logging is unfit for production",
        Category: Category.Disclosure,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["003", "004"],
        Docs: new RuleDocs(
            Why: """
                Log files inside a container vanish with it, fill disks and need rotation and permissions;
                without a console handler nothing reaches the platform's log collector. Silencing
                django.request or django.security hides 500 errors and attacks such as forged Host headers
                (DisallowedHost) and CSRF failures.
                """,
            Fix: """
                Log to stdout/stderr with a StreamHandler and let the platform collect it; keep
                django.request and django.security at ERROR or lower, routed to a handler that emits.
                """,
            Before: """
                LOGGING = {"version": 1, "handlers": {"file": {"class": "logging.FileHandler", "filename": "/var/log/app.log"}},
                           "root": {"handlers": ["file"]}}
                """,
            After: """
                LOGGING = {"version": 1, "handlers": {"console": {"class": "logging.StreamHandler"}},
                           "root": {"handlers": ["console"], "level": "INFO"}}
                """));

    private static readonly string[] FileHandlers =
        ["logging.FileHandler", "logging.handlers.RotatingFileHandler", "logging.handlers.TimedRotatingFileHandler", "logging.handlers.WatchedFileHandler"];

    private static readonly string[] ErrorLoggers = ["django", "django.request", "django.security"];

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        if (settings["LOGGING"] is not { IsDefault: false, Value: PyDict logging }) yield break;
        var handlers = HandlerClasses(logging);
        var problems = new List<string>();
        // One finding per LOGGING, pointing at the first file handler when there is one.
        SourceLocation? location = null;

        var loggers = SettingValues.Get(logging, "loggers") as PyDict;
        if (DisablesRequestLogger(logging, loggers) is { } disabled)
        {
            problems.Add(disabled);
            // Pointed at when written; left out, the finding points at what else is wrong, or LOGGING.
            if (SettingValues.Get(logging, "disable_existing_loggers") is not null)
                location = At(settings, locator, "LOGGING", "disable_existing_loggers");
        }
        var files = handlers.Where(h => h.WritesFile).ToList();
        if (files.Count > 0)
        {
            problems.Add($"it writes to files (handler {string.Join(", ", files.Select(h => $"\"{h.Name}\": {h.Class ?? "with a filename"}"))})");
            location ??= files[0].Class is { } cls ? At(settings, locator, "LOGGING", cls) : null;
        }
        if (handlers.All(h => h.Class is not null) && !handlers.Any(h => IsStream(h.Class!)))
            problems.Add("no console (StreamHandler) handler sends anything to stdout/stderr");
        foreach (var name in ErrorLoggers)
            if (SettingValues.Get(loggers, name) is PyDict logger && Silenced(logger, handlers) is { } why)
                problems.Add($"the \"{name}\" logger is silenced ({why})");
        if (problems.Count > 0)
            yield return Finding($"LOGGING is unfit for production: {string.Join("; ", problems)}.",
                location ?? settings.LocationOf("LOGGING"), setting: "LOGGING");
    }

    /// <summary>Why Django's django.request logger ends up disabled, or null. Django applies LOGGING
    /// after its own DEFAULT_LOGGING, when django.request already exists (django.utils.log creates it
    /// on import); dictConfig then disables every existing logger the new configuration does not name
    /// (nor an ancestor of), unless disable_existing_loggers is False, and its default is True. A
    /// disabled logger drops its records, so unhandled 500 errors are neither logged nor mailed,
    /// whatever the root logger's handlers.</summary>
    private static string? DisablesRequestLogger(PyDict logging, PyDict? loggers)
    {
        var flag = SettingValues.Get(logging, "disable_existing_loggers");
        if (flag is not (null or PyBool { Value: true })) return null;
        // Unknown loggers may name django; "loggers" left out names none.
        if (SettingValues.Get(logging, "loggers") is not null && loggers is null) return null;
        if (loggers is not null && (loggers.Entries.Any(e => e.Key is not PyStr) || loggers.Get("django") is not null || loggers.Get("django.request") is not null))
            return null;
        var why = flag is null ? "disable_existing_loggers is left to dictConfig's default, True," : "disable_existing_loggers is True";
        return $"{why} and no \"django\" or \"django.request\" logger is configured, so Django's django.request logger is disabled and unhandled 500 errors are neither logged nor mailed";
    }

    private static List<Handler> HandlerClasses(PyDict logging)
    {
        var list = new List<Handler>();
        if (SettingValues.Get(logging, "handlers") is PyDict handlers)
            foreach (var (k, v) in handlers.Entries)
                if (k is PyStr name)
                {
                    var cls = SettingValues.Get(v, "class")?.AsString;
                    // A project's own FileHandler subclass, or any handler given a filename, writes to a file.
                    var writesFile = cls is not null && (FileHandlers.Contains(cls) || cls.EndsWith("FileHandler", StringComparison.Ordinal))
                        || SettingValues.Get(v, "filename") is not null;
                    list.Add(new Handler(name.Value, cls, writesFile));
                }
        return list;
    }

    private sealed record Handler(string Name, string? Class, bool WritesFile);

    private static bool IsStream(string cls) => cls.EndsWith("StreamHandler", StringComparison.Ordinal) || cls.EndsWith("RichHandler", StringComparison.Ordinal);

    /// <summary>Why this logger emits no ERROR records, or null if it may emit them.</summary>
    private static string? Silenced(PyDict logger, List<Handler> handlers)
    {
        if (SettingValues.Get(logger, "level")?.AsString is "CRITICAL") return "level CRITICAL";
        if (SettingValues.Get(logger, "propagate") is not PyBool { Value: false }) return null;
        if (SettingValues.KnownStrings(SettingValues.Get(logger, "handlers")) is not { } used) return null;
        if (used.Count == 0) return "no handlers and propagate False";
        var classes = used.Select(u => handlers.FirstOrDefault(h => h.Name == u)?.Class).ToList();
        return classes.All(c => c == "logging.NullHandler") ? "only a NullHandler and propagate False" : null;
    }
}
