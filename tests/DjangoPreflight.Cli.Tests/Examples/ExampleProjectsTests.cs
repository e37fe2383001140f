namespace DjangoPreflight.Cli.Tests.Examples;

/// <summary>
/// The example projects are real Django projects: Debian's Django 3.2 loads them, its system
/// checks judge them, and their own test suites pass. These tests pin what `manage.py check` and
/// `manage.py check --deploy` say about each, which is the baseline django-preflight must cover.
/// </summary>
public sealed class ExampleProjectsTests
{
    private const string Dev = "shop.settings.dev";
    private const string Production = "shop.settings.production";

    /// <summary>What Django 3.2's deploy check reports for insecure-shop under deploy/production.env.</summary>
    private static readonly string[] InsecureDeployWarnings =
    [
        "security.W004", // SECURE_HSTS_SECONDS unset
        "security.W008", // SECURE_SSL_REDIRECT not True
        "security.W009", // SECRET_KEY prefixed django-insecure-
        "security.W012", // SESSION_COOKIE_SECURE not True
        "security.W016", // CSRF_COOKIE_SECURE not True
        "security.W018", // DEBUG True (DJANGO_DEBUG missing, default "True")
        "security.W019", // X_FRAME_OPTIONS = SAMEORIGIN
    ];

    [Theory]
    [InlineData(ExampleProject.Insecure)]
    [InlineData(ExampleProject.Hardened)]
    public void Check_WithDevSettings_ReportsNoIssues(string name)
    {
        using var project = ExampleProject.Copy(name);

        var result = DjangoManage.Run(project, Dev, null, "check", "--fail-level", "WARNING");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("System check identified no issues (0 silenced).", result.StandardOutput);
        Assert.Empty(DjangoManage.CheckIds(result));
    }

    [Fact]
    public void HardenedShop_DeployCheck_WithProductionEnv_ReportsNoIssues()
    {
        using var project = ExampleProject.Copy(ExampleProject.Hardened);

        var result = DjangoManage.Run(project, Production, DjangoManage.ProductionEnvironment(project),
            "check", "--deploy", "--fail-level", "WARNING");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("System check identified no issues (0 silenced).", result.StandardOutput);
    }

    [Fact]
    public void InsecureShop_DeployCheck_WithProductionEnv_ReportsExactlyThePinnedWarnings()
    {
        using var project = ExampleProject.Copy(ExampleProject.Insecure);

        var result = DjangoManage.Run(project, Production, DjangoManage.ProductionEnvironment(project),
            "check", "--deploy", "--fail-level", "WARNING");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(InsecureDeployWarnings, DjangoManage.CheckIds(result));
        Assert.Contains($"System check identified {InsecureDeployWarnings.Length} issues (0 silenced).", result.StandardError);
    }

    [Fact]
    public void InsecureShop_DeployCheck_DebugWarningComesFromTheMissingVariable()
    {
        // DEBUG fails open: only because production.env lacks DJANGO_DEBUG is W018 reported.
        using var project = ExampleProject.Copy(ExampleProject.Insecure);
        var environment = DjangoManage.ProductionEnvironment(project);
        Assert.False(environment.ContainsKey("DJANGO_DEBUG"));
        environment["DJANGO_DEBUG"] = "false";

        var result = DjangoManage.Run(project, Production, environment, "check", "--deploy", "--fail-level", "WARNING");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(InsecureDeployWarnings.Where(id => id != "security.W018"), DjangoManage.CheckIds(result));
    }

    [Theory]
    [InlineData("DJANGO_SECRET_KEY")]
    [InlineData("DJANGO_ALLOWED_HOSTS")]
    [InlineData("POSTGRES_PASSWORD")]
    public void HardenedShop_ProductionSettings_FailFastWhenASecretIsMissing(string variable)
    {
        using var project = ExampleProject.Copy(ExampleProject.Hardened);
        var environment = DjangoManage.ProductionEnvironment(project);
        Assert.True(environment.Remove(variable), $"{variable} missing from production.env");

        var result = DjangoManage.Run(project, Production, environment, "check", "--deploy");

        if (variable == "DJANGO_ALLOWED_HOSTS")
        {
            // An empty host list is not a crash, but the deploy check refuses it.
            Assert.Contains("(security.W020)", result.StandardError);
        }
        else
        {
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains($"KeyError: '{variable}'", result.StandardError);
        }
    }

    [Fact]
    public void InsecureShop_OwnTestSuite_Passes()
    {
        // Production settings: the dev settings need the compose PostgreSQL; production falls to SQLite.
        using var project = ExampleProject.Copy(ExampleProject.Insecure);

        var result = DjangoManage.Run(project, Production, DjangoManage.ProductionEnvironment(project), "test", "--noinput");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Ran 3 tests", result.StandardError);
    }

    [Fact]
    public void HardenedShop_OwnTestSuite_Passes()
    {
        using var project = ExampleProject.Copy(ExampleProject.Hardened);

        var result = DjangoManage.Run(project, Dev, null, "test", "--noinput");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Ran 5 tests", result.StandardError);
    }

    [Theory]
    [InlineData(ExampleProject.Insecure, Production)]
    [InlineData(ExampleProject.Hardened, Dev)]
    public void Migrations_MatchTheModels(string name, string settingsModule)
    {
        using var project = ExampleProject.Copy(name);
        var environment = settingsModule == Production ? DjangoManage.ProductionEnvironment(project) : null;

        var result = DjangoManage.Run(project, settingsModule, environment, "makemigrations", "--check", "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("No changes detected", result.StandardOutput);
    }
}
