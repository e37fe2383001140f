using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Deployment.Roles;
using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Tests.Deployment;

public sealed class DeploymentLoaderTests
{
    [Fact]
    public void Launches_environment_collectstatic_and_gunicorn_config_from_every_kind_of_file()
    {
        var facts = new ProjectContext(Path.Combine(DeploymentFixtures.Dir, "launches"), new ScanOptions()).Deployment;
        // The Procfile's `web: bin/start` names a script; the script's hypercorn line is the launch.
        Assert.Equal(
        [
            "bin/start:4 Script Production Hypercorn Asgi",
            "compose.prod.yaml:4 Compose Production Gunicorn Asgi",
            "deploy/app.service:4 Systemd Production Uvicorn Asgi",
            "deploy/supervisord.conf:5 Supervisor Production Daphne Asgi",
        ], facts.Launches.Select(l => $"{l.Location} {l.Origin} {l.Role} {l.Server} {l.Interface}"));
        Assert.Equal(
            ["Procfile:1", "Procfile:2", "deploy/app.service:3"],
            facts.CollectstaticSteps.Select(c => c.ToString()));
        Assert.Equal(
        [
            "DJANGO_SETTINGS_MODULE=shop.settings deploy/app.service:2 systemd Environment",
            "DEBUG=false deploy/app.service:2 systemd Environment",
            "DJANGO_SETTINGS_MODULE=shop.settings deploy/supervisord.conf:6 supervisor environment",
            "DEBUG=1 deploy/supervisord.conf:6 supervisor environment",
        ], facts.Environment.Select(e => $"{e.Name}={e.Value} {e.Location} {e.Origin}"));
        var gunicorn = Assert.Single(facts.GunicornConfigs);
        Assert.Equal(("0.0.0.0:8000", "uvicorn.workers.UvicornWorker", "gunicorn_config.py:3"), (gunicorn.Bind, gunicorn.WorkerClass, gunicorn.WorkerClassLocation!.ToString()));
        Assert.Equal(
        [
            "Procfile procfile production: Heroku and Dokku run a Procfile's processes",
            "bin/start script production: serves the app with hypercorn (line 4)",
            "compose.prod.yaml compose production: its name says prod",
            "deploy/app.service systemd production: its folder deploy/ says deploy",
            "deploy/supervisord.conf supervisor production: its folder deploy/ says deploy",
            "gunicorn_config.py gunicorn unknown: nothing says which environment it is for",
        ], facts.Files.Select(f => $"{f.Path} {f.KindName} {f.Role.Name()}: {f.Reason}"));
    }

    [Theory]
    [InlineData("gunicorn shop.wsgi:application", "Gunicorn Wsgi")]
    [InlineData("/venv/bin/gunicorn -k uvicorn.workers.UvicornWorker shop.asgi", "Gunicorn Asgi")]
    [InlineData("python -m gunicorn --worker-class=uvicorn_worker.UvicornWorker shop.asgi", "Gunicorn Asgi")]
    [InlineData("gunicorn -k gevent shop.wsgi", "Gunicorn Wsgi")]
    [InlineData("uwsgi --ini uwsgi.ini", "Uwsgi Wsgi")]
    [InlineData("sh -c 'python manage.py migrate && python manage.py runserver 0.0.0.0:8000'", "Runserver Unknown")]
    [InlineData("django-admin runserver --settings=shop.settings", "Runserver Unknown")]
    [InlineData("python manage.py --settings=x runserver_plus", "Runserver Unknown")]
    [InlineData("granian --interface asgi shop.asgi:application", "Granian Asgi")]
    [InlineData("waitress-serve --port=8000 shop.wsgi:application", "Waitress Wsgi")]
    [InlineData("pip install gunicorn uvicorn daphne", "none")]
    [InlineData("echo 'start: manage.py runserver; gunicorn'", "none")]
    [InlineData("python manage.py runserverless", "none")]
    [InlineData("celery -A shop worker", "none")]
    [InlineData("/opt/gunicorn-exporter --port 9000", "none")]
    public void Server_commands(string command, string expected)
    {
        var found = ServerCommands.Classify(command);
        Assert.Equal(expected, found is { } f ? $"{f.Server} {f.Interface}" : "none");
    }

    [Theory]
    [InlineData("docker-compose.yml", null)]
    [InlineData("docker-compose.override.yml", "development: its name says override")]
    [InlineData("deploy/docker-compose.yml", "production: its folder deploy/ says deploy")]
    [InlineData("Dockerfile.dev", "development: its name says dev")]
    [InlineData(".envs/.production/.django", "production: its folder .envs/.production/ says production")]
    [InlineData("compose/local/django/Dockerfile", "development: its folder compose/local/ says local")]
    [InlineData("deploy/local/compose.yml", "development: its folder deploy/local/ says local")]
    [InlineData("scripts/deploy-dev.sh", "development: its name says dev")]
    [InlineData(".env.example", "example: its name says example")]
    [InlineData("docs/install/docker/plain/docker-compose.yml", "example: its folder docs/ says docs")]
    [InlineData("scripts/test-environments/postgres/compose.yml", "test: its folder scripts/test-environments/ says test")]
    [InlineData(".github/workflows/release.yml", "CI: a CI service's file")]
    [InlineData("ci/docker-compose.yml", "CI: its folder ci/ says ci")]
    [InlineData(".devcontainer/Dockerfile", "development: its folder .devcontainer/ says devcontainer")]
    [InlineData("docs/install/k8s/50-deployment.yaml", "example: its folder docs/ says docs (whatever its name says)")]
    [InlineData("examples/deploy/docker-compose.yml", "example: its folder examples/ says examples (whatever its folder examples/deploy/ says)")]
    [InlineData("dev/production.env", "development: its folder dev/ says dev (whatever its name says)")]
    [InlineData("compose/production/django/start", "production: its folder compose/production/ says production")]
    [InlineData("nginx/nginx.conf.template", null)]
    [InlineData("bin/release.sh", null)]
    public void File_roles_from_names(string path, string? expected)
    {
        var role = RoleNames.FromPath(path);
        Assert.Equal(expected, role is null ? null : $"{role.Role.Name()}: {role.Reason}");
    }

    [Fact]
    public void A_python_program_an_entrypoint_starts_that_calls_collectstatic_is_a_collectstatic_step()
    {
        (string, string)[] files =
        [
            ("manage.py", ""),
            ("Dockerfile", "FROM python:3.12\nCOPY . /app\nWORKDIR /app\nENTRYPOINT [\"./entrypoint.sh\"]\nCMD [\"start\"]\n"),
            ("entrypoint.sh", "#!/bin/bash\nset -e\npython3 -u ctl \"$1\"\n"),
            ("ctl", "#!/usr/bin/env python3\nfrom django.core import management\n\n\ndef collect():\n    management.call_command('collectstatic', '--no-input')\n"),
            ("tools/report.py", "from django.core import management\nmanagement.call_command(\"collectstatic\")\n"),
        ];
        using (var p = new TempProject(files))
            Assert.Equal(["ctl:6"], p.Context().Deployment.CollectstaticSteps.Select(c => c.ToString()));
        // A program that only a CI workflow runs, or one that never calls it, is no step.
        using (var p = new TempProject([.. files.Where(f => f.Item1 != "entrypoint.sh"), ("entrypoint.sh", "#!/bin/bash\npython3 tools/other.py\n"), ("tools/other.py", "print('hi')\n"),
                   (".github/workflows/ci.yml", "jobs:\n  test:\n    steps:\n      - run: python tools/report.py\n")]))
            Assert.Empty(p.Context().Deployment.CollectstaticSteps);
    }
}
