using DjangoPreflight.Analysis.Discovery;

namespace DjangoPreflight.Analysis.Tests.Discovery;

/// <summary>Discovery ranks evidence of what serves production; each test is a small project with
/// the shape of a real one's (development, production and CI files side by side, a module forced by
/// the package, a module only the image holds...).</summary>
public class SettingsDiscoveryTests
{
    private const string Manage = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings.local')\n";

    private static (string, string)[] SettingsPackage(params string[] modules) =>
    [
        ("proj/__init__.py", ""), ("proj/settings/__init__.py", ""),
        .. modules.Select(m => ($"proj/settings/{m}.py", "DEBUG = False\n")),
    ];

    private static DiscoveredSettings Discover(params (string, string)[] files)
    {
        using var p = new TempProject(files);
        return p.Context().SettingsLayout;
    }

    [Fact]
    public void The_production_compose_file_wins_over_the_development_and_ci_ones_beside_it()
    {
        var layout = Discover([
            ("manage.py", Manage), .. SettingsPackage("base", "local", "ci", "production", "live"),
            ("proj/wsgi.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings.base')\n"),
            ("docker-compose.yml", """
                services:
                  web:
                    build: .
                    command: python manage.py runserver 0.0.0.0:8000
                    volumes:
                      - .:/app
                    environment:
                      DJANGO_SETTINGS_MODULE: proj.settings.local
                """),
            ("docker-compose.prod.yml", """
                services:
                  web:
                    build: .
                    command: gunicorn proj.wsgi:application --bind 0.0.0.0:8000
                    environment:
                      DJANGO_SETTINGS_MODULE: ${DJANGO_SETTINGS_MODULE:-proj.settings.production}
                """),
            ("ci/docker-compose.yml", "services:\n  web:\n    build: ..\n    environment:\n      DJANGO_SETTINGS_MODULE: proj.settings.ci\n"),
            ("Dockerfile", "FROM python:3.12\nCOPY . /app\n"),
        ]);
        Assert.Equal("proj.settings.production", layout.Production);
        Assert.Equal(EvidenceKind.ServingProcess, layout.Winner!.Kind);
        Assert.Equal(
            "proj.settings.production: set by the compose service web in docker-compose.prod.yml, a production file (the default of ${DJANGO_SETTINGS_MODULE:-proj.settings.production}) (docker-compose.prod.yml:6)",
            layout.Reasons[0]);
        // The default of the wsgi module gunicorn loads, the production-named module and manage.py's
        // default are beaten; the local and CI compose files give no evidence at all.
        Assert.Equal(
            ["proj.settings.base ServedEntryPoint", "proj.settings.live ProductionName", "proj.settings.local OtherDefault"],
            layout.Beaten.Select(e => $"{e.Module} {e.Kind}").Order());
        Assert.DoesNotContain(layout.Evidence, e => e.Module is "proj.settings.local" && e.Kind == EvidenceKind.ServingProcess);
        Assert.DoesNotContain(layout.Evidence, e => e.Module == "proj.settings.ci");
    }

    [Fact]
    public void The_wsgi_default_the_production_entrypoint_serves_beats_a_development_compose_settings_flag()
    {
        // plane's shape: the production image runs an entrypoint that serves proj.asgi; only the
        // local compose file (a development Dockerfile, the source mounted) names a module.
        var layout = Discover([
            ("api/manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings.production')\n"),
            ("api/proj/__init__.py", ""), ("api/proj/settings/__init__.py", ""),
            ("api/proj/settings/local.py", "DEBUG = True\n"), ("api/proj/settings/production.py", "DEBUG = False\n"),
            ("api/proj/asgi.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings.production')\n"),
            ("api/Dockerfile.api", "FROM python:3.12\nWORKDIR /code\nCOPY . .\nCMD [\"./bin/entrypoint-api.sh\"]\n"),
            ("api/Dockerfile.dev", "FROM python:3.12\nWORKDIR /code\n"),
            ("api/bin/entrypoint-api.sh", "#!/bin/bash\nset -e\npython manage.py migrate\nexec gunicorn -k uvicorn.workers.UvicornWorker proj.asgi:application --bind 0.0.0.0:8000\n"),
            ("docker-compose-local.yml", """
                services:
                  api:
                    build:
                      context: ./api
                      dockerfile: Dockerfile.dev
                    volumes:
                      - ./api:/code
                    command: python manage.py runserver 0.0.0.0:8000 --settings=proj.settings.local
                """),
        ]);
        Assert.Equal("proj.settings.production", layout.Production);
        Assert.Equal(EvidenceKind.ServedEntryPoint, layout.Winner!.Kind);
        Assert.Equal("the default in api/proj/asgi.py, which gunicorn loads (api/bin/entrypoint-api.sh:4)", layout.Winner.Description);
        Assert.DoesNotContain(layout.Evidence, e => e.Module == "proj.settings.local");
    }

