using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Rules.Secrets;
using DjangoPreflight.Rules.Tests.Support;
using static DjangoPreflight.Rules.Tests.Support.Settings;

namespace DjangoPreflight.Rules.Tests.Checklist;

public class SecretsRulesTests
{
    private const string Key = "k8d!x0vq2-very-long-production-key-with-many-chars-0123456789";

    [Fact]
    public void DP101_fires_on_a_literal_key()
    {
        var s = Module().Set("SECRET_KEY", S(Key), 12).Build();
        FindingAssert.Single(new SecretKeyLiteral().CheckModules(s, [s]), "DP101", SettingsFile, 12,
            "SECRET_KEY is a string literal (k8d!… (61 chars)); read it from the environment or a secrets file.");
    }

    [Fact]
    public void DP101_fires_when_the_environment_lacks_the_variable_and_points_at_the_literal()
    {
        var prod = Module().Env("SECRET_KEY", S(Key), 6, "DJANGO_SECRET_KEY", S(Key), unset: true).Build("proj.production", "proj/production.py");
        var baseModule = Module().Set("SECRET_KEY", S(Key), 12).Build("proj.base", "proj/base.py");
        FindingAssert.Single(new SecretKeyLiteral().CheckModules(prod, [baseModule, prod]), "DP101", SettingsFile, 12,
            "The production SECRET_KEY is the literal k8d!… (61 chars) from the source, because the environment does not set DJANGO_SECRET_KEY.");
    }

    [Fact]
    public void DP101_is_silent_for_keys_from_the_environment_unknown_or_default()
    {
        var env = Module().Env("SECRET_KEY", S("from-env-value"), 6, "DJANGO_SECRET_KEY", S(Key)).Build();
        var unknown = Module().Set("SECRET_KEY", U("open() of a file"), 6).Build();
        var dflt = Module().Default("SECRET_KEY", S("")).Build();
        foreach (var s in new[] { env, unknown, dflt })
            FindingAssert.None(new SecretKeyLiteral().CheckModules(s, [s]));
    }

    [Fact]
    public void DP103_fires_on_a_literal_fallback_and_says_when_it_is_in_use()
    {
        var set = Module().Env("SECRET_KEY", S("from-env"), 6, "DJANGO_SECRET_KEY", S(Key)).Build();
        FindingAssert.Single(new SecretKeyFailsOpen().CheckSettings(set), "DP103", SettingsFile, 6,
            "SECRET_KEY falls back to a literal (k8d!… (61 chars)) when DJANGO_SECRET_KEY is missing.");
        var unset = Module().Env("SECRET_KEY", S(Key), 6, "DJANGO_SECRET_KEY", S(Key), unset: true).Build();
        FindingAssert.Single(new SecretKeyFailsOpen().CheckSettings(unset), "DP103", SettingsFile, 6,
            "SECRET_KEY falls back to a literal (k8d!… (61 chars)) when DJANGO_SECRET_KEY is missing. The active environment does not set it, so this default is the key in use.");
    }

    [Fact]
    public void DP103_is_silent_when_the_lookup_fails_fast_or_defaults_to_empty()
    {
        var raises = Module().Env("SECRET_KEY", S("from-env"), 6, "DJANGO_SECRET_KEY", U("KeyError: DJANGO_SECRET_KEY")).Build();
        var empty = Module().Env("SECRET_KEY", S("from-env"), 6, "DJANGO_SECRET_KEY", S("")).Build();
        var literal = Module().Set("SECRET_KEY", S(Key), 6).Build();
        foreach (var s in new[] { raises, empty, literal })
            FindingAssert.None(new SecretKeyFailsOpen().CheckSettings(s));
    }

    [Fact]
    public void DP104_fires_when_another_environment_inherits_productions_literal()
    {
        var baseModule = Module().Set("SECRET_KEY", S(Key), 12).Build("proj.base", "proj/settings.py");
        var dev = Module().Set("SECRET_KEY", S(Key), 12).Build("proj.dev", "proj/dev.py");
        var prod = Module().Set("SECRET_KEY", S(Key), 12).Build("proj.production", "proj/production.py");
        FindingAssert.Single(new SecretKeySharedAcrossModules().CheckModules(prod, [baseModule, dev, prod]), "DP104", SettingsFile, 12,
            "The production SECRET_KEY (k8d!… (61 chars)) is also the key of proj.dev.");
    }

