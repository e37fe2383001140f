using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Performance;

/// <summary>DP701: a database's CONN_MAX_AGE is 0 (Django's default): a new connection per request.</summary>
public sealed class PersistentConnectionsOff : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP701",
        Title: "Persistent database connections are off",
        Category: Category.Performance,
        DefaultSeverity: Severity.Info,
        DjangoIds: [],
        Seeds: ["004"],
        Docs: new RuleDocs(
            Why: """
                With CONN_MAX_AGE = 0 Django opens and closes a database connection for every request; the
                connection set-up (TCP, TLS, authentication) can dominate the time of simple requests,
                especially on virtualised hosts and managed databases.
                """,
            Fix: """
                Set CONN_MAX_AGE to a few minutes (and CONN_HEALTH_CHECKS = True on Django 4.1+), keeping the
                database's connection limit above workers × threads; or use a pooler such as PgBouncer.
                """,
            Before: """
                DATABASES = {"default": env.db("DATABASE_URL")}
                """,
            After: """
                DATABASES = {"default": env.db("DATABASE_URL")}
                DATABASES["default"]["CONN_MAX_AGE"] = 600
                DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        if (settings["DATABASES"] is not { IsDefault: false, Value: PyDict databases }) yield break;
        foreach (var (key, value) in databases.Entries)
        {
            if (key is not PyStr alias || value is not PyDict db || db.Get("ENGINE")?.AsString is not { } engine) continue;
            if (engine.EndsWith("sqlite3", StringComparison.Ordinal)) continue; // a local file: nothing to keep open
            // Django 5.1+ connection pooling (OPTIONS["pool"]) replaces persistent connections.
            if (db.Get("OPTIONS") is PyDict options && options.Get("pool") is { } pool && pool.Truthy != false) continue;
            var age = db.Get("CONN_MAX_AGE");
            if (age is null or PyInt { Value.IsZero: true })
                yield return Finding($"DATABASES[\"{alias.Value}\"] CONN_MAX_AGE is {(age is null ? "not set (0)" : "0")}: a new database connection is opened for every request.",
                    settings.LocationOf("DATABASES"), setting: "DATABASES");
        }
    }
}
