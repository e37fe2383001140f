using DjangoPreflight.Analysis.Git;

namespace DjangoPreflight.Analysis.Tests.Git;

/// <summary>
/// Planted look-alikes, one per class of false alarm seen on real projects (the shapes, written
/// anew: placeholders, code, names, prose, public identifiers, test fixtures), beside planted
/// secrets of the same shapes that must still be found.
/// </summary>
public class SecretLookAlikeTests
{
    private const string Key = SecretScannerTests.DjangoKey;

    // Made for these tests: 50 characters of Django's alphabet (no '$', which compose would expand), a lower-case 50, a 32 and a 44 of base64.
    private const string OtherKey = "a311tt+5-!2@^a-ldxm3yvly*zrh64%pt+skz(f0^6qx%#+egd";
    private const string PlainKey = "zausdywin0m3yn8datrs81v0gxz7vtcf77m6iowkhfchryw492";
    private const string Token32 = "t1NsbSYcwqZcjOcfCAyr1jizDIYEIRE7";
    private const string AesKey = "Cr7SQ/+FaeEyh22Ichl1HoFO2O0iv2uRWk8bKT5K+ZUO";

    [Theory]
    // Placeholders and template expressions.
    [InlineData("shop/settings.py", "SECRET_KEY = '!!!SET DJANGO_SECRET_KEY!!!'")]
    [InlineData(".env", "DJANGO_SECRET_KEY=RANDOM_SECRET_KEY")]
    [InlineData("Dockerfile", "ENV SECRET_KEY irrelevant")]
    [InlineData(".docker/static/Dockerfile", "ENV SECRET_KEY invalid")]
    [InlineData("core/settings.py", "SECRET_KEY = '------------- not a valid secret key ! -------------'")]
    [InlineData("docs/install/README.md", "SECRET_KEY=TOGENERATE")]
    [InlineData("docker-compose.yml", "      - ADMIN_PASSWORD=AnySecretPassword")]
    [InlineData("settings/main.py", "SECRET_KEY = os.environ.get('SECRET_KEY', 'shop-django-secret-key')")]
    [InlineData("settings/main.py", "_DEFAULT_KEYS = {'shop-docker-supersecret-key-q8x2m9w4r7t1z6v3b0n5kx'}")]
    [InlineData("deployment/settings.py", "    SECRET_KEY = 'SECRET4TESTS'")]
    [InlineData("settings/main.py", "    'shop-docker-secret-jwtkey-1234567890!@#%^&*(-_=+)x',")]
    [InlineData("docker-compose.yml", "  BROKER_PASSWORD: ${BROKER_PASSWORD:-admin123}")]
    [InlineData("README.md", "          API_TOKEN: ${{ secrets.API_TOKEN }}")]
    // Code: environment lookups, calls, subscripts, shell substitutions, patterns.
    [InlineData("README.md", "    'PASSWORD': os.env['DB_PASSWORD'],")]
    [InlineData("README.md", "request_token = Client.get_request_token(consumer_key=key)")]
    [InlineData("README.md", "access_token = credentials['access_token']")]
    [InlineData("README.md", "Then set SECRET_KEY=`openssl rand -base64 32` in the environment.")]
    [InlineData(".env", "SECRET_KEY=$(openssl rand -hex 32)")]
    [InlineData(".github/workflows/lint.yml", "        run: sed -i 's/BOOT_TOKEN:.*/BOOT_TOKEN: XYZ/' config.yml")]
    [InlineData("docs/README.md", "this.$cookies.set(\"token\",value)")]
    // Names rather than values.
    [InlineData("shop/settings/auth.py", "AUTH_BACKEND_SSO_PASSWORD = 'shop.auth.backends.SsoPasswordBackend'")]
    [InlineData("shop/settings.py", "    'reset_password': 'shop.forms.StrictPasswordResetForm',")]
    [InlineData("apps/settings/api.py", "    fields = ['MAIL_HOST', 'MAIL_HOST_PASSWORD', 'MAIL_FROM']")]
    [InlineData("apps/settings/migrations/0007_rename.py", "        ('CHAT_APP_SECRET', 'TEAMS_APP_SECRET'),")]
    [InlineData("forum/settings.py", "    {\"setting\": \"sso_private_key\", \"is_public\": False},")]
    [InlineData("netbox/settings.py", "for setting in ['DATABASE', 'SECRET_KEY', 'ALLOWED_HOSTS']:")]
    [InlineData(".env", "WEBHOOK_SECRET=APP_SHARED_SECRET")]
    [InlineData("shop/settings.py", "NUTRITION_API_KEY = os.getenv('NUTRITION_API_KEY', 'DEMO_KEY')")]
    [InlineData("shop/settings.py", "    'change_password': '1/m/user',")]
    [InlineData("shop/settings.py", "chars = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)'")]
    [InlineData("shop/settings.py", "TOKEN_MIGRATION = '0012_token_rotation'")]
    // Prose and published identifiers.
    [InlineData("shop/settings.py", "    'password': 'Require password for merging',")]
    [InlineData("README.md", "Demo: https://demo.shop.example username: demo password: shopdemo")]
    [InlineData("README.md", "<script src=\"https://cdn.example/widget.js\" data-api-key=\"live.k8Jd7s6F5g4H3j2K1l0\"></script>")]
    [InlineData("README.md", "[![coverage](https://codecov.example/gh/o/r/graph/badge.svg?token=Q1W2E3R4T5)](https://codecov.example)")]
    // Test fixtures and third-party code.
    [InlineData("apps/settings/tests.py", "PEM = '-----BEGIN PRIVATE KEY-----\\nsecret'")]
    [InlineData("shop/tests/settings.py", "SECRET_KEY = '" + Key + "'")]
    [InlineData("node_modules/cookies/README.md", "cookies.set(\"token\",\"GH1.1.1689020474.1484362313\",\"60s\")")]
    // A literal compared against, and commented-out examples.
    [InlineData("deployment/settings.py", "if SECRET_KEY == '" + Key + "':")]
    [InlineData("shop/settings.py", "#  EMAIL_HOST_PASSWORD = 'smtp_pw_4711x'")]
    [InlineData(".env.dev", "#SECRET_KEY = abcdef....")]
    [InlineData("jwt/settings.py", "JWT_SIGNING_KEY = 'secret4tests-never-in-production'")]
    public void A_look_alike_is_not_a_secret(string path, string line) =>
        Assert.Empty(SecretScanner.Scan(path, line));