    [Fact]
    public void DP104_is_silent_for_a_base_module_alone_or_different_keys()
    {
        var baseModule = Module().Set("SECRET_KEY", S(Key), 12).Build("proj.base", "proj/settings.py");
        var prod = Module().Set("SECRET_KEY", S(Key), 12).Build("proj.production", "proj/production.py");
        FindingAssert.None(new SecretKeySharedAcrossModules().CheckModules(prod, [baseModule, prod]));
        var dev = Module().Set("SECRET_KEY", S("another-key"), 3).Build("proj.dev", "proj/dev.py");
        FindingAssert.None(new SecretKeySharedAcrossModules().CheckModules(prod, [dev, prod]));
        var envProd = Module().Env("SECRET_KEY", S(Key), 4, "DJANGO_SECRET_KEY", U("KeyError")).Build("proj.production", "proj/production.py");
        var sameDev = Module().Set("SECRET_KEY", S(Key), 3).Build("proj.dev", "proj/dev.py");
        FindingAssert.None(new SecretKeySharedAcrossModules().CheckModules(envProd, [sameDev, envProd]));
    }

    [Fact]
    public void DP108_fires_on_literal_database_and_email_passwords_and_credential_urls()
    {
        var s = Module()
            .Set("DATABASES", D(("default", D(("ENGINE", S("django.db.backends.postgresql")), ("PASSWORD", S("Sh0pDb-secret"))))), 40)
            .Set("CELERY_BROKER_URL", S("redis://:hunter22@redis:6379/0"), 50)
            .Set("EMAIL_HOST_PASSWORD", S(""), 60)
            .Build();
        var findings = new CredentialLiteral().CheckModules(s, [s]).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Equal(("DP108", 50, "CELERY_BROKER_URL is a literal (hu… (8 chars)); read it from the environment."),
            (findings[0].RuleId, findings[0].Location.Line!.Value, findings[0].Message));
        Assert.Equal(("DP108", 40, "DATABASES[\"default\"][\"PASSWORD\"] is a literal (Sh0p… (13 chars)); read it from the environment."),
            (findings[1].RuleId, findings[1].Location.Line!.Value, findings[1].Message));
    }

    [Fact]
    public void DP108_reads_a_credential_URI_setting_as_a_URL()
    {
        // A storage service's connection string named *_URI (a sync service's Postgres storage).
        var s = Module().Set("SYNC_STORAGE_PG_URI", S("postgres://sync_storage:sync-pw-2291@db:5432/shop"), 12).Build();
        var finding = Assert.Single(new CredentialLiteral().CheckModules(s, [s]));
        Assert.Equal(("DP108", 12, "SYNC_STORAGE_PG_URI is a literal (sync… (12 chars)); read it from the environment."),
            (finding.RuleId, finding.Location.Line!.Value, finding.Message));
    }

    [Fact]
    public void DP108_says_a_fallback_production_deployment_files_override_at_low()
    {
        var prod = Module().Env("DATABASES", D(("default", D(("PASSWORD", S("from-env"))))), 30, "DB_PASSWORD",
            D(("default", D(("PASSWORD", S("devpass123")))))).Build("proj.production", "proj/production.py");
        var set = FindingAssert.Single(new CredentialLiteral().CheckModules(prod, [prod], setByDeployment: new HashSet<string> { "DB_PASSWORD" }), "DP108", SettingsFile, 30,
            "DATABASES[\"default\"][\"PASSWORD\"] falls back to a literal (devp… (10 chars)) when DB_PASSWORD is missing."
            + " Production's deployment files set it, so only a deployment that leaves it out uses the literal.");
        Assert.Equal(Core.Severity.Low, set.Severity);
        // Another variable set by the deployment leaves this fallback production's password when DB_PASSWORD is forgotten.
        var unset = Assert.Single(new CredentialLiteral().CheckModules(prod, [prod], setByDeployment: new HashSet<string> { "DB_HOST" }));
        Assert.Equal(Core.Severity.High, unset.Severity);
    }

