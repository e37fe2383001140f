using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Support;

namespace DjangoPreflight.Rules.Performance;

/// <summary>DP703: sessions are stored in the database (Django's default engine), without a cache
/// in front of them and with no sign that expired sessions are ever cleared.</summary>
public sealed class DatabaseSessionsUncached : ProjectRule
{
    public const string DbEngine = "django.contrib.sessions.backends.db";

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP703",
        Title: "Database sessions without caching or clean-up",
        Category: Category.Performance,
        DefaultSeverity: Severity.Info,
        DjangoIds: [],
        Seeds: ["004"],
        Docs: new RuleDocs(
            Why: """
                The database session engine reads the session table on every request that uses the session
                and never deletes expired rows by itself: the table grows until someone runs clearsessions.
                """,
            Fix: """
                Use cached_db sessions with a shared cache (or cache sessions), and schedule
                `manage.py clearsessions` (cron, a systemd timer, a Celery beat task).
                """,
            Before: """
                # SESSION_ENGINE not set: django.contrib.sessions.backends.db
                """,
            After: """
                SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
                # crontab: 0 3 * * * python manage.py clearsessions
                """));

    public override IEnumerable<Finding> Check(ProjectContext project) =>
        project.Settings.Production is { } settings ? CheckSettings(settings, project.Code.ClearSessionsScheduled) : [];

    /// <param name="clearSessions">Where clearsessions is run, if anywhere.</param>
    public IEnumerable<Finding> CheckSettings(SettingsModel settings, SourceLocation? clearSessions)
    {
        if (clearSessions is not null) yield break;
        if (SettingValues.HasApp(settings, "django.contrib.sessions") != true) yield break;
        if (settings["SESSION_ENGINE"] is not { Value: PyStr { Value: DbEngine } } engine) yield break;
        yield return Finding(
            $"Sessions are stored in the database{(engine.IsDefault ? " (Django's default SESSION_ENGINE)" : "")} without a cache, and nothing runs clearsessions to delete expired ones.",
            engine.IsDefault ? settings.LocationOf("INSTALLED_APPS") : settings.LocationOf("SESSION_ENGINE"), Confidence.Medium, "SESSION_ENGINE");
    }
}
