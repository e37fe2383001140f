using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Analysis.Tests.Settings;

/// <summary>django-environ's Env.read_env (#16 item 2): what production gets from the dotenv file it loads
/// depends on who holds that file, and the scan says which case it met.</summary>
public class ReadEnvTests
{
    private const string Settings = "import environ\nenv = environ.Env()\nenviron.Env.read_env()\n"
        + "DEBUG = env.bool('DJANGO_DEBUG', default=False)\nSECRET_KEY = env('DJANGO_SECRET_KEY', default='')\n";

    private static TempProject Project(string settings, params (string Path, string Text)[] more) =>
        new([("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n"),
            ("proj/__init__.py", ""), ("proj/settings.py", settings), .. more]);

    [Fact]
    public void A_committed_env_file_beside_the_settings_sets_what_the_environment_does_not()
    {
        using var p = Project(Settings, ("proj/.env", "DJANGO_DEBUG=on\nDJANGO_SECRET_KEY=from-the-dotenv-file\n"));
        var ctx = p.Context(env: [("DJANGO_SECRET_KEY", "from-the-environment")]);
        var model = ctx.Settings.Production!;
        // read_env uses setdefault: the file fills DJANGO_DEBUG, the environment keeps its own key.
        Assert.Equal(new PyBool(true), model["DEBUG"]!.Value);
        Assert.Equal(new PyStr("from-the-environment"), model["SECRET_KEY"]!.Value);
        // Production without DJANGO_DEBUG in its environment still gets the committed file's value.
        Assert.Equal(new PyBool(true), model["DEBUG"]!.WhenMissing["DJANGO_DEBUG"]);
        Assert.Contains("proj/settings.py:3: Env.read_env() reads proj/.env, which the repository holds: its 2 variables apply wherever the environment does not set them",
            ctx.Diagnostics.Notices);
    }

    [Fact]
    public void Overwrite_lets_the_file_win_over_the_environment()
    {
        using var p = Project(Settings.Replace("read_env()", "read_env('proj/../proj/.env', overwrite=True)", StringComparison.Ordinal)
            .Replace("import environ\n", "import environ, os\nBASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\n", StringComparison.Ordinal)
            .Replace("'proj/../proj/.env'", "os.path.join(BASE, 'proj', '.env')", StringComparison.Ordinal),
            ("proj/.env", "DJANGO_SECRET_KEY=from-the-dotenv-file\n"));
        var ctx = p.Context(env: [("DJANGO_SECRET_KEY", "from-the-environment")]);
        Assert.Equal(new PyStr("from-the-dotenv-file"), ctx.Settings.Production!["SECRET_KEY"]!.Value);
        Assert.Contains(ctx.Diagnostics.Notices, n => n.EndsWith("reads proj/.env, which the repository holds: its 1 variables replace the environment's (overwrite=True)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_git_ignored_env_file_is_the_hosts_own_and_is_not_read()
    {
        using var p = Project(Settings, (".gitignore", ".env\n"), ("proj/.env", "DJANGO_DEBUG=on\n"));
        GitSandbox.RunGit(p.Root, ["init", "-q"]);
        var ctx = p.Context();
        Assert.Equal(new PyBool(false), ctx.Settings.Production!["DEBUG"]!.Value);
        Assert.Contains("proj/settings.py:3: Env.read_env() reads proj/.env, which git ignores: the deployed host's own file, like its environment; "
            + "not read, so its variables come only from --env-file/--env", ctx.Diagnostics.Notices);
    }

    [Fact]
    public void An_env_file_neither_held_nor_ignored_sets_nothing()
    {
        using var p = Project(Settings);
        var ctx = p.Context();
        Assert.Equal(new PyBool(false), ctx.Settings.Production!["DEBUG"]!.Value);
        Assert.Contains("proj/settings.py:3: Env.read_env() reads proj/.env, which the repository does not hold and git does not ignore: "
            + "a deployed checkout lacks it too, so it sets nothing", ctx.Diagnostics.Notices);
    }

    [Fact]
    public void A_path_that_is_not_known_is_said_and_not_followed()
    {
        using var p = Project("import os\n" + Settings.Replace("read_env()", "read_env(os.path.expanduser('~/.env'))", StringComparison.Ordinal), ("proj/.env", "DJANGO_DEBUG=on\n"));
        var ctx = p.Context();
        Assert.Equal(new PyBool(false), ctx.Settings.Production!["DEBUG"]!.Value);
        Assert.Contains(ctx.Diagnostics.Notices, n => n.StartsWith("proj/settings.py:4: Env.read_env() reads a file whose path is not known", StringComparison.Ordinal));
    }
}
