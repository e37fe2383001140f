using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using DjangoPreflight.TestSupport;
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

    [Fact]
    public void A_provider_token_in_a_ci_workflow_stays_high_while_the_ci_database_password_beside_it_is_not()
    {
        using var repo = new GitSandbox();
        // A token drawn by the test; the ghp_ prefix makes it a GitHub token wherever it is written.
        var token = "ghp_" + string.Concat(Enumerable.Range(0, 36).Select(i => (char)('a' + i * 7 % 26)));
        repo.Write(".github/workflows/release.yml",
            $"on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    env:\n      GITHUB_TOKEN: {token}\n"
            + "    services:\n      postgres:\n        image: postgres:16\n        env:\n          POSTGRES_PASSWORD: Vq7rT2mXk9Lw3Zp8\n");
        repo.Commit("release workflow");
        var report = ProjectScanner.Scan(new ProjectContext(repo.Root, new ScanOptions()), ProjectRuleSet.All, "ci-token");
        var secrets = report.Findings.SelectMany(f => f.Constituents).Where(f => f.RuleId is "DP106" or "DP109").ToList();
        var onToken = secrets.Where(f => f.Location.Line == 6).ToList();
        Assert.Equal(["DP106", "DP109"], onToken.Select(f => f.RuleId).Order());
        Assert.All(onToken, f => Assert.Equal(Severity.High, f.Severity));
        Assert.All(onToken, f => Assert.DoesNotContain(token, f.Message));
        // The service container's password is the CI's own throwaway: not above low.
        var onPassword = secrets.Where(f => f.Location.Line == 11).ToList();
        Assert.NotEmpty(onPassword);
        Assert.All(onPassword, f => Assert.True(f.Severity <= Severity.Low, f.ToString()));
    }

    [Fact]
    public void A_password_first_committed_in_a_development_env_file_then_in_the_production_compose_stays_high_there()
    {
        using var repo = new GitSandbox();
        const string password = "Vq7rT2mXk9Lw3Zp8Qx";
        repo.Write("development/dev.env", $"POSTGRES_PASSWORD={password}\n");
        repo.Commit("development stack");
        repo.Write("docker-compose.prod.yml",
            $"services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: {password}\n");
        var production = repo.Commit("production stack");
        var report = ProjectScanner.Scan(new ProjectContext(repo.Root, new ScanOptions()), ProjectRuleSet.All, "dev-then-prod");
        var history = Assert.Single(report.Findings.SelectMany(f => f.Constituents), f => f.RuleId == "DP106");
        Assert.Equal(new SourceLocation("docker-compose.prod.yml", 5), history.Location);
        Assert.Equal(Severity.High, history.Severity);
        Assert.Contains($"it was then committed in {production[..10]} at docker-compose.prod.yml:5, a file production may read: rotate it.", history.Message);
        Assert.DoesNotContain(password, history.Message);
    }

    [Fact]
    public void A_password_only_ever_in_a_development_env_file_is_not_above_low()
    {
        using var repo = new GitSandbox();
        repo.Write("development/dev.env", "POSTGRES_PASSWORD=Vq7rT2mXk9Lw3Zp8Qx\n");
        repo.Commit("development stack");
        var report = ProjectScanner.Scan(new ProjectContext(repo.Root, new ScanOptions()), ProjectRuleSet.All, "dev-only");
        var history = Assert.Single(report.Findings.SelectMany(f => f.Constituents), f => f.RuleId == "DP106");
        Assert.Equal("development/dev.env", history.Location.Path);
        Assert.True(history.Severity <= Severity.Low, history.ToString());
    }
}
