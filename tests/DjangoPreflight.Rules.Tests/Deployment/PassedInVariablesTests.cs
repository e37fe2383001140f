using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>A setting that allows every origin only when a variable is empty, while production's
/// compose file passes that variable in from outside the repository (<c>${API_CORS_ORIGINS}</c>):
/// the value the settings were evaluated to is not known to be production's, so the finding is
/// low, low confidence, and says which file sets the variable. Under an environment the user names
/// without the variable, it is a fact again.</summary>
public sealed class PassedInVariablesTests
{
    private static ScanReport Scan(ScanOptions options) =>
        ProjectScanner.Scan(new ProjectContext(Dir("compose-passed-in"), options), ProjectRuleSet.All, "compose-passed-in");

    [Fact]
    public void A_finding_on_a_value_production_replaces_from_outside_the_repository_is_low_and_says_where()
    {
        var cors = Assert.Single(Scan(new ScanOptions { NoHistory = true }).Findings, f => f.RuleId == "DP409");
        Assert.Equal((Severity.Low, Confidence.Low), (cors.Severity, cors.Confidence));
        Assert.Equal(
            "CORS allows every origin (CORS_ALLOW_ALL_ORIGINS is True) with CORS_ALLOW_CREDENTIALS = True: any website can make authenticated requests and read the responses."
            + " (Production's deployment sets API_CORS_ORIGINS at docker-compose.prod.yml:6 (compose service api) from outside the repository:"
            + " this is the value without it, so only a deployment that leaves it empty runs it.)",
            cors.Message);
    }

    [Fact]
    public void Without_the_deployments_variable_the_finding_is_a_fact()
    {
        var report = Scan(new ScanOptions { NoHistory = true, EnvPairs = [new("API_SECRET_KEY", "x")] });
        var cors = Assert.Single(report.Findings, f => f.RuleId == "DP409");
        Assert.Equal(Severity.High, cors.Severity);
        Assert.DoesNotContain("outside the repository", cors.Message);
    }

    [Fact]
    public void A_value_an_env_file_of_the_repository_ships_in_part_is_the_value_production_runs()
    {
        // The shipped env file says the origins are http://<domain>, and the service passes
        // ${API_CORS_ORIGINS} through from it: production's list is never empty, so the settings
        // never reach the allow-every-origin branch.
        var root = Path.Combine(Path.GetTempPath(), $"dp-passed-in-{Guid.NewGuid():N}");
        try
        {
            CopyTree(Dir("compose-passed-in"), root);
            File.WriteAllText(Path.Combine(root, "api.env"), "API_CORS_ORIGINS=http://${API_DOMAIN}\n");
            File.WriteAllText(Path.Combine(root, "docker-compose.prod.yml"),
                File.ReadAllText(Path.Combine(root, "docker-compose.prod.yml")).Replace("    build: .\n", "    build: .\n    env_file: api.env\n"));
            var report = ProjectScanner.Scan(new ProjectContext(root, new ScanOptions { NoHistory = true }), ProjectRuleSet.All, "compose-passed-in");
            Assert.DoesNotContain(report.Findings, f => f.RuleId == "DP409");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