    [Fact]
    public void A_uwsgi_env_line_and_the_module_a_uwsgi_ini_loads_are_evidence()
    {
        var layout = Discover([
            ("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n"),
            ("proj/__init__.py", ""), ("proj/settings/__init__.py", "from .base import *\n"), ("proj/settings/base.py", ""), ("proj/settings/prod.py", ""),
            ("proj/wsgi.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n"),
            ("uwsgi.ini", "[uwsgi]\nmodule = proj.wsgi:application\nenv = DJANGO_SETTINGS_MODULE=proj.settings.prod\nstatic-map = /static=static\n"),
            ("bootstrap.sh", "#!/bin/sh\npython manage.py migrate\nexec uwsgi --http :9090 uwsgi.ini\n"),
            ("Dockerfile", "FROM python:3.12\nCOPY . /etc/app\nCMD [\"./bootstrap.sh\"]\n"),
        ]);
        Assert.Equal("proj.settings.prod", layout.Production);
        Assert.Equal("proj.settings.prod: set by the uWSGI env in uwsgi.ini, a production file (uwsgi.ini:3)", layout.Reasons[0]);
        var beaten = Assert.Single(layout.Beaten);
        Assert.Equal(("proj.settings", EvidenceKind.ServedEntryPoint), (beaten.Module, beaten.Kind));
        Assert.Contains("which uWSGI (as uwsgi.ini says, uwsgi.ini:2) loads (bootstrap.sh:3)", beaten.Description);
    }

    [Fact]
    public void A_module_the_package_forces_wins_over_manage_py_and_takes_its_name_from_the_root()
    {
        // ArchiveBox's shape: manage.py sits inside the package, and the package's __init__
        // assigns os.environ, so the module is named from the repository root.
        var layout = Discover([
            ("app/manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'core.settings')\n"),
            ("app/__init__.py", "import os\nos.environ['DJANGO_SETTINGS_MODULE'] = 'app.core.settings'\n"),
            ("app/core/__init__.py", ""), ("app/core/settings.py", "DEBUG = False\n"),
            ("docs/conf.py", "import os\nos.environ['DJANGO_SETTINGS_MODULE'] = 'app.core.settings_docs'\n"),
            ("app/core/settings_docs.py", "DEBUG = True\n"),
        ]);
        Assert.Equal("app.core.settings", layout.Production);
        Assert.Equal("app.core.settings: assigned to os.environ in app/__init__.py, which overrides the environment (app/__init__.py:2)", layout.Reasons[0]);
        Assert.DoesNotContain(layout.Evidence, e => e.Location?.Path == "docs/conf.py");
    }

    [Fact]
    public void A_python_script_the_production_entrypoint_runs_gives_its_default()
    {
        var layout = Discover([
            ("apps/manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings_dev')\n"),
            ("apps/site_cfg/__init__.py", ""), ("apps/site_cfg/settings.py", ""), ("apps/site_cfg/settings_dev.py", ""),
            ("run", "#!/usr/bin/env python3\nimport os, sys\nsys.path.insert(0, 'apps')\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings')\n"),
            ("entrypoint.sh", "#!/bin/bash\nexec python run start all\n"),
            ("Dockerfile", "FROM python:3.12\nCOPY . /opt/app\nENTRYPOINT [\"./entrypoint.sh\"]\nCMD [\"gunicorn\", \"site_cfg.wsgi\"]\n"),
        ]);
        Assert.Equal("site_cfg.settings", layout.Production);
        Assert.Equal(EvidenceKind.ServedEntryPoint, layout.Winner!.Kind);
        Assert.Equal("the default in run, which entrypoint.sh runs (entrypoint.sh:2)", layout.Winner.Description);
    }

    [Fact]
    public void The_wsgi_default_beats_a_production_name_unless_it_names_a_development_module()
    {
        var plain = Discover([
            ("manage.py", Manage), .. SettingsPackage("base", "prod"),
            ("proj/wsgi.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings.base')\n"),
        ]);
        Assert.Equal(("proj.settings.base", EvidenceKind.EntryPointDefault), (plain.Production, plain.Winner!.Kind));
        Assert.Equal(["proj.settings.base: the DJANGO_SETTINGS_MODULE default in proj/wsgi.py (proj/wsgi.py:2)", "beat: proj.settings.prod (its name says production); proj.settings.local (the DJANGO_SETTINGS_MODULE default in manage.py (manage.py:2))"], plain.Reasons);

        var development = Discover([
            ("manage.py", Manage), .. SettingsPackage("local", "prod"),
            ("proj/wsgi.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings.local')\n"),
        ]);
        Assert.Equal(("proj.settings.prod", EvidenceKind.ProductionName), (development.Production, development.Winner!.Kind));
    }

