using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Analysis.Tests.Settings;

/// <summary>os.environ, django-environ, python-decouple, dj-database-url and pydantic-settings under
/// a profile, and what each setting becomes when a variable it reads is missing.</summary>
public class EnvLibraryTests
{
    private static Setting Get(string source, string name, params (string, string)[] env) => TempProject.Settings(source, env).Model[name]!;

    [Fact]
    public void Os_environ_get_reads_the_profile_and_records_the_variable()
    {
        var s = Get("import os\nDEBUG = os.environ.get('DJANGO_DEBUG', 'False') == 'True'\n", "DEBUG", ("DJANGO_DEBUG", "True"));
        Assert.Equal(new PyBool(true), s.Value);
        Assert.Equal(["DJANGO_DEBUG"], s.EnvVars);
        Assert.Empty(s.UnsetEnvVars);
        Assert.Equal(new PyBool(false), s.WhenMissing["DJANGO_DEBUG"]);
    }

    [Fact]
    public void File_aware_env_reads_a_variable_from_the_file_its_FILE_variable_names()
    {
        const string source = "import environ\nenv = environ.FileAwareEnv()\nSECRET_KEY = env('SECRET_KEY', default='dev-key')\nDEBUG = env.bool('DEBUG', default=False)\n";
        // The secret comes from a mounted file the scan never reads: unknown, never the default.
        var fromFile = Get(source, "SECRET_KEY", ("SECRET_KEY_FILE", "/run/secrets/django_key"));
        Assert.Contains("/run/secrets/django_key", Assert.IsType<PyUnknown>(fromFile.Value).Reason, StringComparison.Ordinal);
        Assert.Contains("SECRET_KEY_FILE", fromFile.EnvVars);
        // Without X_FILE it reads X like Env, and the fallback stays visible.
        var plain = Get(source, "SECRET_KEY", ("SECRET_KEY", "from-the-environment"));
        Assert.Equal(new PyStr("from-the-environment"), plain.Value);
        Assert.Equal(new PyStr("dev-key"), Get(source, "SECRET_KEY").WhenMissing["SECRET_KEY"]);
        Assert.Equal(new PyBool(true), Get(source, "DEBUG", ("DEBUG", "on")).Value);
    }

    [Fact]
    public void Fail_open_default_shows_when_the_variable_is_missing()
    {
        var s = Get("import os\nDEBUG = os.getenv('DJANGO_DEBUG', '1') == '1'\n", "DEBUG");
        Assert.Equal(new PyBool(true), s.Value);
        Assert.Equal(["DJANGO_DEBUG"], s.UnsetEnvVars);
        Assert.Equal(new PyBool(true), s.WhenMissing["DJANGO_DEBUG"]);
    }

    [Fact]
    public void Fail_fast_lookup_is_unknown_with_a_reason_that_says_it_raises()
    {
        var (model, _) = TempProject.Settings("import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nDEBUG = False\n", ("DJANGO_SECRET_KEY", "abc"));
        var s = model["SECRET_KEY"]!;
        Assert.Equal(new PyStr("abc"), s.Value);
        var missing = Assert.IsType<PyUnknown>(s.WhenMissing["DJANGO_SECRET_KEY"]);
        Assert.Contains("raises KeyError", missing.Reason);
        Assert.Empty(model.Raises);

        var (unset, _) = TempProject.Settings("import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\nDEBUG = False\n");
        Assert.Contains("raises KeyError", Assert.IsType<PyUnknown>(unset["SECRET_KEY"]!.Value).Reason);
        Assert.Equal(new PyBool(false), unset["DEBUG"]!.Value);
        var raise = Assert.Single(unset.Raises);
        Assert.StartsWith("proj/settings.py:2: KeyError:", raise);
    }

    [Fact]
    public void Control_dependencies_are_recorded()
    {
        var s = Get("import os\nPROD = os.environ.get('ENV') == 'prod'\nif PROD:\n    SECURE_SSL_REDIRECT = True\nelse:\n    SECURE_SSL_REDIRECT = False\n",
            "SECURE_SSL_REDIRECT", ("ENV", "prod"));
        Assert.Equal(new PyBool(true), s.Value);
        Assert.Equal(["ENV"], s.EnvVars);
        Assert.Equal(new PyBool(false), s.WhenMissing["ENV"]);
        Assert.Equal(4, s.Source!.Line);
    }

    [Fact]
    public void A_value_a_branch_not_taken_would_replace_depends_on_the_condition()
    {
        // MAILERS and DATABASES keep their first values only because the conditions are false: they
        // depend on EMAIL_HOST and DB although no statement that assigns them reads either.
        const string source = """
            import os
            MAILERS = {}
            if os.getenv("EMAIL_HOST"):
                MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}
            DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3"}}
            if os.getenv("DB") == "postgres":
                pass
            else:
                DATABASES["default"]["NAME"] = "db.sqlite3"
            """;
        var (m, _) = TempProject.Settings(source);
        Assert.Equal(["EMAIL_HOST"], m["MAILERS"]!.EnvVars);
        Assert.Equal(["EMAIL_HOST"], m["MAILERS"]!.UnsetEnvVars);
        Assert.Equal(2, m["MAILERS"]!.Source!.Line);
        Assert.Equal(["DB"], m["DATABASES"]!.EnvVars);
        var (set, _) = TempProject.Settings(source, ("EMAIL_HOST", "smtp.example.com"), ("DB", "postgres"));
        Assert.Equal(["EMAIL_HOST"], set["MAILERS"]!.EnvVars);
        Assert.Equal(["DB"], set["DATABASES"]!.EnvVars);
    }

