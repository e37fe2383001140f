using DjangoPreflight.Rules.Secrets;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Rules.Tests.GitRules;

public class DevelopmentSettingsInProductionTests
{
    private static List<string> Run(TempDirectory dir) =>
        RuleHarness.Run(new DevelopmentSettingsInProduction(), dir.Path).Select(RuleHarness.Describe).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Server_entry_points_defaulting_to_dev_settings_fire_high_and_manage_py_medium()
    {
        using var dir = new TempDirectory();
        dir.Write("manage.py", "import os\n\ndef main():\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings.dev')\n");
        dir.Write("shop/wsgi.py", "import os\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"shop.settings.local\")\n");
        dir.Write("shop/asgi.py", "import os\nos.environ[\"DJANGO_SETTINGS_MODULE\"] = \"shop.dev_settings\"\n");
        Assert.Equal(
        [
            "DP110 manage.py:4 medium/certain: manage.py defaults DJANGO_SETTINGS_MODULE to the development module shop.settings.dev: migrate, collectstatic and other commands on the server use it unless the variable is set.",
            "DP110 shop/asgi.py:2 high/certain: shop/asgi.py defaults DJANGO_SETTINGS_MODULE to the development module shop.dev_settings: any server started without the variable runs development settings.",
            "DP110 shop/wsgi.py:4 high/certain: shop/wsgi.py defaults DJANGO_SETTINGS_MODULE to the development module shop.settings.local: any server started without the variable runs development settings.",
        ], Run(dir));
    }

    [Fact]
    public void Production_and_lookalike_module_names_do_not_fire()
    {
        using var dir = new TempDirectory();
        dir.Write("manage.py", "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'devices.settings')\n");
        dir.Write("devices/wsgi.py", "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'devices.settings.production')\n");
        dir.Write("devices/asgi.py", "# os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'devices.settings.dev')\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'localization.settings')\n");
        Assert.Empty(Run(dir));
    }

    [Fact]
    public void Production_settings_importing_dev_settings_fire_and_optional_overrides_are_medium()
    {
        using var dir = new TempDirectory();
        dir.Write("shop/settings/__init__.py", "");
        dir.Write("shop/settings/base.py", "DEBUG = False\n");
        dir.Write("shop/settings/dev.py", "from .base import *\nDEBUG = True\n");
        dir.Write("shop/settings/local.py", "DEBUG = True\n");
        dir.Write("shop/settings/production.py", "from .dev import *\n\nDEBUG = False\n\ntry:\n    from .local import *\nexcept ImportError:\n    pass\n");
        dir.Write("shop/settings/prod_eu.py", "from shop.settings.base import *\nfrom django.test import override_settings\nfrom .testing_tools import helper\n");
        Assert.Equal(
        [
            "DP110 shop/settings/production.py:1 high/certain: shop/settings/production.py imports the development settings shop/settings/dev.py: production inherits everything development sets.",
            "DP110 shop/settings/production.py:6 high/medium: shop/settings/production.py imports development settings from shop/settings/local.py when that module is present; deploying it turns production into development.",
        ], Run(dir));
    }

    [Fact]
    public void Dev_settings_importing_dev_settings_are_not_production()
    {
        using var dir = new TempDirectory();
        dir.Write("shop/settings/dev.py", "from .local import *\n");
        dir.Write("shop/settings/local.py", "DEBUG = True\n");
        dir.Write("shop/settings/production.py", "from .base import *\n");
        dir.Write("shop/settings/base.py", "DEBUG = False\n");
        Assert.Empty(Run(dir));
    }
}
