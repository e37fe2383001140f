using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Rules.Secrets;

namespace DjangoPreflight.Rules.Tests.GitRules;

public class SecretInGitHistoryTests
{
    internal const string Key = "k3#x9!v2@q7$w1%e5^r8&t4*y6(u0-i_o=p+a)s-d_f=g+h!jz";

    [Fact]
    public void A_key_removed_from_settings_is_still_reported_where_it_was_added()
    {
        using var repo = new GitSandbox();
        repo.Write("manage.py", "import os\n");
        repo.Write("shop/settings.py", $"DEBUG = False\n\nSECRET_KEY = '{Key}'\n");
        var leak = repo.Commit("start");
        repo.Write("shop/settings.py", "DEBUG = False\n\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n");
        repo.Commit("read the key from the environment");

        var finding = Assert.Single(RuleHarness.Run(new SecretInGitHistory(), repo.Root));
        Assert.Equal(
            $"DP106 shop/settings.py:3 high/certain: SECRET_KEY k3#x… (50 chars) was committed in {leak[..10]} (shop/settings.py:3) and was removed later, but every clone of the history still holds it; rotate it.",
            RuleHarness.Describe(finding));
        Assert.DoesNotContain(Key, finding.Message);
    }

    [Theory]
    // The value a product ships to every install and sends to its vendor: the name alone calls it a key.
    [InlineData("requests.post(REGISTRY, json={'install_key': settings.INSTALL_KEY})", "medium/low", "; only its name (INSTALL_KEY) says it is a key, and no code of the project signs, hashes or encrypts with INSTALL_KEY: rotate it if it is a secret.")]
    // The same name keying an HMAC: a secret every clone knows.
    [InlineData("digest = hmac.new(settings.INSTALL_KEY.encode(), payload, hashlib.sha256)", "high/high", "; rotate it.")]
    public void A_value_only_its_KEY_name_calls_a_key_is_a_secret_when_the_code_signs_with_it(string use, string level, string end)
    {
        const string value = "ae61c7d5e3dfc24d8a70bd45cf18b09f70c37d981428a9dab46ff687613373c3";
        using var repo = new GitSandbox();
        repo.Write("shop/settings.py", $"import os\n\nINSTALL_KEY = os.environ.get('INSTALL_KEY', '{value}')\n");
        repo.Write("shop/registration.py", $"from django.conf import settings\n\n\ndef register():\n    {use}\n");
        var first = repo.Commit("register the install");

        var finding = Assert.Single(RuleHarness.Run(new SecretInGitHistory(), repo.Root));
        Assert.Equal(
            $"DP106 shop/settings.py:3 {level}: key (INSTALL_KEY) ae61… (64 chars) was committed in {first[..10]} (shop/settings.py:3) and is still in the current tree at shop/settings.py:3{end}",
            RuleHarness.Describe(finding));
    }

    [Fact]
    public void A_password_still_in_a_tracked_env_file_says_so_once()
    {
        using var repo = new GitSandbox();
        repo.Write(".env", "DB_PASSWORD=Tr0ub4dor-horse-77\n");
        var first = repo.Commit("env");
        repo.Write(".env", "DEBUG=0\nDB_PASSWORD=Tr0ub4dor-horse-77\n");
        repo.Commit("debug");

        var finding = Assert.Single(RuleHarness.Run(new SecretInGitHistory(), repo.Root));
        Assert.Equal(
            $"DP106 .env:1 high/high: password (DB_PASSWORD) Tr0u… (18 chars) was committed in {first[..10]} (.env:1) and is still in the current tree at .env:2; rotate it.",
            RuleHarness.Describe(finding));
    }

    [Fact]
    public void Placeholders_in_history_and_no_history_option_give_nothing()
    {
        using var repo = new GitSandbox();
        repo.Write(".env.example", "SECRET_KEY=changeme\nDATABASE_URL=postgres://user:password@localhost/db\n");
        repo.Write("shop/settings.py", "SECRET_KEY = os.environ.get('SECRET_KEY', 'your-secret-key-here')\n");
        repo.Commit("placeholders");
        Assert.Empty(RuleHarness.Run(new SecretInGitHistory(), repo.Root));

        repo.Write("shop/settings.py", $"SECRET_KEY = '{Key}'\n");
        repo.Commit("leak");
        Assert.Single(RuleHarness.Run(new SecretInGitHistory(), repo.Root));
        var none = RuleHarness.Run(new SecretInGitHistory(), repo.Root, new ScanOptions { NoHistory = true }, out var notices);
        Assert.Empty(none);
        Assert.Contains("git history was not scanned for secrets (--no-history)", notices);
    }

