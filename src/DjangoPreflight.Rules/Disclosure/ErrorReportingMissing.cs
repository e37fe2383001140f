using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Support;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>DP209: nobody hears about server errors: ADMINS is empty and no error tracker is
/// initialised in code, configured in settings, or attached as a logging handler.</summary>
public sealed class ErrorReportingMissing : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP209",
        Title: "No error reporting is configured",
        Category: Category.Disclosure,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["003", "004"],
        Docs: new RuleDocs(
            Why: """
                With DEBUG off, a 500 shows the user a generic page and the traceback goes only where
                logging sends it. Without ADMINS e-mails or an error tracker, failures in production go
                unnoticed until users complain.
                """,
            Fix: """
                Initialise an error tracker (e.g. sentry_sdk.init(dsn=...)) in the production settings, or
                set ADMINS and a working e-mail backend so Django mails tracebacks.
                """,
            Before: """
                ADMINS = []
                """,
            After: """
                sentry_sdk.init(dsn=os.environ["SENTRY_DSN"], integrations=[DjangoIntegration()])
                """));

    // Settings and apps that show another tracker is configured.
    private static readonly string[] TrackerSettings = ["ROLLBAR", "BUGSNAG", "RAVEN_CONFIG", "HONEYBADGER", "AIRBRAKE", "SENTRY_DSN"];
    private static readonly string[] TrackerWords = ["sentry", "raven", "rollbar", "bugsnag", "honeybadger", "airbrake", "newrelic", "datadog", "ddtrace"];

    public override IEnumerable<Finding> Check(ProjectContext project) =>
        project.Settings.Production is { } settings ? CheckFacts(settings, project.Code.ErrorTrackers) : [];

    public IEnumerable<Finding> CheckFacts(SettingsModel settings, ErrorTrackerFacts trackers)
    {
        if (trackers.Inits.Count > 0) yield break;
        var admins = settings["ADMINS"];
        if (admins is null || admins.Value.Truthy != false) yield break; // set, or unknown
        if (TrackerSettings.Any(s => settings.IsSet(s))) yield break;
        if (MentionsTracker(settings["INSTALLED_APPS"]?.Value) || MentionsTracker(settings["MIDDLEWARE"]?.Value)) yield break;
        if (settings["LOGGING"]?.Value is PyDict logging && SettingValues.Get(logging, "handlers") is PyDict handlers
            && handlers.Entries.Any(h => SettingValues.Get(h.Value, "class")?.AsString is { } c && TrackerWords.Any(w => c.Contains(w, StringComparison.OrdinalIgnoreCase))))
            yield break;
        yield return Finding("No error reporting: ADMINS is empty and no error tracker (e.g. sentry_sdk.init) is configured, so production errors go unnoticed.",
            settings.LocationOf("ADMINS"), Confidence.High, "ADMINS");
    }

    private static bool MentionsTracker(PyValue? value) =>
        SettingValues.AnyString(value, s => TrackerWords.Any(w => s.Contains(w, StringComparison.OrdinalIgnoreCase)));
}
