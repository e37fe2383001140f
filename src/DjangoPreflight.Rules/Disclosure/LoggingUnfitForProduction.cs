using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Support;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>DP208: the project's LOGGING writes to files, has no console handler, or silences the
/// loggers that carry request errors and security events (django, django.request, django.security).</summary>
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

        var files = handlers.Where(h => h.Class is { } c && FileHandlers.Contains(c)).ToList();
        if (files.Count > 0)
        {
            problems.Add($"it writes to files (handler {string.Join(", ", files.Select(h => $"\"{h.Name}\": {h.Class}"))})");
            location = At(settings, locator, "LOGGING", files[0].Class!);
        }
        if (handlers.All(h => h.Class is not null) && !handlers.Any(h => IsStream(h.Class!)))
            problems.Add("no console (StreamHandler) handler sends anything to stdout/stderr");
        var loggers = SettingValues.Get(logging, "loggers") as PyDict;
        foreach (var name in ErrorLoggers)
            if (SettingValues.Get(loggers, name) is PyDict logger && Silenced(logger, handlers) is { } why)
                problems.Add($"the \"{name}\" logger is silenced ({why})");
        if (problems.Count > 0)
            yield return Finding($"LOGGING is unfit for production: {string.Join("; ", problems)}.",
                location ?? settings.LocationOf("LOGGING"), setting: "LOGGING");
    }

    private static List<(string Name, string? Class)> HandlerClasses(PyDict logging)
    {
        var list = new List<(string, string?)>();
        if (SettingValues.Get(logging, "handlers") is PyDict handlers)
            foreach (var (k, v) in handlers.Entries)
                if (k is PyStr name)
                    list.Add((name.Value, SettingValues.Get(v, "class")?.AsString));
        return list;
    }

    private static bool IsStream(string cls) => cls.EndsWith("StreamHandler", StringComparison.Ordinal) || cls.EndsWith("RichHandler", StringComparison.Ordinal);

    /// <summary>Why this logger emits no ERROR records, or null if it may emit them.</summary>
    private static string? Silenced(PyDict logger, List<(string Name, string? Class)> handlers)
    {
        if (SettingValues.Get(logger, "level")?.AsString is "CRITICAL") return "level CRITICAL";
        if (SettingValues.Get(logger, "propagate") is not PyBool { Value: false }) return null;
        if (SettingValues.KnownStrings(SettingValues.Get(logger, "handlers")) is not { } used) return null;
        if (used.Count == 0) return "no handlers and propagate False";
        var classes = used.Select(u => handlers.FirstOrDefault(h => h.Name == u).Class).ToList();
        return classes.All(c => c == "logging.NullHandler") ? "only a NullHandler and propagate False" : null;
    }
}