    [Fact]
    public void Outside_a_repository_the_rule_is_silent_and_says_why()
    {
        using var dir = new GitSandbox(init: false);
        dir.Write("settings.py", $"SECRET_KEY = '{Key}'\n");
        Assert.Empty(RuleHarness.Run(new SecretInGitHistory(), dir.Root, null, out var notices));
        Assert.Contains("not inside a git repository: git checks and the history scan were skipped", notices);
    }
}

/// <summary>Where a secret found in history is now, and how sure a build may be about it: the
/// shapes real projects showed (a key moved to another file, a README deleted, a folder renamed,
/// a startproject key, CI and development files), rebuilt as small repositories.</summary>
public class SecretInGitHistoryLocationTests
{
    private const string Key = SecretInGitHistoryTests.Key;
    private const string Password = "U9Ue2ApC0yz1VezgdEsD";

    [Fact]
    public void A_value_moved_to_another_variable_and_line_is_still_in_the_current_tree_there()
    {
        using var repo = new GitSandbox();
        repo.Write("config/settings/base.py", $"import environ\nenv = environ.Env()\nJWT = {{'JWT_SECRET_KEY': env('DJANGO_SECRET_KEY', default='{Key}')}}\n");
        var added = repo.Commit("jwt");
        repo.Write("config/settings/base.py", $"import environ\nenv = environ.Env()\n\nGRAPHQL_JWT = {{\n    'JWT_SECRET_KEY': env(\n        'DJANGO_JWT_SECRET_KEY',\n        default='{Key}',\n    ),\n}}\n");
        repo.Commit("own variable for the JWT key");

        var finding = Assert.Single(RuleHarness.Run(new SecretInGitHistory(), repo.Root));
        Assert.Equal(
            $"DP106 config/settings/base.py:3 high/certain: SECRET_KEY k3#x… (50 chars) was committed in {added[..10]} (config/settings/base.py:3) and is still in the current tree at config/settings/base.py:7; rotate it.",
            RuleHarness.Describe(finding));
    }

    [Fact]
    public void A_deleted_file_is_told_as_deleted_and_the_value_where_it_still_is()
    {
        using var repo = new GitSandbox();
        repo.Write("README.rst", $"Run it with::\n\n    EMAIL_HOST_PASSWORD={Password} ./run\n");
        var added = repo.Commit("docs");
        repo.Delete("README.rst");
        repo.Write("README.md", "# shop\n");
        var deleted = repo.Commit("markdown readme");

        var finding = Assert.Single(RuleHarness.Run(new SecretInGitHistory(), repo.Root));
        Assert.Equal(
            $"DP106 README.rst:3 medium/medium: password (EMAIL_HOST_PASSWORD) U9Ue… (20 chars) was committed in {added[..10]} (README.rst:3, a file since deleted in {deleted[..10]}) and was removed later, but every clone of the history still holds it; it is in documentation, whose values are examples to copy, but has the shape of a real credential: rotate it if it ever was one.",
            RuleHarness.Describe(finding));
    }

    [Fact]
    public void Documentation_examples_are_low_a_random_value_there_medium_and_high_once_production_holds_it()
    {
        using var repo = new GitSandbox();
        // A docs page's example run: a word-like password is an example; a random one may have been pasted in.
        repo.Write("docs/install/README.md", "Start it with\n\n    docker run -e DB_PASSWORD=orchard-plum-tree -e STORAGE_SECRET=Qm7vR2xL9pT4kW8nZ3cJ6 shop\n");
        var docs = repo.Commit("install docs");
        var plain = RuleHarness.Run(new SecretInGitHistory(), repo.Root).Select(RuleHarness.Describe).ToList();
        Assert.Equal(
        [
            $"DP106 docs/install/README.md:3 medium/medium: secret (STORAGE_SECRET) Qm7v… (21 chars) was committed in {docs[..10]} (docs/install/README.md:3) and is still in the current tree at docs/install/README.md:3; it is in documentation, whose values are examples to copy, but has the shape of a real credential: rotate it if it ever was one.",
            $"DP106 docs/install/README.md:3 low/high: password (DB_PASSWORD) orch… (17 chars) was committed in {docs[..10]} (docs/install/README.md:3) and is still in the current tree at docs/install/README.md:3; it is in documentation, whose values are examples to copy, not a file production reads: rotate it only if it was used elsewhere.",
        ], plain);

        // The same random value in an env file production reads: a production secret, whatever the docs said.
        repo.Write("deploy/production.env", "STORAGE_SECRET=Qm7vR2xL9pT4kW8nZ3cJ6\n");
        repo.Commit("production env");
        var findings = RuleHarness.Run(new SecretInGitHistory(), repo.Root).ToList();
        Assert.Equal(Core.Severity.High, Assert.Single(findings, f => f.Message.StartsWith("secret (STORAGE_SECRET)", StringComparison.Ordinal)).Severity);
        Assert.Equal(Core.Severity.Low, Assert.Single(findings, f => f.Message.StartsWith("password (DB_PASSWORD)", StringComparison.Ordinal)).Severity);
    }

