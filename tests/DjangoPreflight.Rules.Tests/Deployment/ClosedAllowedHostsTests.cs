using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>The nginx inside the image names no real host (server_name localhost) and has no catch-all
/// server, so every Host reaches Django; but Django's ALLOWED_HOSTS is empty until production sets it
/// (fail-closed) and production's env template sets it to a host name: Django rejects an unknown Host
/// itself, and the missing catch-all is defence in depth (low). A literal closed list says the same;
/// with '*' nothing rejects an unknown Host and the finding stays medium.</summary>
public sealed class ClosedAllowedHostsTests
{
    private const string Fixture = "nginx-image-hosts-from-env";

    private static Finding HostFinding(string root) =>
        Assert.Single(ProjectScanner.Scan(new ProjectContext(root, new ScanOptions { NoHistory = true }), ProjectRuleSet.All, Fixture).Findings, f => f.RuleId == "DP803");

    [Fact]
    public void A_fail_closed_allowed_hosts_the_env_template_fills_with_host_names_makes_the_catch_all_defence_in_depth()
    {
        var host = HostFinding(Dir(Fixture));
        Assert.Equal((Severity.Low, "conf/site.conf.template", 2), (host.Severity, host.Location.Path, host.Location.Line));
        Assert.Equal(
            "Requests to port 80 with an unknown Host header go to the server named localhost, which does not reject them (no default server returning 444)."
            + " ALLOWED_HOSTS (shop/settings.py:6) is empty until production sets ALLOWED_HOSTS, which production's env template .env.template sets to host names,"
            + " and Django answers any Host it does not list with 400, so the missing catch-all is defence in depth.",
            host.Message);
    }

    [Theory]
    [InlineData("ALLOWED_HOSTS = [\"shop.example.org\", \"www.shop.example.org\"]", Severity.Low)]
    [InlineData("ALLOWED_HOSTS = [\"*\"]", Severity.Medium)]
    [InlineData("ALLOWED_HOSTS = os.getenv(\"ALLOWED_HOSTS\", \"shop.example.org\").split(\",\")", Severity.Medium)]
    public void A_literal_closed_list_is_closed_and_any_host_or_an_operator_s_list_is_not(string line, Severity expected)
    {
        var root = Path.Combine(Path.GetTempPath(), $"dp-closed-hosts-{Guid.NewGuid():N}");
        try
        {
            CopyTree(Dir(Fixture), root);
            var settings = Path.Combine(root, "shop", "settings.py");
            var lines = File.ReadAllLines(settings);
            lines[5] = line;
            File.WriteAllLines(settings, lines);
            var host = HostFinding(root);
            Assert.Equal(expected, host.Severity);
            Assert.Equal(expected == Severity.Low, host.Message.Contains("Django's ALLOWED_HOSTS (shop/settings.py:6) lists 2 hosts and answers any other Host with 400", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
