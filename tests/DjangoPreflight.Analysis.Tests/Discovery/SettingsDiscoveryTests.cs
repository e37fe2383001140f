namespace DjangoPreflight.Analysis.Tests.Discovery;

public class SettingsDiscoveryTests
{
    [Fact]
    public void Deployment_files_select_the_production_module()
    {
        using var p = new TempProject(
            ("manage.py", "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site_cfg.settings.dev\")\n"),
            ("site_cfg/__init__.py", ""), ("site_cfg/settings/__init__.py", ""),
            ("site_cfg/settings/dev.py", "DEBUG = True\n"), ("site_cfg/settings/live.py", "DEBUG = False\n"), ("site_cfg/settings/staging.py", "DEBUG = False\n"),
            ("site_cfg/wsgi.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_cfg.settings.dev')\n"),
            ("docker-compose.yml", "services:\n  web:\n    environment:\n      - DJANGO_SETTINGS_MODULE=site_cfg.settings.staging\n"));
        var layout = p.Context().SettingsLayout;
        Assert.Equal("site_cfg.settings.staging", layout.Production);
        Assert.Equal(["site_cfg.settings.staging: selected by docker-compose.yml:4"], layout.Reasons);
        Assert.Equal(["site_cfg.settings.dev", "site_cfg.settings.live", "site_cfg.settings.staging"], layout.SettingsModules);
    }

    [Fact]
    public void A_module_named_like_production_wins_over_the_wsgi_default()
    {
        using var p = new TempProject(
            ("manage.py", "import os\nos.environ['DJANGO_SETTINGS_MODULE'] = 'cfg.settings.dev'\n"),
            ("cfg/__init__.py", ""), ("cfg/settings/__init__.py", ""),
            ("cfg/settings/dev.py", ""), ("cfg/settings/prod.py", ""),
            ("cfg/wsgi.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'cfg.settings.dev')\n"));
        var layout = p.Context().SettingsLayout;
        Assert.Equal("cfg.settings.prod", layout.Production);
        Assert.Equal(["cfg.settings.prod: its name says production"], layout.Reasons);
    }

    [Fact]
    public void Wsgi_default_is_used_when_nothing_else_decides_and_src_layout_is_an_import_root()
    {
        using var p = new TempProject(
            ("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.config')\n"),
            ("src/app/__init__.py", ""), ("src/app/config.py", "DEBUG = False\n"),
            ("src/app/wsgi.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.config')\n"));
        var layout = p.Context().SettingsLayout;
        Assert.Equal(["", "src"], layout.Index.ImportRoots);
        Assert.Equal("app.config", layout.Production);
        Assert.Equal(["app.config: the DJANGO_SETTINGS_MODULE default in src/app/wsgi.py:2"], layout.Reasons);
        Assert.Equal("src/app/config.py", layout.Index.PathOf("app.config"));
    }

    [Fact]
    public void Example_insecure_shop_production_is_chosen_from_its_deployment_files()
    {
        var root = Path.Combine(Differential.DjangoDifferentialTests.RepoRoot(), "examples", "insecure-shop");
        var ctx = new DjangoPreflight.Analysis.Project.ProjectContext(root, new());
        Assert.Equal("shop.settings.production", ctx.SettingsLayout.Production);
        Assert.Contains("shop.settings.production: selected by Dockerfile:4", ctx.SettingsLayout.Reasons);
        Assert.Contains("shop.settings.production: selected by Procfile:2", ctx.SettingsLayout.Reasons);
    }
}