    [Theory]
    // The secrets behind the look-alikes: same names, same files, real values.
    [InlineData("shop/settings/auth.py", "SSO_CLIENT_SECRET = '" + Token32 + "'", "secret (SSO_CLIENT_SECRET)")]
    [InlineData("shop/settings.py", "EMAIL_HOST_PASSWORD = 'qm7%Lz!'", "password (EMAIL_HOST_PASSWORD)")]
    [InlineData("shop/settings.py", "SECRET_KEY = 'hk4!t9w2q7e(x5m-r8u3z6v1y0b#n$c+j&p^s@g%f*d)lao'", "SECRET_KEY")]
    [InlineData(".env.production", "DB_PASSWORD=Qm7set9Zx2ciT4myW8", "password (DB_PASSWORD)")]
    [InlineData("README.md", "    'PASSWORD': 'U9Ue2ApC0yz1VezgdEsD',", "password (PASSWORD)")]
    [InlineData("shop/settings.py", "EVENT_SUBMISSION_KEY = '" + Token32 + "x9'", "key (EVENT_SUBMISSION_KEY)")]
    [InlineData("shop/settings.py", "# SECRET_KEY = '" + Key + "'", "SECRET_KEY")]
    [InlineData(".env.production", "# DB_PASSWORD=" + Token32 + "Q7", "password (DB_PASSWORD)")]
    [InlineData("docker-compose.yml", "      SECRET_KEY: qweqweqweqw", "SECRET_KEY")]
    [InlineData("docker-compose.yml", "      DATABASE_URL: postgresql://shop:shop@db/shop", "postgresql:// URL password")]
    [InlineData("config/settings/base.py", "        default='" + Token32 + "-Zq8',", "secret (an env lookup's default)")]
    [InlineData(".github/workflows/ci.yml", "        run: curl -H 'Authorization: token ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5' x", "GitHub token")]
    public void A_secret_of_the_same_shape_is_found(string path, string line, string kind) =>
        Assert.Equal(kind, Assert.Single(SecretScanner.Scan(path, line)).Kind);

