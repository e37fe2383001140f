using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>A project that deploys through a Procfile only (a hosting platform runs its processes and
/// nothing else) still ships an nginx configuration nothing references, proxying to gunicorn's default
/// address: no production file can start that nginx, so it is left behind (unused), and what it lacks
/// is said at info. With a production Dockerfile beside the Procfile, an image could run it: the role
/// stays unknown and the finding stays.</summary>
public sealed class PlatformNginxLeftoverTests
{
    private const string Fixture = "nginx-platform-leftover";

    private static ScanReport Scan(string root) =>
        ProjectScanner.Scan(new ProjectContext(root, new ScanOptions { NoHistory = true }), ProjectRuleSet.All, Fixture);

    [Fact]
    public void An_nginx_configuration_nothing_uses_beside_a_platform_only_deployment_is_unused()
    {
        var report = Scan(Dir(Fixture));
        var nginx = Assert.Single(report.Target.DeploymentFiles, f => f.Kind == "nginx");
        Assert.Equal(("etc/nginx.conf", "unused"), (nginx.Path, nginx.Role));
        Assert.Equal("nothing in the repository uses it, and production deploys only to hosting platforms (Procfile), which run the app's own processes: no production file starts nginx", nginx.Reason);
        var host = Assert.Single(report.Findings, f => f.RuleId == "DP803");
        Assert.Equal((Severity.Info, "etc/nginx.conf", 11), (host.Severity, host.Location.Path, host.Location.Line));
    }

    [Fact]
    public void A_production_dockerfile_could_run_it_so_the_role_stays_unknown()
    {
        var root = Path.Combine(Path.GetTempPath(), $"dp-platform-nginx-{Guid.NewGuid():N}");
        try
        {
            CopyTree(Dir(Fixture), root);
            File.WriteAllText(Path.Combine(root, "Dockerfile"), "FROM python:3.12-slim\nCOPY . /app\nCMD [\"bash\", \"Procfile.sh\"]\n");
            var report = Scan(root);
            Assert.Equal("unknown", Assert.Single(report.Target.DeploymentFiles, f => f.Kind == "nginx").Role);
            Assert.Equal(Severity.Medium, Assert.Single(report.Findings, f => f.RuleId == "DP803").Severity);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
