using DjangoPreflight.Analysis.Git;

namespace DjangoPreflight.Analysis.Tests.Git;

public class SecretScannerTests
{
    // 50 characters of get_random_secret_key()'s alphabet, as Django generates them.
    public const string DjangoKey = "k3#x9!v2@q7$w1%e5^r8&t4*y6(u0-i_o=p+a)s-d_f=g+h!jz";

    private static SecretMatch Single(string path, string text)
    {
        var matches = SecretScanner.Scan(path, text);
        return Assert.Single(matches);
    }

    [Fact]
    public void A_compose_file_whose_aliases_name_a_billion_mappings_is_judged_without_opening_them_all()
    {
        // Its YAML is read to tell whether it runs only datastores: within the merge budget, and once.
        var match = Single("docker-compose.yml", Deployment.ComposeFileTests.BillionLaughs("Qm7vR2xL9pT4kW8nZ3cJ6"));
        Assert.Equal(("SECRET_KEY", null), (match.Kind, match.Context));
        // A version without a secret: nothing (its YAML is read only for a secret's context).
        Assert.Empty(SecretScanner.Scan("docker-compose.yml", Deployment.ComposeFileTests.BillionLaughs("${SECRET_KEY}")));
    }

    [Fact]
    public void The_test_key_has_the_shape_of_a_generated_key()
    {
        Assert.Equal(50, DjangoKey.Length);
        Assert.True(SecretScanner.IsDjangoGeneratedKey(DjangoKey));
    }

    [Fact]
    public void Finds_a_secret_key_assignment_in_settings()
    {
        var m = Single("shop/settings.py", $"import os\n\nSECRET_KEY = '{DjangoKey}'\n");
        Assert.Equal(("SECRET_KEY", 3, DjangoKey), (m.Kind, m.Line, m.Value));
        Assert.Equal("k3#x… (50 chars)", m.Redacted);
    }

    [Fact]
    public void Finds_a_startproject_insecure_key()
    {
        var m = Single("settings.py", "SECRET_KEY = \"django-insecure-" + DjangoKey + "\"\n");
        Assert.Equal("SECRET_KEY", m.Kind);
        Assert.StartsWith("djan… (66 chars)", m.Redacted);
    }

    [Fact]
    public void Finds_a_django_key_under_any_name_and_in_an_env_lookup_default()
    {
        Assert.Equal("Django secret key", Single("conf.py", $"KEY = \"{DjangoKey}\"").Kind);
        // Names without a secret's word: only the key's own length lets the line through to the pattern.
        Assert.Equal("Django secret key", Single(".env", $"DJANGO_APP_CONF={DjangoKey}").Kind);
        Assert.Equal("Django secret key", Single("deploy.yml", $"  app_salt: django-insecure-{DjangoKey[..30]}").Kind);
        Assert.Equal("SECRET_KEY", Single("settings.py", $"SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '{DjangoKey}')").Kind);
        Assert.Equal("SECRET_KEY", Single("settings.py", $"SECRET_KEY = config(\"SECRET_KEY\", default=\"{DjangoKey}\")").Kind);
    }

    [Fact]
    public void Finds_secrets_in_env_compose_and_dockerfile_syntax()
    {
        Assert.Equal(("SECRET_KEY", 2), Pair(Single(".env", $"DEBUG=0\nDJANGO_SECRET_KEY={DjangoKey}\n")));
        Assert.Equal(("password (POSTGRES_PASSWORD)", 4), Pair(Single("docker-compose.yml",
            "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: Tr0ub4dor-horse-77\n")));
        Assert.Equal(("password (DB_PASSWORD)", 1), Pair(Single("docker-compose.yml", "      - DB_PASSWORD=Tr0ub4dor-horse-77")));
        Assert.Equal(("token (API_TOKEN)", 2), Pair(Single("Dockerfile", "FROM python:3.12\nENV API_TOKEN 9f8e7d6c5b4a39f8e7d6\n")));
        Assert.Equal(("password (EMAIL_HOST_PASSWORD)", 1), Pair(Single("settings.py", "EMAIL_HOST_PASSWORD = 'Tr0ub4dor-horse-77'")));
        Assert.Equal(("password (PASSWORD)", 1), Pair(Single("settings.py", "        'PASSWORD': 'Tr0ub4dor-horse-77',")));
    }