    [Fact]
    public void Compose_dockerfile_and_env_defaults_are_the_values_production_gets_when_unset()
    {
        var compose = $$"""
            x-app-env: &app-env
              DEBUG: ${DEBUG:-0}
              DATABASE_URL: ${DATABASE_URL:-postgresql://shop:shop@db/shop}
              SECRET_KEY: ${SECRET_KEY:-{{PlainKey}}}
              LIVE_SECRET_KEY: ${LIVE_SECRET_KEY-{{Token32}}}
              BROKER_URL: ${BROKER_URL:-amqp://${MQ_USER:-shop}:${MQ_PASSWORD:-shop}@mq//}
              SIGNING_SECRET: ${SIGNING_SECRET:-}
            """;
        var found = SecretScanner.Scan("deploy/docker-compose.yml", compose);
        // The URL's password is the bundled database's, which production also runs with when DATABASE_URL is unset.
        Assert.Equal([("postgresql:// URL password", 3, null), ("SECRET_KEY", 4, "SECRET_KEY"), ("secret key (LIVE_SECRET_KEY)", 5, "LIVE_SECRET_KEY")],
            found.Select(m => (m.Kind, m.Line, m.DefaultOf)));
        Assert.All(found, m => Assert.Null(m.Context));

        var dockerfile = SecretScanner.Scan("Dockerfile", $"FROM python:3.12\nENV FIELD_ENCRYPTION_KEY=${{FIELD_ENCRYPTION_KEY:-{AesKey}}}\nENV DJANGO_KEY=${{DJANGO_KEY:-{OtherKey}}}\n");
        Assert.Equal([("secret (FIELD_ENCRYPTION_KEY)", 2), ("Django secret key", 3)], dockerfile.Select(m => (m.Kind, m.Line)));
        var env = Assert.Single(SecretScanner.Scan(".env.production", $"AES_KEY=${{AES_KEY:-{AesKey}}}\n"));
        Assert.Equal(("secret (AES_KEY)", "AES_KEY"), (env.Kind, env.DefaultOf));
    }

    [Theory]
    [InlineData(".github/workflows/tests.yml", "a CI file")]
    [InlineData(".gitlab-ci.yml", "a CI file")]
    [InlineData("docker-compose.local.yml", "a local development file")]
    [InlineData("development/dev.env", "a development file")]
    [InlineData("scripts/test-environments/postgres/compose.yml", "a test file")]
    [InlineData("shop/settings/test.py", "a test file")]
    [InlineData("shop/settings/ci.py", "a CI file")]
    [InlineData("settings/local_dev.py", "a local development file")]
    [InlineData(".env.example", "an example file")]
    [InlineData("devproject/settings.py", "a development project")]
    public void A_secret_outside_production_files_carries_the_reason(string path, string reason)
    {
        var line = path.EndsWith(".py", StringComparison.Ordinal) ? "DB_PASSWORD = 'U9Ue2ApC0yz1VezgdEsD'" : "      POSTGRES_PASSWORD: U9Ue2ApC0yz1VezgdEsD";
        Assert.Equal(reason, Assert.Single(SecretScanner.Scan(path, line)).Context);
    }

    [Theory]
    [InlineData("docker-compose.yml")]
    [InlineData("deploy/docker-compose.prod.yml")]
    [InlineData(".env.production")]
    [InlineData("shop/settings/production.py")]
    public void A_secret_in_a_file_production_may_read_has_no_context(string path)
    {
        var line = path.EndsWith(".py", StringComparison.Ordinal) ? "DB_PASSWORD = 'U9Ue2ApC0yz1VezgdEsD'" : "POSTGRES_PASSWORD: U9Ue2ApC0yz1VezgdEsD";
        Assert.Null(Assert.Single(SecretScanner.Scan(path, line)).Context);
    }

    [Fact]
    public void A_compose_file_whose_header_says_development_is_development_but_a_provider_token_in_it_is_not()
    {
        var text = "# This compose setup is only meant for local development of the app itself.\nservices:\n  db:\n    environment:\n"
            + "      POSTGRES_PASSWORD: U9Ue2ApC0yz1VezgdEsD\n      GH: ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5\n";
        var found = SecretScanner.Scan("docker-compose.yaml", text);
        Assert.Equal([("password (POSTGRES_PASSWORD)", "a development file (its header says so)"), ("GitHub token", null)],
            found.Select(m => (m.Kind, m.Context)));
    }

