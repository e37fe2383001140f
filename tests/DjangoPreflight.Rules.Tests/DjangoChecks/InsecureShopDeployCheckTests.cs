using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Tests.DjangoChecks;

/// <summary>
/// examples/insecure-shop under its production environment (deploy/production.env): the Django IDs we
/// report equal those the real <c>check --deploy</c> prints, for the Django the project pins and for
/// newer releases. Not 6.1: the shop imports packages (Django REST framework, psycopg2) installed for
/// bookworm's Python 3.11, which the Python 3.13 that runs 6.1 does not see; the hand-written 6.1
/// cases (VersionBehaviourTests) need none.
/// </summary>
public sealed class InsecureShopDeployCheckTests
{
    private static string Shop => Path.Combine(RealDjango.RepoRoot, "examples", "insecure-shop");

    private static string EnvFile => Path.Combine(Shop, "deploy", "production.env");

    /// <summary>The variables of deploy/production.env in a copy of the shop at <paramref name="root"/>.</summary>
    internal static Dictionary<string, string> ProductionEnv(string root) =>
        File.ReadAllLines(Path.Combine(root, "deploy", "production.env"))
            .Where(l => l.Contains('=') && !l.TrimStart().StartsWith('#'))
            .Select(l => (Key: l[..l.IndexOf('=')].Trim(), Value: l[(l.IndexOf('=') + 1)..].Trim()))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    [Theory]
    [InlineData("", null)]
    [InlineData("trixie", "4.2")]
    [InlineData("sid", "5.2")]
    public void Our_django_ids_equal_check_deploy_on_insecure_shop(string suite, string? djangoVersionOption)
    {
        var env = ProductionEnv(Shop);
        var module = env["DJANGO_SETTINGS_MODULE"];
        var variant = new DeployVariant("insecure-shop", Shop, module, env, "examples/insecure-shop with deploy/production.env");
        var work = Directory.CreateTempSubdirectory("insecure-shop-");
        try
        {
            var (version, results) = RealDjango.CheckDeploy(suite, [variant], work.FullName);
            var real = results["insecure-shop"];
            Assert.Null(real.Error);
            Assert.Null(real.Startup);
            Assert.NotEmpty(real.Ids);

            // Scanned the way a user would: the env file decides the settings module, requirements.txt the version.
            var project = new ProjectContext(Shop, new ScanOptions { EnvFiles = [EnvFile], DjangoVersion = djangoVersionOption });
            Assert.Equal(module, project.Settings.Production?.Module);
            if (djangoVersionOption is null)
                Assert.Equal((version[..3], "from requirements.txt:1 (django==3.2.19)"), (project.Django.Version?.Series, project.Django.Reason));
            var ours = RuleRunner.Run(project, ProjectRuleSet.All.OfType<DeployCheckRule>())
                .Select(f => f.DjangoId).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
            Assert.Equal(real.Ids, ours);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
