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
            $"DP106 .env:1 high/high: password (DB_PASSWORD) Tr0u… (18 chars) was committed in {first[..10]} (.env:1) and is still in the current tree; rotate it.",
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