    [Fact]
    public void Finds_credential_urls_and_sentry_dsns()
    {
        Assert.Equal(("postgres:// URL password", 1), Pair(Single("app.json", "\"DATABASE_URL\": \"postgres://shop:9fQ2-xL7@db.internal:5432/shop\"")));
        Assert.Equal(("redis:// URL password", 1), Pair(Single(".env", "REDIS_URL=redis://:Zx81kQpw3@cache:6379/0")));
        Assert.Equal(("amqp:// URL password", 1), Pair(Single("Procfile", "worker: CELERY_BROKER=amqp://app:R4bb1t-q8@mq//  celery -A shop worker")));
        Assert.Equal(("Sentry DSN with secret key", 1), Pair(Single("settings.py", "SENTRY_DSN = 'https://0a1b2c3d4e:9f8e7d6c5b@sentry.io/42'")));
    }

    [Fact]
    public void Finds_aws_and_well_known_tokens()
    {
        Assert.Equal("AWS access key ID", Single(".env", "AWS_ACCESS_KEY_ID=AKIAZ7Q3MXK2P4R8T6WV").Kind);
        Assert.Equal("AWS secret access key", Single(".env", "AWS_SECRET_ACCESS_KEY=q8Jt3vZ0mXk2P4r8T6wV1yB5nC7dF9gH0jL2sA4e").Kind);
        Assert.Equal("GitHub token", Single(".github/workflows/ci.yml", "run: curl -H 'Authorization: token ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5' x").Kind);
    }

    [Theory]
    [InlineData("settings.py", "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']")]
    [InlineData("settings.py", "SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY')")]
    [InlineData("settings.py", "SECRET_KEY = env('SECRET_KEY', default='changeme')")]
    [InlineData("settings.py", "SECRET_KEY = 'your-secret-key-here'")]
    [InlineData("settings.py", "SECRET_KEY = get_random_secret_key()")]
    [InlineData("settings.py", "SECRET_KEY = f'{PREFIX}-key-{SUFFIX}'")]
    [InlineData("settings.py", "PASSWORD_RESET_TIMEOUT = 259200")]
    [InlineData("settings.py", "AUTH_PASSWORD_VALIDATORS = [{'NAME': 'x'}]")]
    [InlineData("settings.py", "'PASSWORD': os.environ['DB_PASSWORD'],")]
    [InlineData("settings.py", "'PASSWORD': '',")]
    [InlineData(".env.example", "SECRET_KEY=<generate one>")]
    [InlineData(".env", "DB_PASSWORD=${DB_PASSWORD}")]
    [InlineData(".env", "DB_PASSWORD=$DB_PASSWORD")]
    [InlineData("docker-compose.yml", "      POSTGRES_PASSWORD: postgres")]
    [InlineData("docker-compose.yml", "      POSTGRES_PASSWORD_FILE: /run/secrets/db_password")]
    [InlineData("docker-compose.yml", "      DATABASE_URL: postgres://postgres:postgres@db:5432/postgres")]
    [InlineData(".github/workflows/ci.yml", "          DJANGO_SECRET_KEY: ${{ secrets.DJANGO_SECRET_KEY }}")]
    [InlineData(".github/workflows/ci.yml", "          POSTGRES_PASSWORD: password")]
    [InlineData("Dockerfile", "RUN SECRET_KEY=dummy-key-for-collectstatic python manage.py collectstatic --noinput")]
    [InlineData("README.md", "Set `DATABASE_URL=postgres://user:password@localhost/db` in your .env")]
    [InlineData("README.md", "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE")]
    [InlineData("settings.py", "CACHE_KEY_PREFIX = 'abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij'")]
    [InlineData("settings.py", "CHECKSUM = '0123456789abcdef0123456789abcdef0123456789abcdef01'")]
    [InlineData("settings.py", "SECRET_KEY = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'")]
    public void Placeholders_references_and_near_misses_are_not_secrets(string path, string line) =>
        Assert.Empty(SecretScanner.Scan(path, line));

    [Fact]
    public void Each_secret_is_reported_once_per_file_and_never_whole_in_its_redaction()
    {
        var text = $"SECRET_KEY = '{DjangoKey}'\nSECRET_KEY_FALLBACKS = ['{DjangoKey}']\n";
        var m = Single("settings.py", text);
        Assert.DoesNotContain(DjangoKey, m.Redacted);
        Assert.DoesNotContain(DjangoKey, m.ToString());
    }

    [Fact]
    public void Binary_content_is_skipped()
    {
        Assert.Empty(SecretScanner.Scan(".env", "SECRET_KEY=" + DjangoKey + "\0\u0001"));
    }

    private static (string, int) Pair(SecretMatch m) => (m.Kind, m.Line);
}
