using DjangoPreflight.Core;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Safety;

/// <summary>
/// #22: the shapes in which <c>settings</c> printed a secret whole while the scan hid it. Each
/// shape is planted alone in a settings module; neither command, in text or JSON, may show it, nor
/// its tail. Each test first proves it can fail: the secret is in the project, and the setting or
/// the message holding it is in the output (redacted).
/// </summary>
public class SecretShapesRedactionTests
{
    public static TheoryData<string, string, string, string> Shapes() => new()
    {
        // shape, settings source, the secret, what names the place it would be printed
        { "a name ending _PWD", "DB_PWD = 'Pwd-s3kr1t-0041'\n", "Pwd-s3kr1t-0041", "DB_PWD" },
        { "a name ending _SALT", "SIGNING_SALT = 'Salt-s3kr1t-0042'\n", "Salt-s3kr1t-0042", "SIGNING_SALT" },
        { "a name ending _AUTH", "API_AUTH = 'Auth-s3kr1t-0043'\n", "Auth-s3kr1t-0043", "API_AUTH" },
        { "a password that is a number", "EMAIL_HOST_PASSWORD = 90817263544\n", "90817263544", "EMAIL_HOST_PASSWORD" },
        { "a password in a nested dict as a number", "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'PASSWORD': 4417263544}}\n", "4417263544", "DATABASES" },
        { "a libpq DSN", "PG_DSN = 'host=db user=app password=Dsn-s3kr1t-0044 dbname=app'\n", "Dsn-s3kr1t-0044", "PG_DSN" },
        { "a quoted libpq DSN", "PG_DSN = \"host=db password='Dsn s3kr1t 0045' dbname=app\"\n", "Dsn s3kr1t 0045", "PG_DSN" },
        { "a URL inside a longer string", "CACHE_NOTE = 'use redis://:Url-s3kr1t-0046@cache:6379/0 for the cache'\n", "Url-s3kr1t-0046", "CACHE_NOTE" },
        { "a URL's password in a dictionary key", "DATABASE_ROUTES = {'postgres://app:Key-s3kr1t-0049@db/app': 'primary'}\n", "Key-s3kr1t-0049", "DATABASE_ROUTES" },
        { "a provider token under an ordinary name", "DEPLOY_NOTE = 'ghp_Tok3nS3kr1tAbcdefghijklmnopqrstu0055'\n", "ghp_Tok3nS3kr1tAbcdefghijklmnopqrstu0055", "DEPLOY_NOTE" },
        { "a private key's body under an ordinary name",
          "SIGNING = '-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEAPemS3kr1tBody0056xyz\\n-----END RSA PRIVATE KEY-----\\n'\n",
          "MIIEpAIBAAKCAQEAPemS3kr1tBody0056xyz", "SIGNING" },
        { "a URL password holding @", "DATABASE_URL = 'postgres://app:At@s3kr1t-0047@db.example:5432/app'\n", "s3kr1t-0047", "DATABASE_URL" },
        { "a secret quoted in a raise message",
          "import os\nfrom django.core.exceptions import ImproperlyConfigured\nif os.environ.get('SECRET_KEY') != 'Raise-s3kr1t-0048':\n    raise ImproperlyConfigured(\"SECRET_KEY must be 'Raise-s3kr1t-0048'\")\n",
          "Raise-s3kr1t-0048", "ImproperlyConfigured" },
    };

    private static TempDirectory Project(string settings)
    {
        var temp = new TempDirectory("dp-secret-shape");
        temp.Write("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'h.settings')\n");
        temp.Write("h/__init__.py", "");
        temp.Write("h/settings.py", "DEBUG = False\nALLOWED_HOSTS = ['shop.example']\n" + settings);
        return temp;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void NeitherSettingsNorScanShowsIt(string shape, string settings, string secret, string place)
    {
        using var project = Project(settings);
        Assert.Contains(secret, File.ReadAllText(Path.Combine(project.Path, "h", "settings.py")));
        var tail = secret[^6..];
        foreach (var args in new[]
                 {
                     new[] { "settings", project.Path, "--format", "text" },
                     ["settings", project.Path, "--format", "json"],
                     ["scan", project.Path, "--no-history", "--format", "text"],
                     ["scan", project.Path, "--no-history", "--format", "json"],
                 })
        {
            var run = CliRun.InMemory(args);
            var output = run.Stdout + run.Stderr;
            Assert.True(run.ExitCode is 0 or 1, $"{shape}, {string.Join(' ', args)}: exit {run.ExitCode} {run.Stderr}");
            if (args[0] == "settings") Assert.Contains(place, output);
            Assert.False(output.Contains(secret, StringComparison.Ordinal), $"{shape}: {string.Join(' ', args)} shows the secret");
            Assert.False(output.Contains(tail, StringComparison.Ordinal), $"{shape}: {string.Join(' ', args)} shows the secret's tail");
        }
    }

    [Theory]
    [InlineData("postgres://app:p@ss@db/x", "postgres://app:p… (4 chars)@db/x")]
    [InlineData("see postgres://u:pw123456789@h:5432/d and more", "see postgres://u:pw12… (11 chars)@h:5432/d and more")]
    [InlineData("redis://cache:6379/0", "redis://cache:6379/0")]
    [InlineData("https://user@example.com/", "https://user@example.com/")]
    [InlineData("host=db password=hunter22 port=5432", "host=db password=hu… (8 chars) port=5432")]
    [InlineData("dbname=x PASSWORD = 'a b c d e f'", "dbname=x PASSWORD = 'a b … (11 chars)'")]
    [InlineData("PASSWORD_HASHERS=['x']", "PASSWORD_HASHERS=['x']")]
    public void SecretTextFindsPasswordsInFreeText(string text, string shown) =>
        Assert.Equal(shown, SecretText.Redact(text));
}
