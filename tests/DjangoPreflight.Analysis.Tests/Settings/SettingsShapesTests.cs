using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Analysis.Tests.Settings;

/// <summary>
/// What the evaluator cannot follow is unknown, with the reason, from that point on; never
/// Django's default and never the value the code had before (issue 16, item 5). What it can
/// follow (exec of a file the repository holds, globals() writes with known names) it runs.
/// </summary>
public class SettingsShapesTests
{
    private static string Reason(SettingsModel m, string name) => Assert.IsAssignableFrom<PyUnknown>(m[name]!.Value).Reason;

    [Fact]
    public void Exec_of_a_git_ignored_local_settings_file_makes_every_setting_unknown()
    {
        using var shape = new SettingsShapes("exec-local-settings");
        var m = shape.Production();
        // The development value is not what production runs: the local file may change it.
        Assert.Contains("site_app/local_settings.py", Reason(m, "DEBUG"), StringComparison.Ordinal);
        Assert.Contains("it was True before", Reason(m, "DEBUG"), StringComparison.Ordinal);
        Assert.False(m["ALLOWED_HOSTS"]!.IsKnown);
        // A setting the file never sets is not Django's default either.
        Assert.False(m["SECURE_HSTS_SECONDS"]!.IsKnown);
        Assert.False(m["SECURE_HSTS_SECONDS"]!.IsDefault);
        Assert.Contains("Django's default is 0", Reason(m, "SECURE_HSTS_SECONDS"), StringComparison.Ordinal);
        // Without the local file, what the project itself sets (and Django's defaults) still hold.
        Assert.Equal(new PyBool(true), Assert.IsType<PyOverridable>(m["DEBUG"]!.Value).Repository);
        Assert.Equal("0", PyRepr.Of(Assert.IsType<PyOverridable>(m["SECURE_HSTS_SECONDS"]!.Value).Repository));
        // What the settings set after the exec is known again.
        Assert.Equal(new PyStr("judge"), m["SITE_NAME"]!.Value);
        Assert.Empty(m.Raises);
        // The module is named once, as the operator's override, with where it is loaded.
        Assert.Equal([new LocalFile("site_app/local_settings.py", LocalFile.Ignored, "site_app/settings.py:10")], m.OverrideModules);
    }

    [Fact]
    public void An_override_module_imported_by_name_with_importlib_is_optional_too()
    {
        using var p = new TempProject(("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n"),
            ("proj/__init__.py", ""), (".gitignore", "proj/local_settings.py\n"),
            ("proj/settings.py", "import importlib\nDEBUG = True\nALLOWED_HOSTS = ['a.example']\ntry:\n    local = importlib.import_module('proj.local_settings')\n"
                + "except ImportError:\n    pass\nelse:\n    DEBUG = local.DEBUG\n"));
        GitSandbox.RunGit(p.Root, ["init", "-q"]);
        var ctx = p.Context();
        var m = ctx.Settings.Production!;
        var debug = Assert.IsType<PyOverridable>(m["DEBUG"]!.Value);
        Assert.Equal(new PyBool(true), debug.Repository);
        Assert.Equal("proj/local_settings.py", debug.File.Path);
        // Only DEBUG is taken from it: the rest is known, and no notice says it may change anything.
        Assert.Equal("['a.example']", PyRepr.Of(m["ALLOWED_HOSTS"]!.Value));
        Assert.Empty(m.OverrideModules);
        Assert.DoesNotContain(ctx.Diagnostics.Notices, n => n.Contains("override module", StringComparison.Ordinal));
    }

