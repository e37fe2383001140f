using DjangoPreflight.Analysis.Deployment;

namespace DjangoPreflight.Analysis.Tests.Deployment;

/// <summary>Every deployment file gets a role with its reason: from its name, what it says about
/// itself, what production uses, and its content. Each project reproduces a real repository's shape.</summary>
public sealed class DeploymentRolesTests
{
    private static List<string> Roles(params (string, string)[] files)
    {
        using var p = new TempProject(files);
        return p.Context().Deployment.Files.Select(f => $"{f.Path}: {f.Role.Name()}, {f.Reason}").ToList();
    }

    [Fact]
    public void Development_production_and_ci_compose_files_side_by_side()
    {
        var roles = Roles(
            ("manage.py", ""), ("shop/__init__.py", ""), ("shop/wsgi.py", ""),
            ("docker-compose.yml", """
                services:
                  web:
                    build: .
                    command: python manage.py runserver 0.0.0.0:8000
                    env_file: .env
                    volumes:
                      - .:/app
                """),
            ("docker-compose.prod.yml", """
                services:
                  web:
                    build:
                      context: .
                      dockerfile: docker/Dockerfile
                    env_file: [.env.production]
                  nginx:
                    image: nginx:1.27
                    volumes:
                      - ./nginx/conf.d:/etc/nginx/conf.d:ro
                """),
            ("docker-compose.ci.yml", "services:\n  web:\n    build: .\n    command: pytest\n"),
            (".env", "DEBUG=1\n"),
            (".env.production", "ALLOWED_HOSTS=shop.example.com\n"),
            ("Dockerfile", "FROM python:3.12\nWORKDIR /app\nCOPY . .\n"),
            ("docker/Dockerfile", "FROM python:3.12\nWORKDIR /app\nCOPY docker/start /start\nCOPY . .\nCMD [\"/start\"]\n"),
            ("docker/start", "#!/bin/sh\nexec gunicorn shop.wsgi --bind 0.0.0.0:8000\n"),
            ("docker/start-dev", "#!/bin/sh\nexec python manage.py runserver\n"),
            ("nginx/conf.d/site.conf", "server {\n    listen 80;\n    location / { proxy_pass http://web:8000; }\n}\n"),
            (".devcontainer/Dockerfile", "FROM python:3.12\n"),
            (".github/workflows/test.yml", "jobs:\n  test:\n    steps:\n      - run: docker compose -f docker-compose.ci.yml run web\n"));
        Assert.Equal(
        [
            ".devcontainer/Dockerfile: development, its folder .devcontainer/ says devcontainer",
            ".env: development, used only by docker-compose.yml:5, a development file",
            ".env.production: production, its name says production",
            ".github/workflows/test.yml: CI, a CI service's file",
            "Dockerfile: development, used only by docker-compose.yml:2, a development file",
            "docker-compose.ci.yml: CI, its name says ci",
            "docker-compose.prod.yml: production, its name says prod",
            "docker-compose.yml: development, starts runserver (line 4) and mounts the source tree (.:/app, line 7)",
            "docker/Dockerfile: production, used by docker-compose.prod.yml:2, a production file",
            "docker/start: production, serves the app with gunicorn (line 2)",
            "docker/start-dev: development, its name says dev",
            "nginx/conf.d/site.conf: production, used by docker-compose.prod.yml:10, a production file",
        ], roles);
    }

    [Fact]
    public void What_a_production_file_copies_and_runs_is_production_whatever_its_content()
    {
        var roles = Roles(
            ("manage.py", ""),
            ("compose/production/django/Dockerfile", "FROM python:3.12\nCOPY ./compose/production/django/entrypoint /entrypoint\nCOPY ./compose/production/nginx/default.conf /etc/nginx/conf.d/default.conf\nENTRYPOINT [\"/entrypoint\"]\n"),
            ("compose/production/django/entrypoint", "#!/bin/bash\nset -e\nexec \"$@\"\n"),
            ("compose/production/nginx/default.conf", "server {\n    listen 80;\n}\n"),
            ("deploy.yml", """
                services:
                  django:
                    build:
                      context: .
                      dockerfile: ./compose/production/django/Dockerfile
                    command: /start
                """),
            ("start", "#!/bin/bash\npython manage.py runserver 0.0.0.0:8000\n"));
        Assert.Contains("deploy.yml: production, its name says deploy", roles);
        // /start is not a file the image holds (nothing copies it there), so the root script is only
        // matched by name: a production file running it makes it production though it runs runserver.
        Assert.Contains("start: production, used by deploy.yml:6, a production file", roles);
    }