    [Fact]
    public void A_renamed_folder_is_told_as_renamed_and_never_as_removed()
    {
        using var repo = new GitSandbox();
        var settings = $"import os\nDEBUG = os.environ.get('DEBUG') == '1'\nSECRET_KEY = '{Key}'\nALLOWED_HOSTS = ['shop.example']\n";
        repo.Write("Recipes/settings.py", settings);
        var added = repo.Commit("start");
        repo.Git("mv", "Recipes", "recipes");
        var renamed = repo.Commit("lower-case package");

        var finding = Assert.Single(RuleHarness.Run(new SecretInGitHistory(), repo.Root));
        Assert.Equal(
            $"DP106 Recipes/settings.py:3 high/certain: SECRET_KEY k3#x… (50 chars) was committed in {added[..10]} (Recipes/settings.py:3, a file since renamed to recipes/settings.py in {renamed[..10]}) and is still in the current tree at recipes/settings.py:3; rotate it.",
            RuleHarness.Describe(finding));
    }

    [Fact]
    public void A_startproject_key_is_low_until_it_outlives_the_template()
    {
        using var repo = new GitSandbox();
        var template = $"# Quick-start development settings - unsuitable for production\n# SECURITY WARNING: keep the secret key used in production secret!\nSECRET_KEY = '{Key}'\n\nDEBUG = True\n";
        repo.Write("shop/settings.py", template);
        var added = repo.Commit("startproject");
        repo.Write("shop/settings.py", "import os\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = False\n");
        repo.Commit("production settings");

        var finding = Assert.Single(RuleHarness.Run(new SecretInGitHistory(), repo.Root));
        Assert.Equal(
            $"DP106 shop/settings.py:3 low/certain: SECRET_KEY k3#x… (50 chars) was committed in {added[..10]} (shop/settings.py:3) and was removed later, but every clone of the history still holds it; it is the throwaway key of Django's startproject settings (DEBUG = True under the template's warning), never a production key.",
            RuleHarness.Describe(finding));

        // The same key kept when DEBUG stopped being True: it shipped, it is a real key.
        using var shipped = new GitSandbox();
        shipped.Write("shop/settings.py", template);
        shipped.Commit("startproject");
        shipped.Write("shop/settings.py", template.Replace("DEBUG = True", "DEBUG = 'runserver' in sys.argv"));
        shipped.Commit("debug only under runserver");
        Assert.Equal(Core.Severity.High, Assert.Single(RuleHarness.Run(new SecretInGitHistory(), shipped.Root)).Severity);
    }

    [Fact]
    public void A_startproject_key_moved_into_a_module_the_template_settings_import_is_still_the_template_key()
    {
        using var repo = new GitSandbox();
        var template = $"# Quick-start development settings - unsuitable for production\n# SECURITY WARNING: keep the secret key used in production secret!\nSECRET_KEY = '{Key}'\n\nDEBUG = True\nALLOWED_HOSTS = []\n";
        repo.Write("shop/settings.py", template);
        var added = repo.Commit("startproject");
        // The key moves to a private module the still-template settings import.
        var importing = template.Replace($"SECRET_KEY = '{Key}'", "from shop.private_settings import *");
        repo.Write("shop/settings.py", importing);
        repo.Write("shop/private_settings.py", $"# keep the secret key used in production secret!\nSECRET_KEY = '{Key}'\n");
        repo.Commit("private settings");
        repo.Write("shop/settings.py", "import os\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = False\n");
        repo.Git("rm", "-q", "shop/private_settings.py");
        repo.Commit("production settings");

        var finding = Assert.Single(RuleHarness.Run(new SecretInGitHistory(), repo.Root));
        Assert.Equal(
            $"DP106 shop/settings.py:3 low/certain: SECRET_KEY k3#x… (50 chars) was committed in {added[..10]} (shop/settings.py:3) and was removed later, but every clone of the history still holds it; it is the throwaway key of Django's startproject settings (DEBUG = True under the template's warning), never a production key.",
            RuleHarness.Describe(finding));

        // Near miss: imported by settings past the template (DEBUG off), the moved key is production's.
        using var shipped = new GitSandbox();
        shipped.Write("shop/settings.py", template);
        shipped.Commit("startproject");
        shipped.Write("shop/settings.py", importing.Replace("DEBUG = True", "DEBUG = False"));
        shipped.Write("shop/private_settings.py", $"SECRET_KEY = '{Key}'\n");
        shipped.Commit("private settings");
        Assert.Equal(Core.Severity.High, Assert.Single(RuleHarness.Run(new SecretInGitHistory(), shipped.Root)).Severity);
    }