    [Fact]
    public void A_production_file_that_sets_the_variable_from_its_own_environment_voids_every_setdefault()
    {
        // Ghostwriter's shape: production.yml passes DJANGO_SETTINGS_MODULE from the operator's .env;
        // the asgi default names the local module, so the module named production is the answer.
        var layout = Discover([
            ("manage.py", Manage), .. SettingsPackage("base", "local", "production"),
            ("proj/asgi.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings.local')\n"),
            ("production.yml", """
                services:
                  django:
                    build:
                      context: .
                      dockerfile: ./compose/production/django/Dockerfile
                    environment:
                      - DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE}
                    command: /start
                """),
            ("compose/production/django/Dockerfile", "FROM python:3.12\nCOPY ./compose/production/django/start /start\n"),
            ("compose/production/django/start", "#!/bin/bash\nexec uvicorn proj.asgi:application --host 0.0.0.0\n"),
        ]);
        Assert.Equal("proj.settings.production", layout.Production);
        Assert.Equal(EvidenceKind.ProductionName, layout.Winner!.Kind);
        Assert.Contains("production sets DJANGO_SETTINGS_MODULE from ${DJANGO_SETTINGS_MODULE} (production.yml:7), which the repository does not set, so no setdefault applies", layout.Reasons);
    }

    [Fact]
    public void A_platform_spec_gives_the_module_when_nothing_in_the_code_does()
    {
        var layout = Discover([
            ("manage.py", "import os\n"), .. SettingsPackage("base", "ci", "heroku"),
            ("Procfile", "web: bash Procfile.sh\n"), ("Procfile.sh", "#!/bin/bash\ngunicorn proj.wsgi:application\n"),
            (".do/deploy.template.yaml", """
                spec:
                  services:
                    - name: app
                      envs:
                        - key: DEBUG
                          scope: RUN_TIME
                        - key: DJANGO_SETTINGS_MODULE
                          scope: RUN_AND_BUILD_TIME
                          value: "proj.settings.base"
                """),
        ]);
        Assert.Equal("proj.settings.base", layout.Production);
        Assert.Equal("proj.settings.base: set by the platform environment in .do/deploy.template.yaml, a production file (.do/deploy.template.yaml:7)", layout.Reasons[0]);
    }

    [Fact]
    public void A_module_only_the_installed_site_has_is_replaced_by_what_its_template_star_imports()
    {
        // nautobot's shape: the app forces a per-install module rendered from a template.
        var layout = Discover([
            ("proj/__init__.py", "import os\n\ndef setup():\n    os.environ['DJANGO_SETTINGS_MODULE'] = 'site_config'\n"),
            ("proj/core/__init__.py", ""), ("proj/core/settings.py", "DEBUG = False\n"),
            ("proj/core/wsgi.py", "import proj\n# os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.core.settings_old')\nproj.setup()\n"),
            ("proj/core/templates/site_config.py.j2", "import os\n\nfrom proj.core.settings import *  # noqa: F403\n\nSECRET_KEY = '{{ secret_key }}'\n"),
        ]);
        Assert.Equal("proj.core.settings", layout.Production);
        Assert.Equal(
        [
            "site_config: assigned to os.environ in proj/__init__.py (in a function the app calls at start-up), which overrides the environment (proj/__init__.py:4)",
            "site_config is not in the repository; evaluating proj.core.settings, which its template proj/core/templates/site_config.py.j2 star-imports",
        ], layout.Reasons);
        // The commented-out setdefault is no evidence.
        Assert.DoesNotContain(layout.Evidence, e => e.Module == "proj.core.settings_old");
    }

