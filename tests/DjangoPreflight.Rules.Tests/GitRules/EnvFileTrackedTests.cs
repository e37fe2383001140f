using DjangoPreflight.Rules.Secrets;

namespace DjangoPreflight.Rules.Tests.GitRules;

public class EnvFileTrackedTests
{
    [Fact]
    public void A_tracked_env_file_with_secrets_fires_at_the_first_secret()
    {
        using var repo = new GitSandbox();
        repo.Write(".gitignore", "__pycache__/\n");
        repo.Write(".env", $"DEBUG=0\nSECRET_KEY={SecretInGitHistoryTests.Key}\nDATABASE_URL=postgres://shop:9fQ2-xL7zz@db/shop\n");
        repo.Commit("env");

        var finding = Assert.Single(RuleHarness.Run(new EnvFileTracked(), repo.Root));
        Assert.Equal(
            "DP107 .env:2 high/certain: .env is tracked by git and holds 2 secrets (SECRET_KEY, postgres:// URL password); untrack it and rotate them.",
            RuleHarness.Describe(finding));
    }

    [Fact]
    public void A_tracked_env_file_without_secrets_is_a_low_warning()
    {
        using var repo = new GitSandbox();
        repo.Write(".gitignore", ".env\n");
        repo.Write("deploy/prod.env", "DEBUG=0\nALLOWED_HOSTS=shop.example.com\n");
        repo.Commit("env");

        var finding = Assert.Single(RuleHarness.Run(new EnvFileTracked(), repo.Root));
        Assert.Equal(
            "DP107 deploy/prod.env:1 low/medium: deploy/prod.env is tracked by git; it holds no secret-looking value now, but anything added to it will be committed.",
            RuleHarness.Describe(finding));
    }

    [Fact]
    public void A_gitignore_without_env_fires_but_a_committed_example_does_not()
    {
        using var repo = new GitSandbox();
        repo.Write(".gitignore", "*.pyc\n# .env\n");
        repo.Write(".env.example", "SECRET_KEY=changeme\n");
        repo.Commit("example");

        var finding = Assert.Single(RuleHarness.Run(new EnvFileTracked(), repo.Root));
        Assert.Equal(
            "DP107 .gitignore medium/certain: .gitignore does not ignore .env, which the project uses (.env.example:1): a secrets file created there would be committed by the next `git add .`.",
            RuleHarness.Describe(finding));
    }

    [Theory]
    [InlineData("shop/settings.py", "import os\nfrom dotenv import load_dotenv\n\nload_dotenv()\n", "shop/settings.py:4")]
    [InlineData("shop/settings.py", "import environ\n\nenv = environ.Env()\nenviron.Env.read_env()\n", "shop/settings.py:4")]
    [InlineData("shop/settings.py", "from decouple import config\n\nSECRET_KEY = config('SECRET_KEY')\n", "shop/settings.py:1")]
    [InlineData("docker-compose.yml", "services:\n  web:\n    image: shop\n    env_file: .env\n", "docker-compose.yml:4")]
    [InlineData("Pipfile", "[packages]\ndjango = \"*\"\n", "Pipfile:1")]
    public void The_missing_env_warning_names_what_shows_the_project_uses_one(string path, string text, string evidence)
    {
        using var repo = new GitSandbox();
        repo.Write(".gitignore", "*.pyc\n");
        repo.Write(path, text);
        repo.Commit("project");

        Assert.Equal(
            $"DP107 .gitignore medium/certain: .gitignore does not ignore .env, which the project uses ({evidence}): a secrets file created there would be committed by the next `git add .`.",
            RuleHarness.Describe(Assert.Single(RuleHarness.Run(new EnvFileTracked(), repo.Root))));
    }

    [Fact]
    public void A_project_that_never_uses_a_dotenv_file_gets_no_warning_about_one()
    {
        // Settings from os.environ and a compose file that sets its environment inline: no .env is read,
        // and a docs page that mentions load_dotenv is not code.
        using var repo = new GitSandbox();
        repo.Write(".gitignore", "*.pyc\n");
        repo.Write("shop/settings.py", "import os\n\nSECRET_KEY = os.environ['SECRET_KEY']\n");
        repo.Write("docker-compose.yml", "services:\n  web:\n    image: ${IMAGE:-shop}\n    environment:\n      DEBUG: '0'\n");
        repo.Write("docs/config.md", "Some projects call load_dotenv() here.\n");
        repo.Commit("project");
        Assert.Empty(RuleHarness.Run(new EnvFileTracked(), repo.Root));
    }

    [Fact]
    public void An_untracked_env_file_that_gitignore_misses_is_high()
    {
        using var repo = new GitSandbox();
        repo.Write(".gitignore", ".env\n");
        repo.Commit("ignore");
        repo.Write("deploy/.env.production", "SECRET_KEY=x\n");
        repo.Write(".env", "SECRET_KEY=x\n");

        var finding = Assert.Single(RuleHarness.Run(new EnvFileTracked(), repo.Root));
        Assert.Equal(
            "DP107 .gitignore high/certain: deploy/.env.production is not ignored by .gitignore: the next `git add .` commits it.",
            RuleHarness.Describe(finding));
    }

    [Fact]
    public void Ignoring_env_files_by_pattern_satisfies_the_rule()
    {
        using var repo = new GitSandbox();
        repo.Write(".gitignore", ".env*\n!.env.example\n");
        repo.Write(".env.example", "SECRET_KEY=\n");
        repo.Write(".env.production", "SECRET_KEY=x\n");
        repo.Commit("ignore");
        Assert.Empty(RuleHarness.Run(new EnvFileTracked(), repo.Root));
    }

    [Fact]
    public void Outside_a_repository_nothing_fires()
    {
        using var dir = new GitSandbox(init: false);
        dir.Write(".env", "SECRET_KEY=x\n");
        Assert.Empty(RuleHarness.Run(new EnvFileTracked(), dir.Root));
    }
}

public class EnvFileTrackedWithoutIndexTests
{
    [Fact]
    public void Without_an_index_a_committed_env_file_is_still_tracked_and_the_scan_says_where_that_came_from()
    {
        using var repo = new GitSandbox();
        repo.Write(".gitignore", "__pycache__/\n");
        repo.Write(".env", "DB_PASSWORD=U9Ue2ApC0yz1VezgdEsD\n");
        repo.Commit("env");
        File.Delete(Path.Combine(repo.Root, ".git", "index"));

        var findings = RuleHarness.Run(new EnvFileTracked(), repo.Root, null, out var notices);
        Assert.Equal(
            "DP107 .env:1 high/certain: .env is tracked by git and holds 1 secret (password (DB_PASSWORD)); untrack it and rotate them.",
            RuleHarness.Describe(Assert.Single(findings)));
        Assert.Contains("the git index is missing: tracked files were taken from HEAD's tree (changes staged or made since the last commit are not seen)", notices);
    }
}

public class EnvFileTrackedContextTests
{
    [Fact]
    public void A_development_stacks_env_file_is_low_with_the_reason()
    {
        using var repo = new GitSandbox();
        repo.Write(".gitignore", ".env\n");
        repo.Write("development/dev.env", "DEBUG=1\nDB_PASSWORD=U9Ue2ApC0yz1VezgdEsD\n");
        repo.Commit("dev stack");
        Assert.Equal(
            "DP107 development/dev.env:2 low/certain: development/dev.env is tracked by git and holds 1 secret (password (DB_PASSWORD)); it is a development file, not one production reads.",
            RuleHarness.Describe(Assert.Single(RuleHarness.Run(new EnvFileTracked(), repo.Root))));
    }
}