    [Fact]
    public void A_startproject_key_later_kept_only_in_development_settings_is_low_and_says_where()
    {
        using var repo = new GitSandbox();
        var template = $"# Quick-start development settings - unsuitable for production\n# SECURITY WARNING: keep the secret key used in production secret!\nSECRET_KEY = '{Key}'\n\nDEBUG = True\n";
        repo.Write("shop/settings.py", template);
        var added = repo.Commit("startproject");
        // Split settings: the key moves to the development module (serving hosts, so past the template);
        // production reads its own from the environment.
        repo.Git("rm", "-q", "shop/settings.py");
        repo.Write("shop/settings/development.py", template + "ALLOWED_HOSTS = ['*']\n");
        repo.Write("shop/settings/production.py", "import os\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = False\n");
        var split = repo.Commit("split settings");

        Assert.Equal(
            $"DP106 shop/settings.py:3 low/certain: SECRET_KEY k3#x… (50 chars) was committed in {added[..10]} (shop/settings.py:3, a file since renamed to shop/settings/development.py in {split[..10]}) and is still in the current tree at shop/settings/development.py:3;"
            + " it is the throwaway key of Django's startproject settings (DEBUG = True under the template's warning), later kept only in a development file, never a production key.",
            RuleHarness.Describe(Assert.Single(RuleHarness.Run(new SecretInGitHistory(), repo.Root))));

        // Near miss: kept in the base module every settings module imports, the key is production's.
        using var shipped = new GitSandbox();
        shipped.Write("shop/settings.py", template);
        shipped.Commit("startproject");
        shipped.Git("rm", "-q", "shop/settings.py");
        shipped.Write("shop/settings/base.py", template + "ALLOWED_HOSTS = ['*']\n");
        shipped.Commit("split settings");
        Assert.Equal(Core.Severity.High, Assert.Single(RuleHarness.Run(new SecretInGitHistory(), shipped.Root)).Severity);
    }

    [Fact]
    public void A_key_left_in_a_base_module_that_production_replaces_from_the_environment_is_low_and_says_where()
    {
        // The shape of a project whose base settings keep a development key and whose production
        // module, which imports them, reads its own key from the environment.
        using var repo = new GitSandbox();
        repo.Write("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings.prod')\n");
        repo.Write("shop/__init__.py", "");
        repo.Write("shop/settings/__init__.py", "");
        repo.Write("shop/settings/base.py", $"DEBUG = False\nALLOWED_HOSTS = ['*']\nSECRET_KEY = '{Key}'\n");
        repo.Write("shop/settings/prod.py", "import os\nfrom .base import *\n\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n");
        var added = repo.Commit("settings");

        Assert.Equal(
            $"DP106 shop/settings/base.py:3 low/certain: SECRET_KEY k3#x… (50 chars) was committed in {added[..10]} (shop/settings/base.py:3) and is still in the current tree at shop/settings/base.py:3;"
            + " production's settings (shop/settings/prod.py) replace it with a key that is read from DJANGO_SECRET_KEY at shop/settings/prod.py:4, so it is a development key: rotate it only if it was used elsewhere.",
            RuleHarness.Describe(Assert.Single(RuleHarness.Run(new SecretInGitHistory(), repo.Root))));

        // Near miss: a production module that falls back to the base key when the variable is missing runs it.
        repo.Write("shop/settings/prod.py", "import os\nfrom .base import *\n\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', SECRET_KEY)\n");
        repo.Commit("fall back to the base key");
        Assert.Equal(Core.Severity.High, Assert.Single(RuleHarness.Run(new SecretInGitHistory(), repo.Root)).Severity);
    }