    [Fact]
    public void A_module_the_image_copies_into_the_settings_package_is_evaluated_from_its_source()
    {
        using var p = new TempProject([
            ("manage.py", Manage), .. SettingsPackage("base"),
            ("proj/wsgi.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings.base')\n"),
            ("docker/config.py", "from .base import *\nDEBUG = False\nALLOWED_HOSTS = ['shop.example.com']\n"),
            ("Dockerfile", "FROM python:3.12\nWORKDIR /app\nCOPY . .\nCOPY docker/config.py proj/settings/docker.py\nENV DJANGO_SETTINGS_MODULE=proj.settings.docker\nCMD gunicorn proj.wsgi\n"),
        ]);
        var context = p.Context();
        var layout = context.SettingsLayout;
        Assert.Equal("proj.settings.docker", layout.Production);
        Assert.Equal("proj.settings.docker is not in the repository; evaluating proj.settings.docker, which Dockerfile:4 builds from docker/config.py", layout.Reasons[1]);
        Assert.Equal("docker/config.py", layout.Index.PathOf("proj.settings.docker"));
        // Its relative import resolves in the settings package, as in the image.
        var settings = context.Settings.Production!;
        Assert.Equal("docker/config.py", settings.Path);
        Assert.Equal(["shop.example.com"], settings["ALLOWED_HOSTS"]!.Value.AsStrings);
    }

    [Fact]
    public void A_repository_whose_every_deployment_file_is_for_development_says_so()
    {
        var layout = Discover([
            ("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'devproject.settings')\n"),
            ("devproject/__init__.py", ""), ("devproject/settings.py", "DEBUG = True\n"),
            ("devproject/wsgi.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'devproject.settings')\n"),
            ("Dockerfile", "# This Dockerfile is intended solely for local development of the app\nFROM python:3.12\nCMD python manage.py runserver\n"),
            ("docker-compose.yaml", "# This compose setup is only meant for local development\nservices:\n  web:\n    build: .\n"),
        ]);
        Assert.Equal("devproject.settings", layout.Production);
        Assert.Contains("no file in the repository deploys to production: every deployment file is for development, CI, tests or an example", layout.Reasons);
    }

    [Fact]
    public void Build_steps_comments_and_test_scripts_are_never_evidence()
    {
        var layout = Discover([
            ("manage.py", Manage), .. SettingsPackage("base", "local", "test", "build"),
            ("proj/wsgi.py", "\"\"\"DJANGO_SETTINGS_MODULE is proj.settings.test in the docs.\"\"\"\nimport os\n# os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings.test')\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings.base')\n"),
            ("Dockerfile", """
                FROM python:3.12
                # ENV DJANGO_SETTINGS_MODULE=proj.settings.local
                RUN python manage.py compilemessages --settings=proj.settings.test
                RUN DJANGO_SETTINGS_MODULE=proj.settings.build python manage.py collectstatic --noinput
                CMD ["gunicorn", "proj.wsgi"]
                """),
            ("scripts/run-tests.sh", "#!/bin/sh\nexport DJANGO_SETTINGS_MODULE=proj.settings.test\npytest\n"),
            (".github/workflows/ci.yml", "jobs:\n  test:\n    env:\n      DJANGO_SETTINGS_MODULE: proj.settings.test\n    steps:\n      - run: gunicorn proj.wsgi --settings=proj.settings.test &\n"),
        ]);
        Assert.Equal("proj.settings.base", layout.Production);
        Assert.Equal(EvidenceKind.ServedEntryPoint, layout.Winner!.Kind);
        Assert.Equal(["proj.settings.base", "proj.settings.local"], layout.Evidence.Select(e => e.Module).Distinct().Order());
    }

    [Fact]
    public void Example_insecure_shop_production_is_chosen_from_its_deployment_files()
    {
        var root = Path.Combine(Differential.DjangoDifferentialTests.RepoRoot(), "examples", "insecure-shop");
        var ctx = new DjangoPreflight.Analysis.Project.ProjectContext(root, new());
        Assert.Equal("shop.settings.production", ctx.SettingsLayout.Production);
        Assert.Equal(
        [
            "shop.settings.production: set by the Procfile in Procfile, a production file (Procfile:2)",
            "beat: shop.settings.dev (the default in shop/wsgi.py, which gunicorn loads (Procfile:2) (shop/wsgi.py:10))",
        ], ctx.SettingsLayout.Reasons);
    }

    [Fact]
    public void Wsgi_default_is_used_when_nothing_else_decides_and_src_layout_is_an_import_root()
    {
        var layout = Discover(
            ("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.config')\n"),
            ("src/app/__init__.py", ""), ("src/app/config.py", "DEBUG = False\n"),
            ("src/app/wsgi.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.config')\n"));
        Assert.Equal(["", "src"], layout.Index.ImportRoots);
        Assert.Equal("app.config", layout.Production);
        Assert.Equal("app.config: the DJANGO_SETTINGS_MODULE default in src/app/wsgi.py (src/app/wsgi.py:2)", layout.Reasons[0]);
        Assert.Equal("src/app/config.py", layout.Index.PathOf("app.config"));
    }
}