    [Fact]
    public void DP108_reports_a_literal_fallback_and_other_modules_at_medium()
    {
        var prod = Module().Env("DATABASES", D(("default", D(("PASSWORD", S("from-env"))))), 30, "DB_PASSWORD",
            D(("default", D(("PASSWORD", S("devpass123")))))).Build("proj.production", "proj/production.py");
        FindingAssert.Single(new CredentialLiteral().CheckModules(prod, [prod]), "DP108", SettingsFile, 30,
            "DATABASES[\"default\"][\"PASSWORD\"] falls back to a literal (devp… (10 chars)) when DB_PASSWORD is missing.");
        var dev = Module().Set("EMAIL_HOST_PASSWORD", S("mailpass99"), 8).Build("proj.dev", "proj/dev.py");
        var f = FindingAssert.Single(new CredentialLiteral().CheckModules(Module().Build(), [dev]), "DP108", SettingsFile, 8,
            "EMAIL_HOST_PASSWORD is a literal in proj.dev (mail… (10 chars)); read it from the environment.");
        Assert.Equal(Core.Severity.Medium, f.Severity);
    }

    [Fact]
    public void DP108_ignores_env_values_placeholders_and_password_settings_that_are_not_secrets()
    {
        var s = Module()
            .Env("DATABASES", D(("default", D(("PASSWORD", S("from-env"))))), 30, "DB_PASSWORD", U("KeyError"))
            .Set("PASSWORD_HASHERS", Ls("django.contrib.auth.hashers.PBKDF2PasswordHasher"), 10)
            .Set("AUTH_PASSWORD_VALIDATORS", L(D(("NAME", S("x.MinimumLengthValidator")))), 11)
            .Set("REDIS_URL", S("redis://redis:6379/1"), 12)
            .Set("DATABASE_URL", S("postgres://u:${DB_PASSWORD}@db/shop"), 13)
            .Build();
        FindingAssert.None(new CredentialLiteral().CheckModules(s, [s]));
    }

    [Fact]
    public void DP111_fires_on_debug_toolbar_and_names_outside_internal_ips()
    {
        var s = Module()
            .Set("INSTALLED_APPS", Ls("django.contrib.admin", "debug_toolbar"), 48)
            .Set("MIDDLEWARE", Ls("debug_toolbar.middleware.DebugToolbarMiddleware", "django.middleware.security.SecurityMiddleware"), 49)
            .Set("INTERNAL_IPS", Ls("127.0.0.1", "10.0.0.2"), 50)
            .Build();
        var findings = new DevelopmentToolsEnabled().CheckSettings(s).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Equal("INSTALLED_APPS enables development-only debug_toolbar (django-debug-toolbar) in production. INTERNAL_IPS also lists 10.0.0.2.", findings[0].Message);
        Assert.Equal(48, findings[0].Location.Line);
        Assert.Equal("MIDDLEWARE enables development-only debug_toolbar.middleware.DebugToolbarMiddleware (django-debug-toolbar) in production.", findings[1].Message);
        Assert.Equal(49, findings[1].Location.Line);
    }

    [Fact]
    public void DP111_reports_silk_unless_gated_and_never_django_extensions_alone()
    {
        // django-extensions adds management commands only; nothing is served.
        FindingAssert.None(new DevelopmentToolsEnabled().CheckSettings(
            Module().Set("INSTALLED_APPS", Ls("django.contrib.admin", "django_extensions"), 18).Build()));

        var open = Module()
            .Set("INSTALLED_APPS", Ls("django.contrib.admin", "django_extensions", "silk"), 18)
            .Set("MIDDLEWARE", Ls("silk.middleware.SilkyMiddleware"), 19)
            .Set("SILKY_AUTHENTICATION", new PyBool(true), 20)
            .Set("SILKY_AUTHORISATION", new PyBool(true), 21);
        // Pages behind a login but every request recorded: still reported.
        Assert.Equal(
            ["INSTALLED_APPS enables development-only silk (django-silk) in production.",
             "MIDDLEWARE enables development-only silk.middleware.SilkyMiddleware (django-silk) in production."],
            new DevelopmentToolsEnabled().CheckSettings(open.Build()).Select(f => f.Message));
        // Recording chosen per request by a function the settings define, pages for permitted users only.
        FindingAssert.None(new DevelopmentToolsEnabled().CheckSettings(
            open.Set("SILKY_INTERCEPT_FUNC", new PyObjectValue("a function record_if_opted_in, not a plain value"), 22).Build()));
    }

    [Fact]
    public void DP111_is_silent_for_look_alike_apps()
    {
        var s = Module().Set("INSTALLED_APPS", Ls("django.contrib.admin", "debug_toolbar_custom", "silky_theme", "myproject.silk_report"), 18).Build();
        FindingAssert.None(new DevelopmentToolsEnabled().CheckSettings(s));
    }
}
