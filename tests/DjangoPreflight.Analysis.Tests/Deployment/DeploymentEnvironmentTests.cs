using DjangoPreflight.Analysis.Deployment;

namespace DjangoPreflight.Analysis.Tests.Deployment;

/// <summary>The environment production's deployment files give the app server: image ENV, then the
/// env files compose loads, then the service's environment; compose defaults applied; a variable set
/// from the operator's shell is unset; a database's environment and development files are not the app's.</summary>
public sealed class DeploymentEnvironmentTests
{
    [Fact]
    public void The_serving_chain_gives_the_environment_in_compose_precedence()
    {
        using var p = new TempProject(
            ("manage.py", ""), ("shop/__init__.py", ""), ("shop/wsgi.py", ""),
            ("Dockerfile", """
                FROM python:3.12-slim
                ENV DJANGO_DEBUG=1
                ENV DJANGO_SECRET_KEY=build-time-only
                CMD ["gunicorn", "shop.wsgi"]
                """),
            ("docker-compose.production.yml", """
                services:
                  app:
                    build: .
                    env_file:
                      - config/app.env
                    environment:
                      DJANGO_DEBUG: ${DJANGO_DEBUG:-0}
                      DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY}
                      DATABASE_URL: postgres://shop@db/shop
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: shop
                """),
            ("config/app.env", "DJANGO_DEBUG=1\nSENTRY_ENVIRONMENT=production\n"),
            ("docker-compose.dev.yml", """
                services:
                  app:
                    build: .
                    command: python manage.py runserver 0.0.0.0:8000
                    environment:
                      CORS_ALLOW_ALL: "1"
                """));
        var profile = DeploymentEnvironment.Profile(p.Context().Deployment);
        Assert.Equal(
            ["DATABASE_URL=postgres://shop@db/shop", "DJANGO_DEBUG=0", "SENTRY_ENVIRONMENT=production"],
            profile.Variables.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));
        Assert.Equal("docker-compose.production.yml:7 (compose service app, the default of ${DJANGO_DEBUG:-…})", profile.Origins["DJANGO_DEBUG"].ToString());
        Assert.Equal("config/app.env:2 (env file)", profile.Origins["SENTRY_ENVIRONMENT"].ToString());
        Assert.Equal(["the production deployment files (Dockerfile, config/app.env, docker-compose.production.yml)"], profile.Sources);
    }

    [Fact]
    public void An_env_file_value_built_on_other_variables_is_what_production_runs()
    {
        // Compose reads ${APP_DOMAIN} from the env file's earlier lines, and a service's
        // ${CORS_ORIGINS} from the project's env file; a part set outside the repository stays as written.
        using var p = new TempProject(
            ("manage.py", ""), ("shop/__init__.py", ""), ("shop/wsgi.py", ""),
            ("Dockerfile", "FROM python:3.12-slim\nCMD [\"gunicorn\", \"shop.wsgi\"]\n"),
            ("docker-compose.yml", """
                services:
                  app:
                    build: .
                    env_file: deploy.env
                    environment:
                      CORS_ORIGINS: ${CORS_ORIGINS}
                      TRUSTED: ${TRUSTED}
                      MEDIA_URL: ${MEDIA_URL}
                """),
            ("deploy.env", "APP_DOMAIN=shop.example\nCORS_ORIGINS=https://${APP_DOMAIN}\nTRUSTED=https://${EDGE_HOST}\n"));
        var profile = DeploymentEnvironment.Profile(p.Context().Deployment);
        Assert.Equal(
            ["APP_DOMAIN=shop.example", "CORS_ORIGINS=https://shop.example", "TRUSTED=https://${EDGE_HOST}"],
            profile.Variables.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));
        Assert.Equal("deploy.env:3 (env file, with ${EDGE_HOST} set outside the repository)", profile.Origins["TRUSTED"].ToString());
        Assert.Equal(["MEDIA_URL"], profile.PassedIn.Keys);
    }
}
