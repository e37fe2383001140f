using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>Without --env-file or --env, the settings are evaluated under the environment the
/// production compose file and image give the serving process (a compose default included), and a
/// finding about a value from there says which file set it. The development compose file beside it
/// gives nothing; an environment the user names replaces the deployment's.</summary>
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
            "Environment (no --env-file or --env given): DJANGO_ALLOWED_HOSTS, DJANGO_DEBUG, DJANGO_LOG_LEVEL, PYTHONUNBUFFERED,"
            + " as the production deployment files (Dockerfile, deploy/production.env, docker-compose.prod.yml) set them",
            report.Target.Reasons);
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
    }
}
