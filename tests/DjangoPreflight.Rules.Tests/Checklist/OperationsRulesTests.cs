using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;
using DjangoPreflight.Rules.Operations;
using DjangoPreflight.Rules.Performance;
using DjangoPreflight.Rules.Tests.Support;
using static DjangoPreflight.Rules.Tests.Support.Settings;

namespace DjangoPreflight.Rules.Tests.Checklist;

public class OperationsRulesTests
{
    private const string Root = "/srv/project";

    [Fact]
    public void DP601_fires_when_static_root_is_unset_pointing_at_static_url()
    {
        var s = Module().Set("STATIC_URL", S("/static/"), 106).Default("STATIC_ROOT", Analysis.Settings.PyNone.Instance).Build();
        FindingAssert.Single(new StaticRootMissing().CheckSettings(s), "DP601", SettingsFile, 106,
            "STATIC_ROOT is not set: collectstatic has nowhere to collect static files.");
    }

    [Fact]
    public void DP601_is_silent_with_a_root_or_remote_storage()
    {
        FindingAssert.None(new StaticRootMissing().CheckSettings(Module().Set("STATIC_ROOT", S("/srv/static"), 107).Build()));
        var s3 = Module().Default("STATIC_ROOT", Analysis.Settings.PyNone.Instance)
            .Set("STORAGES", D(("staticfiles", D(("BACKEND", S("storages.backends.s3.S3Storage"))))), 110).Build();
        FindingAssert.None(new StaticRootMissing().CheckSettings(s3));
        var unknown = Module().Default("STATIC_ROOT", Analysis.Settings.PyNone.Instance).Set("STORAGES", U(), 110).Build();
        FindingAssert.None(new StaticRootMissing().CheckSettings(unknown));
    }

    [Fact]
    public void DP603_fires_on_shared_urls_media_in_static_and_media_in_source()
    {
        var files = new[] { "manage.py", "shop/__init__.py", "shop/settings.py" };
        var sameUrl = Module().Set("MEDIA_URL", S("/static/"), 109).Set("STATIC_URL", S("static/"), 106).Build();
        FindingAssert.Single(new MediaLocationUnsafe().CheckSettings(sameUrl, Root, files), "DP603", SettingsFile, 109,
            "MEDIA_URL equals STATIC_URL (\"/static/\"): uploads would be served as static assets.");
        var inStatic = Module().Set("STATIC_ROOT", new Analysis.Settings.PyPath("/srv/www/public"), 107).Set("MEDIA_ROOT", new Analysis.Settings.PyPath("/srv/www/public/uploads"), 110).Build();
        FindingAssert.Single(new MediaLocationUnsafe().CheckSettings(inStatic, Root, files), "DP603", SettingsFile, 110,
            "MEDIA_ROOT is inside STATIC_ROOT: uploads are mixed with collected static files.");
        var inPackage = Module().Set("MEDIA_ROOT", new Analysis.Settings.PyPath(Root + "/shop/media"), 110).Build();
        FindingAssert.Single(new MediaLocationUnsafe().CheckSettings(inPackage, Root, files), "DP603", SettingsFile, 110,
            "MEDIA_ROOT is inside the Python package shop/: uploads land among the source code.");
        var inTree = Module().Set("MEDIA_ROOT", new Analysis.Settings.PyPath(Root + "/media"), 110).Build();
        var f = FindingAssert.Single(new MediaLocationUnsafe().CheckSettings(inTree, Root, files), "DP603", SettingsFile, 110,
            "MEDIA_ROOT is media/ inside the project's source tree: uploads sit next to the code and in anything built from it.");
        Assert.Equal(Severity.Low, f.Severity);
    }