    [Fact]
    public void The_settings_output_names_the_override_module_once_and_shows_the_repository_values()
    {
        using var shape = new SettingsShapes("ignored-override-module");
        var context = shape.Context();
        var m = context.Settings.Production!;
        var text = SettingsOutput.Text(m);
        Assert.Contains("  override module: site_app/override_settings.py (loaded at site_app/settings.py:7 only if it exists; git ignores it): it may change any setting", text, StringComparison.Ordinal);
        Assert.Contains("SESSION_COOKIE_SECURE = True    [site_app/settings.py:4]", text, StringComparison.Ordinal);
        // A Django default the module may change is still listed with the defaults.
        Assert.Contains("X_FRAME_OPTIONS = 'DENY'    [default]", text, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(SettingsOutput.Json(m));
        var root = json.RootElement;
        Assert.Equal("site_app/override_settings.py", root.GetProperty("override_modules")[0].GetProperty("path").GetString());
        var secure = root.GetProperty("settings").GetProperty("SESSION_COOKIE_SECURE");
        Assert.True(secure.GetProperty("value").GetBoolean());
        Assert.True(secure.GetProperty("overridable").GetBoolean());
        // The scan says it once, as a notice, instead of "every setting from here on is unknown".
        var notice = Assert.Single(context.Diagnostics.Notices, n => n.Contains("override_settings.py", StringComparison.Ordinal));
        Assert.StartsWith("site_app/override_settings.py is an optional override module (site_app/settings.py:7 loads it only if it exists; git ignores it): it may change any setting.", notice, StringComparison.Ordinal);
        // Judged by their fallback, its values are not unresolved settings.
        Assert.DoesNotContain("SESSION_COOKIE_SECURE", context.Diagnostics.UnresolvedSettings);
    }

    [Fact]
    public void Without_gitignore_the_missing_local_file_is_just_absent()
    {
        using var shape = new SettingsShapes("exec-local-settings");
        File.Delete(Path.Combine(shape.Root, ".gitignore"));
        var m = shape.Production();
        Assert.Equal(new PyBool(true), m["DEBUG"]!.Value);
        Assert.True(m["SECURE_HSTS_SECONDS"]!.IsDefault);
        Assert.Empty(m.OverrideModules);
    }

    [Fact]
    public void Exec_of_a_file_the_repository_holds_runs_it()
    {
        using var shape = new SettingsShapes("exec-tracked-file");
        var m = shape.Production();
        Assert.Equal(new PyBool(false), m["DEBUG"]!.Value);
        Assert.Equal("['example.org']", PyRepr.Of(m["ALLOWED_HOSTS"]!.Value));
        Assert.Equal("site_app/settings.py", m["ALLOWED_HOSTS"]!.Source!.Path);
        Assert.True(m["SECURE_HSTS_SECONDS"]!.IsDefault);
    }

    [Fact]
    public void Suppressed_import_of_a_git_ignored_override_module_makes_settings_unknown()
    {
        using var shape = new SettingsShapes("ignored-override-module");
        var m = shape.Production();
        Assert.Contains("site_app/override_settings.py exists in production", Reason(m, "DEBUG"), StringComparison.Ordinal);
        Assert.False(m["SESSION_COOKIE_SECURE"]!.IsKnown);
        Assert.False(m["X_FRAME_OPTIONS"]!.IsKnown);
        Assert.Equal(new PyBool(true), Assert.IsType<PyOverridable>(m["SESSION_COOKIE_SECURE"]!.Value).Repository);
        Assert.Equal("'DENY'", PyRepr.Of(Assert.IsType<PyOverridable>(m["X_FRAME_OPTIONS"]!.Value).Repository));
        Assert.Empty(m.Raises);
    }

    [Fact]
    public void Writes_through_globals_setattr_and_vars_bind_the_names()
    {
        using var shape = new SettingsShapes("globals-writes");
        var m = shape.Production();
        Assert.Equal(new PyBool(false), m["DEBUG"]!.Value);
        Assert.Equal("['a.example']", PyRepr.Of(m["ALLOWED_HOSTS"]!.Value));
        Assert.Equal(new PyBool(true), m["SECURE_SSL_REDIRECT"]!.Value);
        Assert.Equal(new PyBool(true), m["SESSION_COOKIE_SECURE"]!.Value);
        Assert.Equal(new PyBool(true), m["CSRF_COOKIE_SECURE"]!.Value);
        Assert.Equal(7, m["SESSION_COOKIE_SECURE"]!.Source!.Line);
        Assert.True(m["X_FRAME_OPTIONS"]!.IsDefault);
    }

    [Fact]
    public void A_loop_the_evaluator_cannot_follow_that_writes_globals_makes_everything_unknown()
    {
        var (m, _) = TempProject.Settings("import os\nDEBUG = False\nfor k, v in os.environ.items():\n    globals()[k] = v\nTIME_ZONE = 'UTC'\n");
        Assert.Contains("may be set by the loop over `os.environ.items()`", Reason(m, "DEBUG"), StringComparison.Ordinal);
        Assert.False(m["SECURE_SSL_REDIRECT"]!.IsKnown);
        Assert.Equal(new PyStr("UTC"), m["TIME_ZONE"]!.Value);
    }

    [Fact]
    public void Exec_of_unknown_code_into_an_unknown_namespace_reaches_the_importing_settings()
    {
        var (m, _) = TempProject.Settings("import glob\nDEBUG = False\nfor path in glob.glob('/etc/app/*.py'):\n    exec(open(path).read(), scope)\n");
        Assert.False(m["DEBUG"]!.IsKnown);
        Assert.False(m["CSRF_COOKIE_SECURE"]!.IsKnown);
    }

    [Fact]
    public void A_syntax_error_makes_what_came_before_unknown_and_what_follows_known()
    {
        using var shape = new SettingsShapes("syntax-error");
        var m = shape.Production();
        Assert.Contains("site_app/settings.py:4, which could not be parsed", Reason(m, "DEBUG"), StringComparison.Ordinal);
        Assert.False(m["X_FRAME_OPTIONS"]!.IsKnown);
        Assert.False(m["SECRET_KEY"]!.IsKnown);
        Assert.Equal("['example.org']", PyRepr.Of(m["ALLOWED_HOSTS"]!.Value));
        Assert.Contains(m.Raises, r => r.StartsWith("site_app/settings.py:4: SyntaxError", StringComparison.Ordinal));
    }

    [Fact]
    public void A_syntax_error_after_the_last_statement_that_parsed_is_noticed_at_its_own_line()
    {
        // Nothing after the error parses, so the module itself (which has no line) ends the evaluation:
        // the notice must still name the error's line, never line 0.
        var (m, context) = TempProject.Settings("DEBUG = False\n\0\u0001SECRET_KEY = 'x'\n");
        Assert.False(m["DEBUG"]!.IsKnown);
        var notice = Assert.Single(context.Diagnostics.Notices, n => n.Contains("every setting of proj.settings", StringComparison.Ordinal));
        Assert.StartsWith("proj/settings.py:2: every setting of proj.settings from here on is unknown", notice, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configuration_module_named_by_an_env_var_with_a_default_is_evaluated()
    {
        using var shape = new SettingsShapes("importlib-config");
        var m = shape.Production();
        Assert.Equal("['app.example.org']", PyRepr.Of(m["ALLOWED_HOSTS"]!.Value));
        Assert.Equal(new PyBool(false), m["DEBUG"]!.Value);
        Assert.Empty(m.Raises);

        // Named by the variable, a module the project does not hold fails the way Python does.
        var missing = shape.Production(("APP_CONFIGURATION", "site_app.other"));
        Assert.Contains(missing.Raises, r => r.Contains("FileExistsError: configuration site_app.other is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Class_attributes_a_helper_exports_into_the_module_are_settings()
    {
        using var shape = new SettingsShapes("class-exported-settings");
        var m = shape.Production(("APP_TIME_ZONE", "Europe/Paris"));
        Assert.Equal(new PyBool(false), m["DEBUG"]!.Value);
        Assert.Equal(new PyBool(true), m["SECURE_SSL_REDIRECT"]!.Value);
        Assert.Equal(new PyBool(true), m["SESSION_COOKIE_SECURE"]!.Value);
        Assert.Equal(new PyBool(true), m["CSRF_COOKIE_SECURE"]!.Value);
        Assert.Equal("['app.example.org']", PyRepr.Of(m["ALLOWED_HOSTS"]!.Value));
        Assert.Equal(new PyStr("Europe/Paris"), m["TIME_ZONE"]!.Value);
        Assert.Equal(["APP_TIME_ZONE"], m["TIME_ZONE"]!.EnvVars);
        // The class body sees its own earlier attributes.
        Assert.Equal("('red', 'blue')", PyRepr.Of(m["ALL"]!.Value));
        Assert.Empty(m.Raises);
    }

    [Fact]
    public void Split_settings_components_run_in_the_including_module_each_located_in_its_own_file()
    {
        using var shape = new SettingsShapes("split-settings");
        // Without the .gitignore, the optional local file is simply absent, as in the deployed tree.
        File.Delete(Path.Combine(shape.Root, ".gitignore"));
        var components = Path.Combine(shape.Root, "site_app", "settings", "components");
        File.WriteAllText(Path.Combine(components, "mail.py"), "EMAIL_PORT = 2525\n");
        File.WriteAllText(Path.Combine(components, "cache.py"), "CACHE_TTL = 60\n");
        var context = shape.Context();
        var m = context.Settings.Production!;
        // base.py, then security.py, which wins; base.py, named again after it, is not run twice.
        Assert.Equal(new PyBool(false), m["DEBUG"]!.Value);
        Assert.Equal("site_app/settings/components/security.py", m["DEBUG"]!.Source!.Path);
        Assert.Equal(3, m["DEBUG"]!.Source!.Line);
        // A function a component defines runs in that component's file.
        Assert.Equal("31536000", PyRepr.Of(m["SECURE_HSTS_SECONDS"]!.Value));
        // A nested include() is relative to the component that calls it.
        Assert.Equal("['shop.example.org']", PyRepr.Of(m["ALLOWED_HOSTS"]!.Value));
        Assert.Equal("site_app/settings/extra/hosts.py", m["ALLOWED_HOSTS"]!.Source!.Path);
        Assert.Equal(new PyStr("shop"), m["SITE_NAME"]!.Value);
        Assert.True(m["SESSION_COOKIE_SECURE"]!.IsDefault);
        Assert.Empty(m.Raises);
        // The glob runs only the components not run yet, and says that their order is the directory's.
        Assert.Equal(2525, (int)Assert.IsType<PyInt>(m["EMAIL_PORT"]!.Value).Value);
        Assert.Contains(context.Diagnostics.Notices, n => n.StartsWith("site_app/settings/__init__.py:4: include() of components/*.py runs 2 files, here in name order", StringComparison.Ordinal));
    }

    [Fact]
    public void Split_settings_optional_file_git_ignores_may_change_what_the_components_set()
    {
        using var shape = new SettingsShapes("split-settings");
        var m = shape.Production();
        Assert.Equal(new PyBool(false), Assert.IsType<PyOverridable>(m["DEBUG"]!.Value).Repository);
        Assert.Contains("site_app/settings/local_settings.py", Reason(m, "DEBUG"), StringComparison.Ordinal);
        Assert.False(m["SESSION_COOKIE_SECURE"]!.IsKnown);
        // What the module sets after the include() is known again.
        Assert.Equal(new PyStr("shop"), m["SITE_NAME"]!.Value);
        Assert.Empty(m.Raises);
    }

    [Fact]
    public void Split_settings_required_file_that_is_missing_fails_the_import()
    {
        using var shape = new SettingsShapes("split-settings");
        File.Delete(Path.Combine(shape.Root, ".gitignore"));
        File.Delete(Path.Combine(shape.Root, "site_app", "settings", "extra", "hosts.py"));
        var m = shape.Production();
        Assert.Contains(m.Raises, r => r.Contains("security.py:12: OSError: No such file: site_app/settings/extra/*.py", StringComparison.Ordinal));
        Assert.Equal(new PyBool(false), m["DEBUG"]!.Value);
    }

    [Fact]
    public void Django_configurations_class_the_entry_point_names_gives_the_settings()
    {
        using var shape = new SettingsShapes("django-configurations");
        var m = shape.Production(("DJANGO_SECRET_KEY", "k3y-from-the-environment"), ("DJANGO_ALLOWED_HOSTS", "a.example, b.example ,"));
        // wsgi.py's default, Prod, inherits Common: values read DJANGO_<NAME>, else their default.
        Assert.Equal(new PyBool(false), m["DEBUG"]!.Value);
        Assert.Equal("site_app/settings.py", m["DEBUG"]!.Source!.Path);
        Assert.Equal(10, m["DEBUG"]!.Source!.Line);
        Assert.Contains("DJANGO_DEBUG", m["DEBUG"]!.EnvVars);
        Assert.Contains("DJANGO_CONFIGURATION", m["DEBUG"]!.EnvVars);
        Assert.Equal(new PyStr("k3y-from-the-environment"), m["SECRET_KEY"]!.Value);
        Assert.Equal("['a.example', 'b.example']", PyRepr.Of(m["ALLOWED_HOSTS"]!.Value));
        Assert.Contains("django.db.backends.postgresql", PyRepr.Of(m["DATABASES"]!.Value), StringComparison.Ordinal);
        Assert.Equal("3600", PyRepr.Of(m["SECURE_HSTS_SECONDS"]!.Value));
        Assert.Contains("SHOP_SECURE_HSTS_SECONDS", m["SECURE_HSTS_SECONDS"]!.EnvVars);
        Assert.Equal(new PyBool(true), m["CSRF_COOKIE_SECURE"]!.Value);
        Assert.Contains("CSRF_SECURE", m["CSRF_COOKIE_SECURE"]!.EnvVars);
        Assert.Equal(new PyBool(true), m["SESSION_COOKIE_SECURE"]!.Value);
        Assert.True(m["X_FRAME_OPTIONS"]!.IsDefault);
        Assert.Empty(m.Raises);

        // The fail-open default shows when the variable is missing; a set one is converted as the library does.
        Assert.Equal(new PyBool(true), shape.Production(("DJANGO_SECRET_KEY", "k"), ("DJANGO_DEBUG", "Yes"))["DEBUG"]!.Value);
        Assert.Contains(shape.Production(("DJANGO_SECRET_KEY", "k"), ("DJANGO_DEBUG", "maybe")).Raises,
            r => r.Contains("ValueError: Cannot interpret boolean value 'maybe'", StringComparison.Ordinal));
    }

    [Fact]
    public void Django_configurations_secret_value_without_its_variable_refuses_to_start()
    {
        using var shape = new SettingsShapes("django-configurations");
        var m = shape.Production();
        Assert.False(m["SECRET_KEY"]!.IsKnown);
        Assert.Contains(m.Raises, r => r.Contains("Value 'SECRET_KEY' is required to be set as the environment variable 'DJANGO_SECRET_KEY'", StringComparison.Ordinal));
    }

    [Fact]
    public void Django_configurations_class_from_the_environment_wins_over_the_entry_point_default()
    {
        using var shape = new SettingsShapes("django-configurations");
        var dev = shape.Production(("DJANGO_CONFIGURATION", "Dev"), ("DJANGO_SECRET_KEY", "k"));
        Assert.Equal(new PyBool(true), dev["DEBUG"]!.Value);
        Assert.Equal(new PyBool(false), dev["SESSION_COOKIE_SECURE"]!.Value);
        Assert.Contains(shape.Production(("DJANGO_CONFIGURATION", "Staging")).Raises,
            r => r.Contains("ImproperlyConfigured: Couldn't find configuration 'Staging'", StringComparison.Ordinal));
    }

    [Fact]
    public void Django_configurations_without_a_class_named_anywhere_leaves_the_settings_unknown()
    {
        using var shape = new SettingsShapes("django-configurations");
        // manage.py's default is the one its commands use, not the served app's.
        File.Delete(Path.Combine(shape.Root, "site_app", "wsgi.py"));
        var m = shape.Production(("DJANGO_SECRET_KEY", "k"));
        Assert.Contains("classes: Common, Dev, Prod", Reason(m, "DEBUG"), StringComparison.Ordinal);
        Assert.False(m["X_FRAME_OPTIONS"]!.IsKnown);
    }

    [Theory]
    [InlineData("SECURE_SSL_REDIRECT = 'runserver' not in sys.argv and 'test' not in sys.argv", "True")]
    [InlineData("SECURE_SSL_REDIRECT = sys.argv[1:2] == ['test']", "False")]
    [InlineData("SECURE_SSL_REDIRECT = len(sys.argv) > 1 and sys.argv[1] == 'test'", null)]
    [InlineData("SECURE_SSL_REDIRECT = sys.argv[1] != 'runserver'", "True")]
    public void The_serving_process_command_line_holds_no_manage_py_command(string line, string? expected)
    {
        // gunicorn/uwsgi/daphne serve production, never `manage.py runserver` or `manage.py test`.
        var (m, _) = TempProject.Settings("import sys\n" + line + "\n");
        if (expected is null) Assert.False(m["SECURE_SSL_REDIRECT"]!.IsKnown);
        else Assert.Equal(expected, PyRepr.Of(m["SECURE_SSL_REDIRECT"]!.Value));
    }

    [Fact]
    public void Reasons_that_nest_are_cut_to_a_bounded_length()
    {
        var source = "A = open('/etc/app/value').read()\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"A = A + 'x' if A == '{i}' else A\n"));
        var (m, _) = TempProject.Settings(source);
        Assert.InRange(Reason(m, "A").Length, 1, PyUnknown.MaxReasonLength);
    }
}