    [Fact]
    public void Files_that_say_what_they_are_for_and_example_folders()
    {
        var roles = Roles(
            ("manage.py", ""),
            ("Dockerfile", "# This Dockerfile is intended solely for local development of the app\n# For production, use the app-docker repository.\nFROM python:3.12\nCMD python manage.py runserver\n"),
            ("docker-compose.yaml", "# This compose setup is only meant for local development of the app itself\nservices:\n  web:\n    build: .\n"),
            ("scripts/pg/compose.yml", "# DO NOT USE THIS!\n# This is only intended for testing PostgreSQL support.\nservices:\n  db:\n    image: postgres:16\n"),
            ("docker/prod.Dockerfile", "# Production image. For local development, see docker-compose.yaml.\nFROM python:3.12\n"),
            ("etc/README.md", "# Example etc files for deploying the app\n\nCopy and adapt them.\n"),
            ("etc/nginx.conf", "server {\n    listen 80;\n}\n"),
            ("etc/app.service", "[Service]\nExecStart=/usr/bin/gunicorn shop.wsgi\n"));
        Assert.Equal(
        [
            "Dockerfile: development, its header says \"This Dockerfile is intended solely for local development of the app\"",
            "docker-compose.yaml: development, its header says \"This compose setup is only meant for local development of the app itself\"",
            "docker/prod.Dockerfile: production, its name says prod",
            "etc/app.service: example, its folder's README.md says \"Example etc files for deploying the app\"",
            "etc/nginx.conf: example, its folder's README.md says \"Example etc files for deploying the app\"",
            "scripts/pg/compose.yml: test, its header says \"This is only intended for testing PostgreSQL support.\"",
        ], roles);
    }

    [Fact]
    public void A_dockerfile_a_workflow_publishes_is_production_and_a_script_only_ci_runs_is_ci()
    {
        var roles = Roles(
            ("manage.py", ""),
            ("docker/app.Dockerfile", "FROM python:3.12\nCOPY docker/entrypoint.sh /entrypoint.sh\nENTRYPOINT [\"/entrypoint.sh\"]\n"),
            ("docker/entrypoint.sh", "#!/bin/sh\nexec \"$@\"\n"),
            ("scripts/lint.sh", "#!/bin/sh\nruff check .\n"),
            (".github/workflows/release.yml", """
                jobs:
                  image:
                    steps:
                      - uses: docker/build-push-action@v6
                        with:
                          file: ./docker/app.Dockerfile
                          push: true
                """),
            (".github/workflows/lint.yml", "jobs:\n  lint:\n    steps:\n      - run: ./scripts/lint.sh\n"));
        Assert.Contains("docker/app.Dockerfile: production, built and published by .github/workflows/release.yml:6", roles);
        Assert.Contains("docker/entrypoint.sh: production, used by docker/app.Dockerfile:2, a production file", roles);
        Assert.Contains("scripts/lint.sh: CI, used only by .github/workflows/lint.yml:4, a CI file", roles);
    }