    [Fact]
    public void A_key_that_a_git_ignored_local_module_may_replace_is_unknown_and_low()
    {
        using var repo = new GitSandbox();
        repo.Write("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n");
        repo.Write("shop/__init__.py", "");
        repo.Write(".gitignore", "shop/local_settings.py\n");
        repo.Write("shop/settings.py", $"DEBUG = False\nALLOWED_HOSTS = ['*']\nSECRET_KEY = '{Key}'\n\ntry:\n    from shop.local_settings import *\nexcept ImportError:\n    pass\n");
        repo.Commit("settings");

        var finding = Assert.Single(RuleHarness.Run(new SecretInGitHistory(), repo.Root));
        Assert.Equal((Core.Severity.Low, Core.Confidence.Low), (finding.Severity, finding.Confidence));
        Assert.Contains("production's settings (shop/settings.py) end with it unless a file the repository does not hold replaces it (", finding.Message);
        Assert.EndsWith("rotate it if production runs without that file.", finding.Message);

        // Near miss: without the local module the key is production's.
        repo.Write("shop/settings.py", $"DEBUG = False\nALLOWED_HOSTS = ['*']\nSECRET_KEY = '{Key}'\n");
        repo.Commit("no local settings");
        Assert.Equal(Core.Severity.High, Assert.Single(RuleHarness.Run(new SecretInGitHistory(), repo.Root)).Severity);
    }

    [Fact]
    public void Ci_service_and_development_passwords_are_low_with_the_reason_and_a_production_one_stays_high()
    {
        using var repo = new GitSandbox();
        repo.Write(".github/workflows/tests.yml", $"jobs:\n  test:\n    services:\n      postgres:\n        image: postgres:16\n        env:\n          POSTGRES_PASSWORD: {Password}\n");
        repo.Write("docker-compose.local.yml", "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: t1NsbSYcwqZcjOcfCAyr1jizDIYEIRE7\n");
        repo.Write("deploy/.env.production", "DB_PASSWORD=Cr7SQ-FaeEyh22Ichl1HoFO2O0iv2u\n");
        repo.Commit("ci, local stack and production env");

        var findings = RuleHarness.Run(new SecretInGitHistory(), repo.Root).Select(RuleHarness.Describe).ToList();
        Assert.Equal(3, findings.Count);
        Assert.Contains(findings, f => f.StartsWith("DP106 .github/workflows/tests.yml:7 low/high: ", StringComparison.Ordinal)
            && f.EndsWith("; it is in a CI file, not a file production reads: rotate it only if it was used elsewhere.", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("DP106 docker-compose.local.yml:4 low/high: ", StringComparison.Ordinal) && f.Contains("a local development file", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("DP106 deploy/.env.production:1 high/high: ", StringComparison.Ordinal) && f.EndsWith("; rotate it.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_in_a_development_file_and_a_production_file_is_a_production_secret()
    {
        using var repo = new GitSandbox();
        repo.Write("development/dev.env", $"DB_PASSWORD={Password}\n");
        repo.Commit("dev stack");
        repo.Write("docker-compose.yml", $"services:\n  web:\n    environment:\n      DB_PASSWORD: {Password}\n");
        repo.Commit("same password in the deployment");
        Assert.Equal(Core.Severity.High, Assert.Single(RuleHarness.Run(new SecretInGitHistory(), repo.Root)).Severity);
    }

    [Fact]
    public void A_compose_default_in_history_says_whose_default_it_was()
    {
        using var repo = new GitSandbox();
        repo.Write("docker-compose.yml", "services:\n  api:\n    environment:\n      SECRET_KEY: ${SECRET_KEY:-zausdywin0m3yn8datrs81v0gxz7vtcf77m6iowkhfchryw492}\n");
        var added = repo.Commit("self-host compose");
        repo.Write("docker-compose.yml", "services:\n  api:\n    environment:\n      SECRET_KEY: ${SECRET_KEY:?set SECRET_KEY}\n");
        repo.Commit("no default key");

        Assert.Equal(
            $"DP106 docker-compose.yml:4 high/certain: SECRET_KEY (the default of ${{SECRET_KEY}}) zaus… (50 chars) was committed in {added[..10]} (docker-compose.yml:4) and was removed later, but every clone of the history still holds it; rotate it.",
            RuleHarness.Describe(Assert.Single(RuleHarness.Run(new SecretInGitHistory(), repo.Root))));
    }
}
