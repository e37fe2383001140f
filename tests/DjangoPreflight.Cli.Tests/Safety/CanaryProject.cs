using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Safety;

/// <summary>
/// A git-tracked Django project with canary secrets planted where real ones leak: a settings
/// literal, a database password, an email password, a committed .env, a compose file and a
/// compose default, a CI service password, a README deleted later, and a key that was committed
/// once and then removed (so it lives only in history).
/// </summary>
public sealed class CanaryProject : IDisposable
{
    private readonly TempDirectory _dir = new("dp-canary");

    public CanaryProject()
    {
        Root = _dir.Path;
        var settings = $$$"""
            import os
            SECRET_KEY = "{{{SettingsKey}}}"
            DEBUG = False
            ALLOWED_HOSTS = ["shop.example.com"]
            DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "shop", "USER": "shop", "PASSWORD": "{{{DatabasePassword}}}", "HOST": "db"}}
            EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "{{{EmailPassword}}}")
            CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ.get("REDIS_URL")}}
            """;
        _dir.Write("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'canary.settings')\n");
        _dir.Write("canary/__init__.py", "");
        _dir.Write("canary/settings.py", settings.Replace(SettingsKey, HistoryKey));
        _dir.Write("requirements.txt", "Django==4.2.11\n");
        Git("init", "-q", "-b", "main");
        Git("add", "-A");
        Git("commit", "-q", "-m", "first version, with a key we later rotate");
        _dir.Write("canary/settings.py", settings);
        _dir.Write(".env", $"DJANGO_SECRET_KEY={EnvKey}\nREDIS_URL=redis://:{RedisPassword}@cache:6379/0\n");
        _dir.Write("docker-compose.yml", $$"""
            services:
              db:
                image: postgres:16
                environment:
                  POSTGRES_PASSWORD: {{ComposePassword}}
              web:
                environment:
                  FIELD_ENCRYPTION_KEY: ${FIELD_ENCRYPTION_KEY:-{{ComposeDefaultKey}}}
            """);
        _dir.Write(".github/workflows/tests.yml", $"jobs:\n  test:\n    services:\n      postgres:\n        env:\n          POSTGRES_PASSWORD: {CiPassword}\n");
        _dir.Write("docs/README.md", $"Connect with DATABASE_URL=postgres://shop:{ReadmePassword}@db.internal/shop\n");
        Git("add", "-A");
        Git("commit", "-q", "-m", "rotate the key; add deployment");
        File.Delete(Path.Combine(Root, "docs", "README.md"));
        Git("add", "-A");
        Git("commit", "-q", "-m", "drop the old docs");
        EnvFile = Path.Combine(Root, ".env");
    }

    public string Root { get; }

    public string EnvFile { get; }

    // Distinct, random-looking canaries: a test searches every output for each of them.
    public const string SettingsKey = "django-insecure-q8#v2m!x7k(zr4t-w9p$e3n6b+y1u5h0c&j^a@f%l*d)s";
    public const string HistoryKey = "hk4!t9w2q7e(x5m-r8u3z6v1y0b#n$c+j&p^s@g%f*d)lao";
    public const string EnvKey = "ek7)w3t8q1m(z6x-v4r9y2u5n0b#c$j+p&s^g@f%d*lhaoi";
    public const string DatabasePassword = "DbCanary-7f3a9c2e5b8d1f4a6c0e";
    public const string EmailPassword = "MailCanary-2b7e4d9f1a6c3e8b5d0f";
    public const string RedisPassword = "RedisCanary-9d2f7b4e1c8a5f3d6b0e";
    public const string ComposePassword = "ComposeCanary-4c9e2a7f5d1b8e3c6a0f";
    public const string ComposeDefaultKey = "Cr7SQ/+FaeEyh22Ichl1HoFO2O0iv2uRWk8bKT5K+ZUO";
    public const string CiPassword = "ServiceCanary-8e1b6d3f9a4c7e2b5d0a";
    public const string ReadmePassword = "ReadmeCanary-5a0d7c2e9b4f1a6d3c8e";

    public static readonly string[] All =
        [SettingsKey, HistoryKey, EnvKey, DatabasePassword, EmailPassword, RedisPassword, ComposePassword, ComposeDefaultKey, CiPassword, ReadmePassword];

    public void Dispose() => _dir.Dispose();

    private void Git(params string[] args)
    {
        var result = ProcessRunner.Run("git", ["-c", "user.name=Canary", "-c", "user.email=canary@example.com", "-c", "commit.gpgsign=false", .. args],
            workingDirectory: Root);
        if (result.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)}: {result.Stderr}");
    }
}