    [Fact]
    public void DP603_is_silent_for_separate_directories_outside_the_project()
    {
        var s = Module().Set("STATIC_ROOT", S("/srv/shop/static"), 107).Set("MEDIA_ROOT", S("/srv/shop/media"), 110)
            .Set("STATIC_URL", S("/static/"), 106).Set("MEDIA_URL", S("/media/"), 109).Build();
        FindingAssert.None(new MediaLocationUnsafe().CheckSettings(s, Root, ["manage.py"]));
        FindingAssert.None(new MediaLocationUnsafe().CheckSettings(Module().Set("MEDIA_ROOT", U(), 110).Build(), Root, ["manage.py"]));
    }

    [Fact]
    public void DP605_fires_on_each_localhost_default()
    {
        var s = Module().Default("DEFAULT_FROM_EMAIL", S("webmaster@localhost")).Default("SERVER_EMAIL", S("root@localhost")).Build();
        var findings = new EmailAddressesDefault().CheckSettings(s).ToList();
        Assert.Equal(["DEFAULT_FROM_EMAIL is \"webmaster@localhost\", Django's default: mail from this address is usually rejected or marked as spam.",
            "SERVER_EMAIL is \"root@localhost\", Django's default: mail from this address is usually rejected or marked as spam."], findings.Select(f => f.Message));
        Assert.All(findings, f => Assert.Equal((SettingsFile, 1), (f.Location.Path!, f.Location.Line!.Value)));
        FindingAssert.None(new EmailAddressesDefault().CheckSettings(Module().Set("DEFAULT_FROM_EMAIL", S("Shop <shop@example.com>"), 3).Set("SERVER_EMAIL", S("webmaster@localhost.example.com"), 4).Build()));
    }

    [Fact]
    public void DP606_fires_on_development_backends_only()
    {
        FindingAssert.Single(new EmailBackendNotDelivering().Check(new DeploySettings(Module().Set("EMAIL_BACKEND", S("django.core.mail.backends.console.EmailBackend"), 128).Build(), null)),
            "DP606", SettingsFile, 128, "EMAIL_BACKEND is django.core.mail.backends.console.EmailBackend, which prints messages to the console: no mail is delivered.");
        FindingAssert.None(new EmailBackendNotDelivering().Check(new DeploySettings(Module().Set("EMAIL_BACKEND", S("django.core.mail.backends.smtp.EmailBackend"), 128).Build(), null)));
        FindingAssert.None(new EmailBackendNotDelivering().Check(new DeploySettings(Module().Set("EMAIL_BACKEND", S("anymail.backends.mailgun.EmailBackend"), 128).Build(), null)));
    }

    [Fact]
    public void DP607_fires_on_locmem_set_or_defaulted()
    {
        var set = Module().Set("CACHES", D(("default", D(("BACKEND", S("django.core.cache.backends.locmem.LocMemCache"))))), 121).Build();
        FindingAssert.Single(new LocalMemoryCache().CheckSettings(set), "DP607", SettingsFile, 121, "CACHES[\"default\"] is LocMemCache: each worker process has its own cache.");
        var dflt = Module().Default("CACHES", D(("default", D(("BACKEND", S("django.core.cache.backends.locmem.LocMemCache")))))).Build();
        FindingAssert.Single(new LocalMemoryCache().CheckSettings(dflt), "DP607", SettingsFile, 1, "CACHES is not set, so Django's default per-process LocMemCache is used.");
        FindingAssert.None(new LocalMemoryCache().CheckSettings(Module().Set("CACHES", D(("default", D(("BACKEND", S("django.core.cache.backends.redis.RedisCache"))))), 121).Build()));
        FindingAssert.None(new LocalMemoryCache().CheckSettings(Module().Set("CACHES", U(), 121).Build()));
    }

    [Fact]
    public void DP608_fires_on_sqlite_and_not_on_postgres()
    {
        var sqlite = Module().Set("DATABASES", D(("default", D(("ENGINE", S("django.db.backends.sqlite3"))))), 76).Build();
        FindingAssert.Single(new SqliteInProduction().CheckSettings(sqlite), "DP608", SettingsFile, 76, "DATABASES[\"default\"] uses SQLite (django.db.backends.sqlite3).");
        FindingAssert.None(new SqliteInProduction().CheckSettings(Module().Set("DATABASES", D(("default", D(("ENGINE", S("django.db.backends.postgresql"))))), 76).Build()));
    }