    [Fact]
    public void Cookiecutter_compose_files_without_compose_in_their_names_and_the_variant_rule()
    {
        var roles = Roles(
            ("manage.py", ""),
            ("local.yml", "services:\n  django:\n    build:\n      context: .\n      dockerfile: ./compose/local/django/Dockerfile\n"),
            ("production.yml", "services:\n  django:\n    image: shop_production_django\n"),
            ("tools.yml", "services:\n  docs:\n    image: sphinx\n"),
            ("mkdocs.yml", "site_name: Shop\nnav:\n  - index.md\n"),
            ("compose/local/django/Dockerfile", "FROM python:3.12\n"),
            ("docker-compose.yml", "services:\n  web:\n    build: .\n"),
            ("docker-compose.production.yml", "services:\n  web:\n    image: shop\n"));
        Assert.Equal(
        [
            "compose/local/django/Dockerfile: development, its folder compose/local/ says local",
            "docker-compose.production.yml: production, its name says production",
            "docker-compose.yml: development, the variant beside the production file docker-compose.production.yml",
            "local.yml: development, its name says local",
            "production.yml: production, its name says production",
            // Beside production.yml but not a variant of it: another stem.
            "tools.yml: unknown, nothing says which environment it is for",
        ], roles);
    }

    [Fact]
    public void Runserver_alone_is_development_only_beside_a_file_of_the_same_kind_that_serves_production()
    {
        var alone = Roles(("manage.py", ""), ("Dockerfile", "FROM python:3.12\nCMD python manage.py runserver 0.0.0.0:8000\n"));
        Assert.Equal(["Dockerfile: unknown, nothing says which environment it is for"], alone);

        var beside = Roles(
            ("manage.py", ""),
            ("scripts/run-postgres.sh", "#!/bin/sh\ndocker run -d postgres\npython manage.py runserver\n"),
            ("bootstrap.sh", "#!/bin/sh\nexec uwsgi --http :9090 uwsgi.ini\n"));
        Assert.Contains("scripts/run-postgres.sh: development, starts runserver (line 3)", beside);
    }

    // The shape of an app whose image now runs its own nginx in front of gunicorn on a unix socket,
    // with the separate nginx configuration of its earlier releases still in the tree.
    private static readonly (string, string)[] LegacyNginx =
    [
        ("manage.py", ""),
        ("Dockerfile", "FROM python:3.12\nCOPY . /app\nCMD [\"/app/start.sh\"]\n"),
        ("start.sh", "#!/bin/sh\nnginx\nexec gunicorn --bind unix:/tmp/app.sock shop.wsgi\n"),
        ("legacy/nginx/app.conf", "server {\n  listen 80;\n  location / {\n    proxy_pass http://web_app:8080;\n  }\n}\n"),
    ];

    [Fact]
    public void An_nginx_config_nothing_uses_whose_upstream_production_does_not_run_is_unused()
    {
        var roles = Roles(LegacyNginx);
        Assert.Contains("legacy/nginx/app.conf: unused, nothing in the repository uses it, and its upstream web_app:8080 (legacy/nginx/app.conf:4)"
                        + " is no production service: no production compose service has that name and the app servers production starts listen on a unix socket (start.sh:3)", roles);
    }

    [Fact]
    public void An_nginx_config_stays_unknown_when_production_may_run_its_upstream()
    {
        // A production compose service of that name.
        Assert.Contains("legacy/nginx/app.conf: unknown, nothing says which environment it is for",
            Roles([.. LegacyNginx, ("docker-compose.prod.yml", "services:\n  web_app:\n    image: shop\n")]));
        // An app server listening on the upstream's port.
        Assert.Contains("legacy/nginx/app.conf: unknown, nothing says which environment it is for",
            Roles([.. LegacyNginx.Where(f => f.Item1 != "start.sh"), ("start.sh", "#!/bin/sh\nexec gunicorn -b 0.0.0.0:8080 shop.wsgi\n")]));
        // An app server whose port the environment decides.
        Assert.Contains("legacy/nginx/app.conf: unknown, nothing says which environment it is for",
            Roles([.. LegacyNginx.Where(f => f.Item1 != "start.sh"), ("start.sh", "#!/bin/sh\nexec gunicorn --bind 0.0.0.0:$PORT shop.wsgi\n")]));
        // A file that uses the configuration.
        Assert.DoesNotContain(Roles([.. LegacyNginx, ("deploy/install.sh", "#!/bin/sh\ncp legacy/nginx/app.conf /etc/nginx/conf.d/\n")]),
            r => r.StartsWith("legacy/nginx/app.conf: unused", StringComparison.Ordinal));
    }
}
