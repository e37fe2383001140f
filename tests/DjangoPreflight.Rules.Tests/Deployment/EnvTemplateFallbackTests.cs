using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>Settings that pick SQLite and an empty MAILERS only while an environment variable is unset,
/// for a production compose file that loads an env file the repository does not hold (.env) beside
/// its template (.env.example, DB=postgres, SMTP_HOST left to fill in): SQLite is the checkout's
/// fallback, not what a deployment from the template runs, and the empty MAILERS is the e-mail-off
/// state the environment chooses. Without DB in the template, SQLite is what production runs.</summary>
public sealed class EnvTemplateFallbackTests
{
    private const string Fixture = "compose-env-template";

    private static List<Finding> Scan(string root, ScanOptions? options = null) =>
        ProjectScanner.Scan(new ProjectContext(root, options ?? new ScanOptions { NoHistory = true }), ProjectRuleSet.All, Fixture)
            .Findings.Where(f => f.RuleId is "DP608" or "DP612").ToList();

    [Fact]
    public void Sqlite_that_production_s_env_template_replaces_is_low_and_says_what_the_template_sets()
    {
        var sqlite = Assert.Single(Scan(Dir(Fixture)), f => f.RuleId == "DP608");
        Assert.Equal((Severity.Low, Confidence.Low, "monitor/settings.py", 9), (sqlite.Severity, sqlite.Confidence, sqlite.Location.Path, sqlite.Location.Line));
        Assert.Equal(
            "DATABASES[\"default\"] uses SQLite (django.db.backends.sqlite3) only while DB and DB_NAME are unset: production's env template deploy/.env.example"
            + " (the template of .env, which deploy/docker-compose.yml:11 loads and the repository does not hold) sets DB (deploy/.env.example:1) and DB_NAME"
            + " (deploy/.env.example:2), and with it the database is django.db.backends.postgresql.",
            sqlite.Message);
    }

    [Fact]
    public void An_empty_mailers_the_environment_fills_is_said_at_low_confidence()
    {
        var mailers = Assert.Single(Scan(Dir(Fixture)), f => f.RuleId == "DP612");
        Assert.Equal((Severity.Medium, Confidence.Low, 20), (mailers.Severity, mailers.Confidence, mailers.Location.Line));
        Assert.Equal(
            "MAILERS is empty because SMTP_HOST is unset: the settings build it from the environment. A deployment that leaves SMTP_HOST unset "
            + "sends no e-mail at all (Django warns mail.W001; password resets and mail to ADMINS fail).",
            mailers.Message);
    }

    [Fact]
    public void Sqlite_stays_a_fact_when_the_template_leaves_the_database_alone()
    {
        var root = Path.Combine(Path.GetTempPath(), $"dp-env-template-{Guid.NewGuid():N}");
        try
        {
            CopyTree(Dir(Fixture), root);
            // The operator's template says nothing that selects another database: SQLite is production's.
            File.WriteAllText(Path.Combine(root, "deploy", ".env.example"), "DB=\nDB_NAME=/data/monitor.sqlite\nSMTP_HOST=\n");
            var sqlite = Assert.Single(Scan(root), f => f.RuleId == "DP608");
            Assert.Equal((Severity.Medium, Confidence.Certain), (sqlite.Severity, sqlite.Confidence));
            Assert.Equal("DATABASES[\"default\"] uses SQLite (django.db.backends.sqlite3).", sqlite.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void An_environment_the_user_names_is_judged_as_given()
    {
        // --env names production's environment: the template no longer stands in for it.
        var findings = Scan(Dir(Fixture), new ScanOptions { NoHistory = true, EnvPairs = [new("SITE_SECRET_KEY", "x")] });
        var sqlite = Assert.Single(findings, f => f.RuleId == "DP608");
        Assert.Equal((Severity.Medium, Confidence.Certain), (sqlite.Severity, sqlite.Confidence));
    }
}
