using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
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

    protected override IEnumerable<Finding> CheckProject(ProjectContext project, SettingsModel settings) =>
        Judge(settings, project.Code.Locator, () => project.Settings.UnderEnvTemplate);

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null) => Judge(settings, locator, null);

    /// <param name="underEnvTemplate">The settings under production's env template, asked for only when
    /// a database is SQLite (it costs one more evaluation).</param>
    private IEnumerable<Finding> Judge(SettingsModel settings, SettingLocator? locator, Func<TemplateSettings?>? underEnvTemplate)
    {
        if (settings["DATABASES"] is not { IsDefault: false, Value: PyDict databases } setting) yield break;
        foreach (var (key, value) in databases.Entries)
        {
            if (key is not PyStr alias || Engine(value) is not { } engine || !IsSqlite(engine)) continue;
            var message = $"DATABASES[\"{alias.Value}\"] uses SQLite ({engine}).";
            var at = At(settings, locator, "DATABASES", engine);
            if (setting.UnsetEnvVars.Count > 0 && underEnvTemplate?.Invoke() is { } template
                && (template["DATABASES"] as PyDict)?.Get(alias.Value) is { } other && Engine(other) is { } otherEngine && !IsSqlite(otherEngine))
            {
                // SQLite is only the fallback of variables the environment leaves unset, and production's
                // env template sets them so that another database runs: a development default, not a fact
                // about production (what the operator's copy of the template holds is not known here).
                var set = template.Template.Variables.Where(v => setting.UnsetEnvVars.Contains(v.Name)).Select(v => $"{v.Name} ({v.Location})").Distinct().ToList();
                yield return Finding(
                    $"{message[..^1]} only while {Few(setting.UnsetEnvVars)} {(setting.UnsetEnvVars.Count == 1 ? "is" : "are")} unset: production's env template "
                    + $"{template.Template.Path} ({template.Template.Reason}) sets {Few(set)}, and with it the database is {otherEngine}.",
                    at, Confidence.Low, "DATABASES", severity: Severity.Low);
                continue;
            }
            yield return Finding(message, at, setting: "DATABASES");
        }
    }

    /// <summary>The first three, then how many more: a settings block may read a dozen variables.</summary>
    private static string Few(IReadOnlyList<string> items) =>
        items.Count <= 3 ? Prose.And(items) : $"{string.Join(", ", items.Take(3))} and {items.Count - 3} more";

    private static string? Engine(PyValue database) => (database as PyDict)?.Get("ENGINE")?.AsString;

    private static bool IsSqlite(string engine) => engine.EndsWith("sqlite3", StringComparison.Ordinal);
}
