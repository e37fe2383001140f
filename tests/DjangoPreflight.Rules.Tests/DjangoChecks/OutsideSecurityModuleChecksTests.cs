using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Rules.Tests.DjangoChecks;

/// <summary>
/// The deploy checks Django keeps outside its security module: caches.W002 (reported by DP603) and
/// async.E001 (reported by DP111). Each case is a small real project checked by the real Django
/// (`manage.py check --deploy`, Debian's 3.2) and by us; the IDs must agree, and must be the ones
/// the case expects.
/// </summary>
public class OutsideSecurityModuleChecksTests
{
    private static readonly string[] Watched = ["caches.W002", "async.E001"];

    public static TheoryData<string, string, string, string[]> Cases() => new()
    {
        { "cache inside MEDIA_ROOT", "MEDIA_ROOT = '/srv/shop/media'\n" + FileCache("/srv/shop/media/cache"), "", ["caches.W002"] },
        { "cache is STATIC_ROOT", "STATIC_ROOT = '/srv/shop/static/'\n" + FileCache("/srv/shop/static"), "", ["caches.W002"] },
        { "cache contains a STATICFILES_DIRS entry", "STATICFILES_DIRS = [('vendor', '/srv/shop/cache/vendor')]\n" + FileCache("/srv/shop/cache"), "", ["caches.W002"] },
        { "cache under BASE_DIR media", "MEDIA_ROOT = BASE_DIR / 'media'\n" + FileCache("str(BASE_DIR / 'media' / 'cache')", literal: false), "", ["caches.W002"] },
        { "cache elsewhere", "MEDIA_ROOT = '/srv/shop/media'\nSTATIC_ROOT = '/srv/shop/static'\n" + FileCache("/var/tmp/django_cache"), "", [] },
        { "sibling with a shared prefix", "MEDIA_ROOT = '/srv/shop/media'\n" + FileCache("/srv/shop/media-cache"), "", [] },
        { "locmem cache at MEDIA_ROOT", "MEDIA_ROOT = '/srv/shop/media'\nCACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache', 'LOCATION': '/srv/shop/media'}}\n", "", [] },
        { "async unsafe allowed", "", "DJANGO_ALLOW_ASYNC_UNSAFE=1", ["async.E001"] },
        { "async unsafe empty", "", "DJANGO_ALLOW_ASYNC_UNSAFE=", [] },
    };

    private static string FileCache(string location, bool literal = true) =>
        $"CACHES = {{'default': {{'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache', 'LOCATION': {(literal ? $"'{location}'" : location)}}}}}\n";

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithTheRealDeployCheck(string name, string settings, string env, string[] expected)
    {
        using var project = Project(settings);
        var envPairs = env.Length == 0 ? [] : new[] { KeyValuePair.Create(env[..env.IndexOf('=')], env[(env.IndexOf('=') + 1)..]) };

        PythonModules.Require("django");
        var django = ProcessRunner.Run(ProcessRunner.Python, ["manage.py", "check", "--deploy"], workingDirectory: project.Path,
            environment: envPairs.ToDictionary(p => p.Key, p => (string?)p.Value));
        var djangoIds = Regex.Matches(django.Stdout + django.Stderr, @"\(([a-z_0-9]+\.[A-Z]\d+)\)").Select(m => m.Groups[1].Value)
            .Where(Watched.Contains).Distinct().Order().ToList();

        var context = new ProjectContext(project.Path, new ScanOptions { EnvPairs = envPairs, DjangoVersion = "3.2", NoHistory = true });
        var ours = RuleRunner.Run(context, ProjectRuleSet.All.Where(r => r.Descriptor.Id is "DP111" or "DP603"))
            .Select(f => f.DjangoId).OfType<string>().Where(Watched.Contains).Distinct().Order().ToList();

        Assert.True(expected.SequenceEqual(djangoIds), $"{name}: the real Django printed [{string.Join(", ", djangoIds)}]\n{django.Stdout}{django.Stderr}");
        Assert.Equal(djangoIds, ours);
    }

    private static TempDirectory Project(string extraSettings)
    {
        var temp = new TempDirectory("dp-outside-checks");
        temp.Write("manage.py", """
            import os, sys
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")
            from django.core.management import execute_from_command_line
            execute_from_command_line(sys.argv)
            """);
        temp.Write("proj/__init__.py", "");
        temp.Write("proj/settings.py", """
            from pathlib import Path
            BASE_DIR = Path(__file__).resolve().parent.parent
            SECRET_KEY = "q8#v2m!x7k(zr4t-w9p$e3n6b+y1u5h0c&j^a@f%l*d)sKq2Z"
            DEBUG = False
            ALLOWED_HOSTS = ["shop.example.com"]
            INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.staticfiles"]
            MIDDLEWARE = []
            ROOT_URLCONF = "proj.urls"
            DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "/tmp/unused.sqlite3"}}
            STATIC_URL = "/static/"

            """ + extraSettings);
        temp.Write("proj/urls.py", "urlpatterns = []\n");
        return temp;
    }
}
