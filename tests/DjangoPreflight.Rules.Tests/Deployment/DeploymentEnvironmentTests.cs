using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>Without --env-file or --env, the settings are evaluated under the environment the
/// production compose file and image give the serving process (a compose default included), and a
/// finding about a value from there says which file set it. A variable production leaves to the
/// operator (<c>${VAR}</c> without a default) stays unset: a fail-closed read is no finding, a
/// fail-open one still is. The development compose file beside it gives nothing; an environment the
/// user names replaces the deployment's.</summary>
public sealed class DeploymentEnvironmentTests
{
    private static ScanReport Scan(ScanOptions options) =>
        ProjectScanner.Scan(new ProjectContext(Dir("compose-environment"), options), ProjectRuleSet.All, "compose-environment");

    [Fact]
    public void A_production_compose_default_of_star_feeds_ALLOWED_HOSTS_and_the_finding_names_the_file()
    {
        var report = Scan(new ScanOptions { NoHistory = true });
        var hosts = Assert.Single(report.Findings, f => f.RuleId == "DP204");
        Assert.Equal(Severity.High, hosts.Severity);
        Assert.Equal("shop/settings.py", hosts.Location.Path);
        Assert.Equal(
            "ALLOWED_HOSTS contains \"*\", which accepts any Host header. (Production's environment sets DJANGO_ALLOWED_HOSTS at docker-compose.prod.yml:6"
            + " (compose service web, the default of ${DJANGO_ALLOWED_HOSTS:-…}).)",
            hosts.Message);
        // The image's ENV DJANGO_DEBUG=0 is production's; the development compose file's "1" is not.
        Assert.DoesNotContain(report.Findings, f => f.Setting == "DEBUG" && f.Severity > Severity.Info);
        Assert.Contains(
            "Environment (no --env-file or --env given): DJANGO_ALLOWED_HOSTS, DJANGO_DEBUG, DJANGO_LOG_LEVEL, DJANGO_SSL_REDIRECT, PYTHONUNBUFFERED,"
            + " as the production deployment files (Dockerfile, deploy/production.env, docker-compose.prod.yml) set them",
            report.Target.Reasons);
    }

    [Fact]
    public void A_value_from_the_images_ENV_is_judged_and_the_finding_names_the_Dockerfile_line()
    {
        var report = Scan(new ScanOptions { NoHistory = true });
        var redirect = Assert.Single(report.Findings, f => f.Setting == "SECURE_SSL_REDIRECT");
        Assert.Equal("DP302", redirect.RuleId);
        Assert.Equal("shop/settings.py", redirect.Location.Path);
        Assert.Equal("SECURE_SSL_REDIRECT is not True: plain-HTTP requests are not redirected to HTTPS."
            + " (Production's environment sets DJANGO_SSL_REDIRECT at Dockerfile:4 (Dockerfile ENV).)", redirect.Message);
    }

    [Fact]
    public void A_variable_production_leaves_unset_is_missing_fail_closed_reads_are_silent_and_fail_open_ones_reported()
    {
        var report = Scan(new ScanOptions { NoHistory = true });
        // os.environ["DJANGO_SECRET_KEY"]: production's ${DJANGO_SECRET_KEY} has no default, so the app
        // refuses to start without it; the development file's "local-only" is not production's key.
        Assert.DoesNotContain(report.Findings, f => f.Setting == "SECRET_KEY" && f.Severity > Severity.Info);
        // os.environ.get("DJANGO_EMAIL_PASSWORD", "mailpass-local"): the literal is what runs when it is forgotten.
        var password = Assert.Single(report.Findings, f => f.RuleId == "DP108");
        Assert.Equal(Severity.High, password.Severity);
        Assert.StartsWith("EMAIL_HOST_PASSWORD falls back to a literal (", password.Message);
        Assert.EndsWith("when DJANGO_EMAIL_PASSWORD is missing.", password.Message);
        Assert.DoesNotContain("mailpass-local", password.Message);
    }

    [Fact]
    public void An_environment_the_user_names_replaces_the_deployment_files()
    {
        var report = Scan(new ScanOptions
        {
            NoHistory = true,
            EnvPairs = [new("DJANGO_ALLOWED_HOSTS", "shop.example.com"), new("DJANGO_SECRET_KEY", "x")],
        });
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "DP204");
        Assert.DoesNotContain(report.Target.Reasons, r => r.StartsWith("Environment", StringComparison.Ordinal));
        // The image's DJANGO_SSL_REDIRECT=0 is not part of a named environment: the default "1" holds.
        Assert.DoesNotContain(report.Findings, f => f.Setting == "SECURE_SSL_REDIRECT");
    }

    [Fact]
    public void An_env_file_the_user_names_replaces_the_deployment_files()
    {
        var envFile = Path.Combine(Path.GetTempPath(), $"dp-deploy-env-{Guid.NewGuid():N}.env");
        File.WriteAllText(envFile, "DJANGO_ALLOWED_HOSTS=*\nDJANGO_SSL_REDIRECT=1\nDJANGO_EMAIL_PASSWORD=from-the-vault\n");
        try
        {
            var report = Scan(new ScanOptions { NoHistory = true, EnvFiles = [envFile] });
            var hosts = Assert.Single(report.Findings, f => f.RuleId == "DP204");
            Assert.Equal("ALLOWED_HOSTS contains \"*\", which accepts any Host header.", hosts.Message);
            Assert.DoesNotContain(report.Findings, f => f.Setting == "SECURE_SSL_REDIRECT");
            Assert.DoesNotContain(report.Target.Reasons, r => r.StartsWith("Environment (no --env-file", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(envFile);
        }
    }
}