    [Fact]
    public void A_compose_file_of_datastores_alone_is_a_helper_stack_and_one_that_runs_the_app_is_not()
    {
        var helper = "services:\n  mongodb:\n    image: mongo\n    environment:\n      MONGO_INITDB_ROOT_PASSWORD: Qm7x-Lz2v9\n"
            + "  mongo-express:\n    image: mongo-express\n    ports:\n      - 8081:8081\n";
        Assert.Equal(["a compose file that runs only datastores (mongo-express, mongodb), not the app"],
            SecretScanner.Scan("tools/import/docker-compose.yml", helper).Select(m => m.Context));
        // The same database beside the app's own service is production's.
        var stack = helper + "  web:\n    build: .\n    command: gunicorn shop.wsgi\n";
        Assert.Equal([null], SecretScanner.Scan("tools/import/docker-compose.yml", stack).Select(m => m.Context));
    }

    [Fact]
    public void The_startproject_template_key_is_marked_and_a_key_elsewhere_is_not()
    {
        var template = $"# Quick-start development settings - unsuitable for production\nSECRET_KEY = '{Key}'\nDEBUG = True\nDB_PASSWORD = 'qm7%Lz!x'\n";
        var found = SecretScanner.Scan("shop/settings.py", template);
        Assert.Equal([("SECRET_KEY", true), ("password (DB_PASSWORD)", false)], found.Select(m => (m.Kind, m.Template)));
        Assert.False(Assert.Single(SecretScanner.Scan("shop/settings.py", template.Replace("DEBUG = True", "DEBUG = 'runserver' in sys.argv")),
            m => m.Kind == "SECRET_KEY").Template);
        // A base module that kept the template's comments and DEBUG but serves every host is no template.
        Assert.False(Assert.Single(SecretScanner.Scan("shop/settings/common.py", template + "ALLOWED_HOSTS = ['*']\n"),
            m => m.Kind == "SECRET_KEY").Template);
        // A single settings.py is the whole configuration: with DEBUG = True literal it is the development
        // template whatever hosts it lists (a LAN address, a CIDR Django does not read).
        foreach (var hosts in new[] { "ALLOWED_HOSTS = ['0.0.0.0/8']\n", "ALLOWED_HOSTS = ['192.168.1.20']\n" })
        {
            Assert.True(Assert.Single(SecretScanner.Scan("shop/settings.py", template + hosts), m => m.Kind == "SECRET_KEY").Template);
            Assert.False(Assert.Single(SecretScanner.Scan("shop/settings/base.py", template + hosts), m => m.Kind == "SECRET_KEY").Template);
        }
        // Without the literal DEBUG = True a settings.py serving hosts is production's, template comment or not.
        Assert.False(Assert.Single(SecretScanner.Scan("shop/settings.py", template.Replace("DEBUG = True", "DEBUG = False") + "ALLOWED_HOSTS = ['*']\n"),
            m => m.Kind == "SECRET_KEY").Template);
    }

    [Theory]
    [InlineData("pkg.backends.Class", NotSecretReason.Name)]
    [InlineData("APP_SHARED_SECRET", NotSecretReason.Name)]
    [InlineData("0005_add_sso_settings", NotSecretReason.Name)]
    [InlineData("Require password for merging", NotSecretReason.Prose)]
    [InlineData("12345678901234567890", NotSecretReason.Filler)]
    [InlineData("60/minute", NotSecretReason.Filler)]
    [InlineData("changeme", NotSecretReason.Placeholder)]
    [InlineData("$(openssl rand -hex 32)", NotSecretReason.Code)]
    [InlineData("get_token(request)", NotSecretReason.Code)]
    public void Each_look_alike_is_told_apart_by_its_reason(string value, NotSecretReason reason) =>
        Assert.Equal(reason, NotASecret.Why(value, quoted: false, prose: false));

    [Theory]
    [InlineData("U9Ue2ApC0yz1VezgdEsD")]
    [InlineData("qm7%Lz!")]
    [InlineData(Token32)]
    public void A_random_value_has_no_reason(string value) =>
        Assert.Null(NotASecret.Why(value, quoted: true, prose: false));
}
