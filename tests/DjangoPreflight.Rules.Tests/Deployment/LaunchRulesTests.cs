using DjangoPreflight.Rules.Infrastructure;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>DP801 and DP802 on real deployment files: what starts the server, in which file.</summary>
public sealed class LaunchRulesTests
{
    [Fact]
    public void Runserver_fires_in_production_files_only()
    {
        var findings = new RunserverInProduction().Check(Project("runserver"));
        // Not: the Dockerfile's build stage, docker-compose.override.yml, Procfile.dev, the Makefile,
        // scripts/start-dev.sh, the CI job, the echo line, or the gunicorn systemd unit.
        Assert.Equal(
        [
            "DP801 Dockerfile:15 high medium | The Dockerfile starts Django's development server: `python manage.py runserver 0.0.0.0:8000`.",
            "DP801 Procfile:2 high high | The Procfile starts Django's development server: `python manage.py runserver 0.0.0.0:$PORT`.",
            "DP801 docker-compose.yml:4 high medium | The compose service starts Django's development server: `python manage.py runserver 0.0.0.0:8000`.",
            "DP801 docker/entrypoint.sh:5 high medium | The script starts Django's development server: `exec python manage.py runserver 0.0.0.0:8000`.",
            "DP801 supervisor/shop.conf:2 high medium | The supervisor program starts Django's development server: `/srv/shop/venv/bin/python manage.py runserver 0.0.0.0:8000`.",
        ], Render(findings));
    }

    [Fact]
    public void Runserver_is_silent_when_production_runs_gunicorn()
    {
        Assert.Empty(new RunserverInProduction().Check(Project("nginx-good")));
        Assert.Empty(new RunserverInProduction().Check(Project("asgi-served")));
    }

    [Fact]
    public void Wsgi_server_fires_for_websocket_routing()
    {
        var findings = new WsgiServerForAsgiProject().Check(Project("asgi-wsgi-only"), null);
        Assert.Equal(
        [
            "DP802 Procfile:1 medium high | The Procfile starts gunicorn, which serves WSGI only, but the project needs ASGI (chat/routing.py routes websockets).",
            "DP802 uwsgi.ini:1 medium medium | The uWSGI configuration serves WSGI only, but the project needs ASGI (chat/routing.py routes websockets).",
        ], Render(findings));
    }

    [Fact]
    public void Wsgi_server_cites_channels_in_installed_apps()
    {
        var settings = Settings(("INSTALLED_APPS", List("django.contrib.admin", "channels", "chat"), 12));
        var findings = new WsgiServerForAsgiProject().Check(Project("nginx-good"), settings);
        Assert.Equal(
        [
            "DP802 Dockerfile:6 medium high | The Dockerfile starts gunicorn, which serves WSGI only, but the project needs ASGI ('channels' is in INSTALLED_APPS at shop/settings/production.py:12).",
        ], Render(findings));
    }

    [Fact]
    public void Wsgi_server_is_silent_for_uvicorn_workers_and_gunicorn_config_worker_class()
    {
        var settings = Settings(("INSTALLED_APPS", List("daphne", "channels"), 3), ("ASGI_APPLICATION", new Analysis.Settings.PyStr("chat.asgi.application"), 9));
        Assert.Empty(new WsgiServerForAsgiProject().Check(Project("asgi-served"), settings));
    }

    [Fact]
    public void Wsgi_server_is_silent_when_the_project_needs_no_asgi()
    {
        var settings = Settings(("INSTALLED_APPS", List("django.contrib.admin", "shop"), 12));
        Assert.Empty(new WsgiServerForAsgiProject().Check(Project("nginx-good"), settings));
    }

    [Fact]
    public void Wsgi_server_cites_a_channels_dependency()
    {
        var settings = Settings(("INSTALLED_APPS", List("django.contrib.admin", "chat"), 12));
        Assert.Equal(
        [
            "DP802 Dockerfile:4 medium high | The Dockerfile starts gunicorn, which serves WSGI only, but the project needs ASGI (it depends on channels at requirements.txt:2).",
        ], Render(new WsgiServerForAsgiProject().Check(Project("asgi-dependency"), settings)));
    }
}
