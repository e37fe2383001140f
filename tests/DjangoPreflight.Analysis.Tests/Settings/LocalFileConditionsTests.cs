using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Analysis.Tests.Settings;

/// <summary>Conditions on a local file the repository does not hold (#16 item 2, #15): a config object that
/// falls back from a git-ignored file to the environment to a literal default, and settings that test whether
/// such a file exists. What the file may change is overridable; the fallback is what runs
/// wherever it is missing or leaves a name alone.</summary>
public class LocalFileConditionsTests
{
    [Fact]
    public void A_config_object_falls_back_from_its_git_ignored_file_to_the_environment_to_its_defaults()
    {
        using var shape = new SettingsShapes("config-object-defaults");
        var m = shape.Production();
        var file = new LocalFile("settings.yml", LocalFile.Ignored, "portal/options.py:22");
        var debug = Assert.IsType<PyOverridable>(m["DEBUG"]!.Value);
        Assert.Equal((new PyBool(false), file), (debug.Repository, debug.File));
        Assert.Equal(["DEBUG"], m["DEBUG"]!.EnvVars);
        Assert.Equal(new PyStr("SAMEORIGIN"), Assert.IsType<PyOverridable>(m["X_FRAME_OPTIONS"]!.Value).Repository);
        Assert.Equal(new PyBool(false), Assert.IsType<PyOverridable>(m["SESSION_COOKIE_SECURE"]!.Value).Repository);
        // `OPTIONS.TITLE or "Portal"`: no default for TITLE, so the literal after `or` is the fallback.
        Assert.Equal(new PyStr("Portal"), Assert.IsType<PyOverridable>(m["SITE_TITLE"]!.Value).Repository);
        // An empty key wherever neither the file nor the environment sets one: Django refuses to start (fail-closed).
        var key = m["SECRET_KEY"]!;
        Assert.Equal(new PyStr(""), Assert.IsType<PyOverridable>(key.Value).Repository);
        Assert.Equal(["SECRET_KEY"], key.Requires);
        Assert.True(key.FailsClosed);
        Assert.Empty(m.Raises);
    }

    [Fact]
    public void The_environment_overrides_the_config_objects_default_but_the_file_still_may()
    {
        using var shape = new SettingsShapes("config-object-defaults");
        var m = shape.Production(("DEBUG", "yes"), ("SECRET_KEY", "from-the-environment"));
        Assert.Equal(new PyStr("yes"), Assert.IsType<PyOverridable>(m["DEBUG"]!.Value).Repository);
        Assert.Equal(new PyStr("from-the-environment"), Assert.IsType<PyOverridable>(m["SECRET_KEY"]!.Value).Repository);
        Assert.Empty(m["SECRET_KEY"]!.Requires);
    }

    [Fact]
    public void Existence_of_what_the_repository_holds_is_known_and_of_a_git_ignored_file_overridable()
    {
        using var shape = new SettingsShapes("file-existence");
        var m = shape.Production();
        Assert.Equal(new PyBool(true), m["HAS_SETTINGS_FILE"]!.Value);
        Assert.Equal(new PyBool(true), m["HAS_PACKAGE"]!.Value);
        // The key file is the host's own: without it the environment branch runs.
        var file = new LocalFile("shop/secret.key", LocalFile.Ignored, "shop/settings.py:12");
        var source = Assert.IsType<PyOverridable>(m["KEY_SOURCE"]!.Value);
        Assert.Equal((new PyStr("environment"), file), (source.Repository, source.File));
        // An if on it runs both ways: what only the branch without the file sets is what runs wherever it is missing.
        var secure = Assert.IsType<PyOverridable>(m["SESSION_COOKIE_SECURE"]!.Value);
        Assert.Equal(new PyBool(true), secure.Repository);
        Assert.Equal("shop/settings.py:14", $"{m["SESSION_COOKIE_SECURE"]!.Source!.Path}:{m["SESSION_COOKIE_SECURE"]!.Source!.Line}");
        Assert.Empty(m.Raises);
        Assert.Empty(m.OverrideModules);
    }

    [Fact]
    public void A_file_neither_held_nor_ignored_may_still_be_created_so_its_existence_is_unknown()
    {
        var (m, _) = TempProject.Settings("import os\nHERE = os.path.dirname(os.path.abspath(__file__))\nHAS_CACHE = os.path.isdir(os.path.join(HERE, 'cache'))\n"
            + "HAS_INIT = os.path.isfile(os.path.join(HERE, '__init__.py'))\nIS_DIR = os.path.isdir(os.path.join(HERE, '__init__.py'))\n");
        Assert.Contains("depends on the deployed file system", Assert.IsType<PyUnknown>(m["HAS_CACHE"]!.Value).Reason, StringComparison.Ordinal);
        Assert.Equal(new PyBool(true), m["HAS_INIT"]!.Value);
        Assert.Equal(new PyBool(false), m["IS_DIR"]!.Value);
    }

    [Fact]
    public void A_function_whose_branches_both_return_gives_what_both_return_or_unknown()
    {
        // Both sides of a condition that cannot be decided return: never the last branch's value alone.
        var (m, _) = TempProject.Settings("import os\ndef pick(same):\n    if os.path.getsize('/srv/x'):\n        return 1\n    else:\n        return 1 if same else 2\n"
            + "SAME = pick(True)\nDIFFERENT = pick(False)\n");
        Assert.Equal(new PyInt(1), m["SAME"]!.Value);
        Assert.IsType<PyUnknown>(m["DIFFERENT"]!.Value);
    }
}
