using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>The entrypoint renders nginx's configuration from a template (<c>envsubst &lt; template &gt;
/// /etc/nginx/conf.d/site.conf</c>), and an older <c>nginx/conf.d/site.conf</c> is still in the
/// repository: the file the command writes is its output, not a file it uses, so the old file is not
/// "used by" the production entrypoint; the template is.</summary>
public sealed class NginxLeftoverTests
{
    [Fact]
    public void The_rendered_template_is_production_and_the_file_named_like_the_output_is_not_used_by_the_entrypoint()
    {
        var report = ProjectScanner.Scan(new ProjectContext(Dir("nginx-leftover"), new ScanOptions { NoHistory = true }), ProjectRuleSet.All, "nginx-leftover");
        Assert.Equal(
        [
            "conf/site.conf.template nginx production: used by boot.sh:3, a production file",
            "nginx/conf.d/site.conf nginx unknown: nothing says which environment it is for",
        ], report.Target.DeploymentFiles.Where(f => f.Kind == "nginx").Select(f => $"{f.Path} {f.Kind} {f.Role}: {f.Reason}"));
        // The template, production's, misses X-Forwarded-Proto that Django trusts: that stays a fact.
        Assert.Equal(Severity.High, Assert.Single(report.Findings, f => f.RuleId == "DP805" && f.Location.Path == "conf/site.conf.template").Severity);
    }
}
