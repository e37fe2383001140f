using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Infrastructure;
using DjangoPreflight.TestSupport;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>DP807 and DP808 on real compose, env and Procfile files.</summary>
public sealed class ComposeRulesTests
{
    [Fact]
    public void Datastores_published_on_all_interfaces_or_without_auth()
    {
        var findings = new DatastoreExposed().Check(Project("compose"));
        // Not: elasticsearch bound to 127.0.0.1, anything in the development docker-compose.yml.
        Assert.Equal(
        [
            "DP807 docker-compose.prod.yml:26 high high | The postgres service 'db' publishes port 5432 on every interface of the host.",
            "DP807 docker-compose.prod.yml:27 low medium | The redis service 'cache' runs without authentication: any container or host that can reach it can read and change it.",
            "DP807 docker-compose.prod.yml:35 high high | The redis service 'sessions' publishes port 6379 on every interface of the host.",
            "DP807 docker-compose.prod.yml:39 high high | The memcached service 'memcached' publishes port 11211 on every interface of the host, and memcached runs without authentication.",
        ], Render(findings));
    }

    [Fact]
    public void A_postgres_that_trusts_every_host_is_a_database_without_authentication()
    {
        // Not: the archive's scram-sha-256, the development Dockerfile.dev.
        Assert.Equal(
        [
            "DP807 db/Dockerfile:3 low medium | The image db/Dockerfile builds sets POSTGRES_HOST_AUTH_METHOD=trust: any container or host that can reach its database can read and change it without a password.",
            "DP807 docker-compose.yml:14 high medium | The postgres service 'reports' publishes port 5432 on every interface of the host, and postgres runs without authentication.",
        ], Render(new DatastoreExposed().Check(Project("compose-trust-db"))));
    }

    [Fact]
    public void Debug_on_in_production_compose_env_file_and_procfile()
    {
        var findings = new DebugOnInDeployment().Check(Project("compose"), null);
        // Not: DEBUG=0 in the worker, APP_DEBUG (the settings do not read it), the development
        // compose file, .env, .env.example.
        Assert.Equal(
        [
            "DP808 .env.production:3 critical high | The env file sets DEBUG=on, which turns DEBUG on.",
            "DP808 Procfile:1 critical high | The Procfile sets DJANGO_DEBUG=true, which turns DEBUG on.",
            "DP808 docker-compose.prod.yml:13 critical high | The compose service web sets DJANGO_DEBUG=True, which turns DEBUG on.",
        ], Render(findings));
    }

    [Fact]
    public void Debug_variable_name_comes_from_the_settings()
    {
        // Settings that read DEBUG from APP_DEBUG: only that name (and the usual ones) count.
        var debug = new Setting("DEBUG", new PyUnknown("env"), new Core.SourceLocation(SettingsPath, 4), ["APP_DEBUG"], new Dictionary<string, PyValue>());
        var settings = new SettingsModel("shop.settings.production", SettingsPath, new Dictionary<string, Setting> { ["DEBUG"] = debug }, []);
        var findings = new DebugOnInDeployment().Check(Project("compose"), settings);
        Assert.Contains("DP808 docker-compose.prod.yml:15 critical high | The compose service web sets APP_DEBUG=yes, which turns DEBUG on.", Render(findings));
        Assert.Equal(4, findings.Count());
    }

    [Theory]
    // DEBUG comes out of a config loader we cannot evaluate; IN_CONTAINER only chose its directory.
    [InlineData("DEBUG = load_config(DATA_DIR)[\"debug\"]\n", false)]
    // Near miss: DEBUG is the variable itself, evaluated: IN_CONTAINER=True does turn it on.
    [InlineData("DEBUG = bool(os.environ.get(\"IN_CONTAINER\"))\n", true)]
    public void A_variable_is_said_to_turn_DEBUG_on_only_when_that_was_evaluated(string debugLine, bool reported)
    {
        using var dir = new TempDirectory("dp-debug-dependency");
        dir.Write("manage.py", "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"shop.settings\")\n");
        dir.Write("requirements.txt", "Django==5.2.8\ngunicorn==23.0.0\n");
        dir.Write("Dockerfile", "FROM python:3.12-slim\nENV IN_CONTAINER=True\nCMD [\"gunicorn\", \"shop.wsgi\"]\n");
        dir.Write("shop/__init__.py", "");
        dir.Write("shop/config.py", "import json\n\n\ndef load_config(path):\n    with open(path + \"/config.json\") as f:\n        return json.load(f)\n");
        dir.Write("shop/settings.py",
            "import os\nfrom shop.config import load_config\n\nDATA_DIR = \"/data\" if os.environ.get(\"IN_CONTAINER\") else \"./data\"\n" + debugLine);
        var project = new ProjectContext(dir.Path, new ScanOptions { NoHistory = true });
        var findings = Render(new DebugOnInDeployment().Check(project));
        if (reported) Assert.Equal(["DP808 Dockerfile:2 critical high | The Dockerfile ENV sets IN_CONTAINER=True, which turns DEBUG on."], findings);
        else Assert.Empty(findings);
    }
}
