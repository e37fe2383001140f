using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>A compose service that runs an image by name only (<c>image: registry/acme/ledger</c>),
/// which a Makefile builds from the project's Dockerfile (<c>docker build -t registry/acme/ledger .</c>):
/// the service's environment is the environment of the app that Dockerfile starts, so the settings
/// see the hosts and the database password production sets.</summary>
public sealed class ImageBuiltByMakeTests
{
    private static ScanReport Scan() =>
        ProjectScanner.Scan(new ProjectContext(Dir("compose-image-built-by-make"), new ScanOptions { NoHistory = true }), ProjectRuleSet.All, "compose-image-built-by-make");

    [Fact]
    public void The_compose_environment_of_an_image_the_Makefile_builds_reaches_the_settings()
    {
        var report = Scan();
        // LEDGER_ALLOWED_HOSTS: ledger.example.org replaces the "*" of a local set-up: what remains
        // is the fail-open default itself, said as such, not "ALLOWED_HOSTS contains *".
        var hosts = Assert.Single(report.Findings, f => f.RuleId == "DP204");
        Assert.Equal(Severity.Medium, hosts.Severity);
        Assert.Contains("when LEDGER_ALLOWED_HOSTS is missing. (Production's environment sets LEDGER_ALLOWED_HOSTS at docker-compose.yml:17", hosts.Message);
        Assert.Contains(report.Target.Reasons, r => r.Contains("LEDGER_ALLOWED_HOSTS", StringComparison.Ordinal) && r.Contains("docker-compose.yml", StringComparison.Ordinal));
    }

    [Fact]
    public void A_password_the_deployment_sets_to_the_defaults_text_is_the_variables_value_and_its_fallback_is_low()
    {
        // LEDGER_DB_PASSWORD: acme equals the default's text; the password is the variable's value,
        // and the literal is only its fallback, which production's deployment replaces.
        var password = Assert.Single(Scan().Findings, f => f.RuleId == "DP108");
        Assert.Equal(Severity.Low, password.Severity);
        Assert.StartsWith("DATABASES[\"default\"][\"PASSWORD\"] falls back to a literal (", password.Message);
        Assert.Contains("when LEDGER_DB_PASSWORD is missing. Production's deployment files set it", password.Message);
    }
}