    [Fact]
    public void Django_environ_schemes_casts_and_urls()
    {
        var (m, _) = TempProject.Settings("""
            import environ
            env = environ.Env(DEBUG=(bool, False), PORT=(int, 8000))
            DEBUG = env('DEBUG')
            PORT = env('PORT')
            HOSTS = env.list('HOSTS', default=['a'])
            DATABASES = {'default': env.db('DATABASE_URL', default='sqlite:////tmp/x.db')}
            KEY = env.str('MISSING_KEY', default='k')
            """, ("DEBUG", "on"), ("HOSTS", "x.com,y.com"), ("DATABASE_URL", "postgres://u:p%40ss@db:5433/shop"));
        Assert.Equal(new PyBool(true), m["DEBUG"]!.Value);
        Assert.Equal(new PyInt(8000), m["PORT"]!.Value);
        Assert.Equal("['x.com', 'y.com']", PyRepr.Of(m["HOSTS"]!.Value));
        Assert.Equal("{'default': {'NAME': 'shop', 'USER': 'u', 'PASSWORD': 'p@ss', 'HOST': 'db', 'PORT': 5433, 'ENGINE': 'django.db.backends.postgresql_psycopg2'}}",
            PyRepr.Of(m["DATABASES"]!.Value));
        Assert.Equal(new PyBool(false), m["DEBUG"]!.WhenMissing["DEBUG"]);
    }

    [Fact]
    public void Django_environ_missing_without_default_raises_improperly_configured()
    {
        var s = Get("import environ\nenv = environ.Env()\nSECRET_KEY = env('SECRET_KEY')\n", "SECRET_KEY");
        Assert.Contains("raises ImproperlyConfigured", Assert.IsType<PyUnknown>(s.Value).Reason);
    }

    [Fact]
    public void Decouple_config_with_casts_and_csv()
    {
        var (m, _) = TempProject.Settings("""
            from decouple import config, Csv
            DEBUG = config('DEBUG', default=False, cast=bool)
            HOSTS = config('HOSTS', cast=Csv())
            AGE = config('AGE', default='60', cast=int)
            """, ("DEBUG", "yes"), ("HOSTS", "a.com, 'b,c.com' ,d"));
        Assert.Equal(new PyBool(true), m["DEBUG"]!.Value);
        Assert.Equal("['a.com', 'b,c.com', 'd']", PyRepr.Of(m["HOSTS"]!.Value));
        Assert.Equal(new PyInt(60), m["AGE"]!.Value);
        Assert.Equal(new PyBool(false), m["DEBUG"]!.WhenMissing["DEBUG"]);
        Assert.Contains("raises UndefinedValueError", Assert.IsType<PyUnknown>(m["HOSTS"]!.WhenMissing["HOSTS"]).Reason);
    }

    [Fact]
    public void Dj_database_url_config_and_parse()
    {
        var (m, _) = TempProject.Settings("""
            import dj_database_url
            DATABASES = {'default': dj_database_url.config(default='sqlite:///db.sqlite3', conn_max_age=600, ssl_require=True)}
            """, ("DATABASE_URL", "postgres://shop:s3cr3t@db.internal:5432/shop"));
        Assert.Equal("{'default': {'NAME': 'shop', 'USER': 'shop', 'PASSWORD': 's3cr3t', 'HOST': 'db.internal', 'PORT': 5432, 'CONN_MAX_AGE': 600, 'OPTIONS': {'sslmode': 'require'}, 'ENGINE': 'django.db.backends.postgresql_psycopg2'}}",
            PyRepr.Of(m["DATABASES"]!.Value));
        Assert.Equal("{'default': {'NAME': 'db.sqlite3', 'USER': '', 'PASSWORD': '', 'HOST': '', 'PORT': '', 'CONN_MAX_AGE': 600, 'OPTIONS': {'sslmode': 'require'}, 'ENGINE': 'django.db.backends.sqlite3'}}",
            PyRepr.Of(m["DATABASES"]!.WhenMissing["DATABASE_URL"]));
    }

    [Fact]
    public void Pydantic_settings_fields_read_prefixed_variables()
    {
        var (m, _) = TempProject.Settings("""
            from pydantic_settings import BaseSettings, SettingsConfigDict
            class AppSettings(BaseSettings):
                model_config = SettingsConfigDict(env_prefix="APP_")
                debug: bool = False
                secret_key: str
                hosts: list[str] = ["localhost"]
            s = AppSettings()
            DEBUG = s.debug
            SECRET_KEY = s.secret_key
            ALLOWED_HOSTS = s.hosts
            """, ("APP_DEBUG", "true"), ("APP_SECRET_KEY", "xyz"), ("APP_HOSTS", "[\"a.com\"]"));
        Assert.Equal(new PyBool(true), m["DEBUG"]!.Value);
        Assert.Equal(new PyStr("xyz"), m["SECRET_KEY"]!.Value);
        Assert.Equal("['a.com']", PyRepr.Of(m["ALLOWED_HOSTS"]!.Value));
        Assert.Contains("APP_DEBUG", m["DEBUG"]!.EnvVars);
    }

    [Fact]
    public void Setdefault_in_the_settings_feeds_later_reads()
    {
        var s = Get("import os\nos.environ.setdefault('MODE', 'prod')\nDEBUG = os.environ['MODE'] != 'prod'\n", "DEBUG");
        Assert.Equal(new PyBool(false), s.Value);
    }
}
