using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>The image runs <c>inventory-server start</c>: a console script the project declares, and a
/// management command of its own that subclasses django-webserver's pyuwsgi command. That is a uWSGI
/// server whose default arguments static-map STATIC_URL to STATIC_ROOT, so the collected files are
/// served (no DP602). With PYUWSGI_ARGS replacing those arguments, or a `start` command of another
/// kind, nothing is seen to serve them.</summary>
public sealed class WebserverCommandTests
{
    private const string Fixture = "uwsgi-webserver-command";

    private static ScanReport Scan(string root) =>
        ProjectScanner.Scan(new ProjectContext(root, new ScanOptions { NoHistory = true }), ProjectRuleSet.All, Fixture);

    [Fact]
    public void A_command_subclassing_pyuwsgi_is_a_uwsgi_server_that_serves_static_files()
    {
        var report = Scan(Dir(Fixture));
        Assert.Contains(report.Target.DeploymentFiles, f => f.Path == "docker/Dockerfile" && f.Reason.StartsWith("serves the app with uwsgi", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "DP602");
    }

    [Theory]
    [InlineData("inventory/settings.py", "STATIC_ROOT = \"/opt/inventory/static\"\nPYUWSGI_ARGS = [\"--module=inventory.wsgi:application\", \"--http=:8080\"]\n")]
    [InlineData("inventory/management/commands/start.py", "from django.core.management.base import BaseCommand\n\n\nclass Command(BaseCommand):\n    help = \"Start the background jobs.\"\n")]
    public void Without_the_default_arguments_or_the_subclass_nothing_serves_them(string file, string text)
    {
        var root = Path.Combine(Path.GetTempPath(), $"dp-webserver-command-{Guid.NewGuid():N}");
        try
        {
            CopyTree(Dir(Fixture), root);
            var path = Path.Combine(root, file);
            File.WriteAllText(path, file.EndsWith("settings.py", StringComparison.Ordinal)
                ? File.ReadAllText(path).Replace("STATIC_ROOT = \"/opt/inventory/static\"\n", text, StringComparison.Ordinal)
                : text);
            var finding = Assert.Single(Scan(root).Findings, f => f.RuleId == "DP602");
            Assert.StartsWith("Static files are collected but never served: nothing serves STATIC_URL (static/)", finding.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