    [Fact]
    public void DP701_advises_on_conn_max_age_zero_except_sqlite_and_pools()
    {
        var pg = Module().Set("DATABASES", D(("default", D(("ENGINE", S("django.db.backends.postgresql"))))), 76).Build();
        var f = FindingAssert.Single(new PersistentConnectionsOff().CheckSettings(pg), "DP701", SettingsFile, 76,
            "DATABASES[\"default\"] CONN_MAX_AGE is not set (0): a new database connection is opened for every request.");
        Assert.Equal(Severity.Info, f.Severity);
        var persistent = Module().Set("DATABASES", D(("default", D(("ENGINE", S("django.db.backends.postgresql")), ("CONN_MAX_AGE", I(60))))), 76).Build();
        var pooled = Module().Set("DATABASES", D(("default", D(("ENGINE", S("django.db.backends.postgresql")), ("OPTIONS", D(("pool", B(true))))))), 76).Build();
        var sqlite = Module().Set("DATABASES", D(("default", D(("ENGINE", S("django.db.backends.sqlite3"))))), 76).Build();
        foreach (var s in new[] { persistent, pooled, sqlite })
            FindingAssert.None(new PersistentConnectionsOff().CheckSettings(s));
    }

    [Fact]
    public void DP702_fires_on_explicit_loaders_without_cache()
    {
        var engine = D(("BACKEND", S("django.template.backends.django.DjangoTemplates")),
            ("OPTIONS", D(("loaders", Ls("django.template.loaders.filesystem.Loader", "django.template.loaders.app_directories.Loader")))));
        FindingAssert.Single(new TemplateLoadersUncached().CheckSettings(Module().Set("TEMPLATES", L(engine), 54).Build()), "DP702", SettingsFile, 54,
            "TEMPLATES[0] sets OPTIONS[\"loaders\"] without the cached loader: templates are compiled on every render.");
        var cached = D(("BACKEND", S("django.template.backends.django.DjangoTemplates")),
            ("OPTIONS", D(("loaders", L(new Analysis.Settings.PyTuple([S(TemplateLoadersUncached.CachedLoader), Ls("django.template.loaders.filesystem.Loader")]))))));
        var implicitLoaders = D(("BACKEND", S("django.template.backends.django.DjangoTemplates")), ("APP_DIRS", B(true)));
        FindingAssert.None(new TemplateLoadersUncached().CheckSettings(Module().Set("TEMPLATES", L(cached), 54).Build()));
        FindingAssert.None(new TemplateLoadersUncached().CheckSettings(Module().Set("TEMPLATES", L(implicitLoaders), 54).Build()));
    }

    [Fact]
    public void DP703_fires_on_default_db_sessions_without_clearsessions()
    {
        var s = Module().Set("INSTALLED_APPS", Ls("django.contrib.sessions"), 18).Default("SESSION_ENGINE", S(DatabaseSessionsUncached.DbEngine)).Build();
        var f = FindingAssert.Single(new DatabaseSessionsUncached().CheckSettings(s, null), "DP703", SettingsFile, 18,
            "Sessions are stored in the database (Django's default SESSION_ENGINE) without a cache, and nothing runs clearsessions to delete expired ones.");
        Assert.Equal(Severity.Info, f.Severity);
        FindingAssert.None(new DatabaseSessionsUncached().CheckSettings(s, new SourceLocation("deploy/crontab", 2)));
        var cached = Module().Set("INSTALLED_APPS", Ls("django.contrib.sessions"), 18).Set("SESSION_ENGINE", S("django.contrib.sessions.backends.cached_db"), 107).Build();
        FindingAssert.None(new DatabaseSessionsUncached().CheckSettings(cached, null));
    }
}
