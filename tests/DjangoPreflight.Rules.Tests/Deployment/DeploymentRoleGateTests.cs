using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>Findings about development, CI and test files are lowered to info and say why; the
/// production files beside them are judged as before.</summary>
public sealed class DeploymentRoleGateTests
{
    private static ScanReport Scan(string fixture) =>
        ProjectScanner.Scan(new ProjectContext(Dir(fixture), new ScanOptions { NoHistory = true }), ProjectRuleSet.All, fixture);

    [Fact]
    public void Findings_on_the_development_compose_file_the_test_nginx_and_the_ci_workflow_are_info_or_dropped()
    {
        var report = Scan("nginx-roles");
        // The rules about what production starts and publishes skip development files altogether.
        Assert.DoesNotContain(report.Findings, f => f.RuleId is "DP801" or "DP807");
        var test = Assert.Single(report.Findings, f => f.RuleId == "DP804");
        Assert.Equal(
            "DP804 tests/nginx/test.conf:2 info low | The server named localhost answers plain HTTP on port 8080 without redirecting to HTTPS; no server in this configuration terminates TLS, so check that the load balancer in front redirects."
            + " (tests/nginx/test.conf is a test file: its name says test; it does not describe production, so this is lowered to info.)",
            Render([test])[0]);
        // Nothing about the development compose file, the test nginx or the CI workflow is above info,
        // except DP610, whose subject is the CI workflow itself.
        var nonProduction = report.Findings.Where(f => f.Location.Path is "docker-compose.yml" or "tests/nginx/test.conf" or ".github/workflows/ci.yml" && f.RuleId != "DP610").ToList();
        // (DP109 also fires on the two files' passwords once git tracks them: info too.)
        Assert.Equal(["DP803", "DP804", "DP806"], nonProduction.Where(f => f.Location.Path == "tests/nginx/test.conf").Select(f => f.RuleId).Order());
        Assert.All(nonProduction, f => Assert.Equal(Severity.Info, f.Severity));
        Assert.All(nonProduction, f => Assert.Contains("it does not describe production, so this is lowered to info.", f.Message));
        var ci = Assert.Single(report.Findings, f => f.RuleId == "DP610");
        Assert.Equal(Severity.Low, ci.Severity);
    }

    [Fact]
    public void The_production_nginx_beside_a_test_one_still_answers_for_production()
    {
        var report = Scan("nginx-roles");
        // The production nginx redirects, rejects unknown hosts and hides its version: nothing on it.
        Assert.DoesNotContain(report.Findings, f => f.Location.Path == "nginx/shop.conf");
        // The test nginx (no redirect) does not keep the proxy from satisfying DP302.
        var redirect = Assert.Single(report.Findings, f => f.RuleId == "DP302");
        Assert.Equal(Severity.Info, redirect.Severity);
        Assert.Contains("nginx already redirects HTTP to HTTPS at nginx/shop.conf:15", redirect.Message);
        Assert.Equal(
        [
            ".github/workflows/ci.yml CI workflow CI: a CI service's file",
            "Dockerfile dockerfile production: used by docker-compose.prod.yml:2, a production file",
            "docker-compose.prod.yml compose production: its name says prod",
            "docker-compose.yml compose development: starts runserver (line 4) and mounts the source tree (.:/app, line 6)",
            "nginx/shop.conf nginx production: used by docker-compose.prod.yml:8, a production file",
            "tests/nginx/test.conf nginx test: its name says test",
        ], report.Target.DeploymentFiles.Select(f => $"{f.Path} {f.Kind} {f.Role}: {f.Reason}"));
    }
}
