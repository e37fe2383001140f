using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>A compose file that starts a database and its admin UI for a data-import helper, and
/// nothing of the app, is a developer's helper stack: its published ports are not production's.
/// The same file with the app's own service in it is a deployment again.</summary>
public sealed class DatastoreOnlyComposeTests
{
    private const string Helper =
        "services:\n  mongodb:\n    image: mongo\n    ports:\n      - \"27017:27017\"\n  mongo-express:\n    image: mongo-express\n    ports:\n      - 8081:8081\n";

    private static ScanReport Scan(string compose)
    {
        var root = Path.Combine(Path.GetTempPath(), $"dp-datastores-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "shop"));
            Directory.CreateDirectory(Path.Combine(root, "tools", "import"));
            File.WriteAllText(Path.Combine(root, "manage.py"), "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n");
            File.WriteAllText(Path.Combine(root, "shop", "__init__.py"), "");
            File.WriteAllText(Path.Combine(root, "shop", "settings.py"), "import os\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = False\nALLOWED_HOSTS = ['shop.example.com']\n");
            File.WriteAllText(Path.Combine(root, "tools", "import", "docker-compose.yml"), compose);
            return ProjectScanner.Scan(new ProjectContext(root, new ScanOptions { NoHistory = true }), ProjectRuleSet.All, "datastores");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_stack_of_datastores_alone_is_development_and_its_ports_are_no_finding()
    {
        var report = Scan(Helper);
        Assert.Equal("development: none of its services builds or runs the app, only datastores (mongo-express, mongodb)",
            Assert.Single(report.Target.DeploymentFiles, f => f.Path == "tools/import/docker-compose.yml") is var file ? $"{file.Role}: {file.Reason}" : "");
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "DP807" && f.Severity > Severity.Info);
    }

    [Fact]
    public void With_the_apps_service_beside_them_the_published_database_is_a_finding()
    {
        var report = Scan(Helper + "  web:\n    build: ../..\n    command: gunicorn shop.wsgi:application\n");
        Assert.Contains(report.Findings, f => f.RuleId == "DP807" && f.Severity == Severity.High && f.Message.Contains("'mongodb'", StringComparison.Ordinal));
    }
}
