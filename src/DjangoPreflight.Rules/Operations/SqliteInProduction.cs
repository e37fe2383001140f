using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Operations;

/// <summary>DP608: a production database uses the SQLite backend.</summary>
public sealed class SqliteInProduction : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP608",
        Title: "The production database is SQLite",
        Category: Category.Operations,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                SQLite allows one writer at a time, lives on the local disk of one machine (lost with a
                container, impossible to share between servers) and is easy to serve or copy by mistake as
                a plain file. It suits some small single-server sites, but most web deployments outgrow it
                under concurrent writes.
                """,
            Fix: """
                Use PostgreSQL (or MySQL/MariaDB) in production, configured from the environment, e.g.
                DATABASES = {"default": env.db("DATABASE_URL")}.
                """,
            Before: """
                DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
                """,
            After: """
                DATABASES = {"default": env.db("DATABASE_URL")}   # postgres://...
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        if (settings["DATABASES"] is not { IsDefault: false, Value: PyDict databases }) yield break;
        foreach (var (key, value) in databases.Entries)
            if (key is PyStr alias && value is PyDict db && db.Get("ENGINE")?.AsString is { } engine && engine.EndsWith("sqlite3", StringComparison.Ordinal))
                yield return Finding($"DATABASES[\"{alias.Value}\"] uses SQLite ({engine}).", At(settings, locator, "DATABASES", engine), setting: "DATABASES");
    }
}
