using System.Text.Json;
using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Analysis.Tests.Settings;

public class DefaultsAndOutputTests
{
    [Theory]
    [InlineData("2.2", "X_FRAME_OPTIONS", "'SAMEORIGIN'")]
    [InlineData("3.0", "X_FRAME_OPTIONS", "'DENY'")]
    [InlineData("3.0", "SECURE_REFERRER_POLICY", "None")]
    [InlineData("3.1", "SECURE_REFERRER_POLICY", "'same-origin'")]
    [InlineData("2.2", "SECURE_CONTENT_TYPE_NOSNIFF", "False")]
    [InlineData("3.2", "SECURE_CONTENT_TYPE_NOSNIFF", "True")]
    [InlineData("4.0", "SECURE_CROSS_ORIGIN_OPENER_POLICY", "'same-origin'")]
    [InlineData("4.1", "SECRET_KEY_FALLBACKS", "[]")]
    [InlineData("5.0", "USE_TZ", "True")]
    [InlineData("4.2", "USE_TZ", "False")]
    [InlineData("3.2", "SESSION_COOKIE_SAMESITE", "'Lax'")]
    public void Defaults_follow_the_targeted_version(string version, string name, string expected)
    {
        DjangoVersion.TryParse(version, out var v);
        Assert.Equal(expected, PyRepr.Of(DjangoDefaults.For(v)[name]));
    }

    [Theory]
    [InlineData("3.2", "SECURE_CROSS_ORIGIN_OPENER_POLICY")]
    [InlineData("4.0", "SECURE_BROWSER_XSS_FILTER")]
    [InlineData("4.0", "SECRET_KEY_FALLBACKS")]
    [InlineData("2.2", "SECURE_REFERRER_POLICY")]
    public void Settings_a_version_does_not_have_are_absent(string version, string name)
    {
        DjangoVersion.TryParse(version, out var v);
        Assert.False(DjangoDefaults.For(v).ContainsKey(name));
    }

    /// <summary>Django 6.0 and 6.1 as read from the project (#23): the pin targets the release, and the
    /// settings model (what the settings command prints) carries that release's defaults.</summary>
    [Theory]
    [InlineData("Django==6.1.1\n", "6.1.1", "{}", "False")]
    [InlineData("django>=6.0,<6.2\n", "6.0", "{}", null)]
    [InlineData("Django==5.2.18\n", "5.2.18", null, "True")]
    public void A_pinned_6_x_is_targeted_with_its_defaults(string requirements, string version, string? csp, string? legacySalt)
    {
        using var p = new TempProject(("manage.py", ""), ("requirements.txt", requirements), ("proj/__init__.py", ""), ("proj/settings.py", "DEBUG = False\n"));
        var context = p.Context(django: null);
        var m = context.Settings.Production!;
        Assert.Equal(version, context.Django.Version.ToString());
        Assert.Equal(csp, m["SECURE_CSP"] is { IsDefault: true } c ? PyRepr.Of(c.Value) : null);
        Assert.Equal(csp, m["SECURE_CSP_REPORT_ONLY"] is { IsDefault: true } r ? PyRepr.Of(r.Value) : null);
        Assert.Equal(legacySalt, m["SIGNED_COOKIE_LEGACY_SALT_FALLBACK"] is { IsDefault: true } l ? PyRepr.Of(l.Value) : null);
        Assert.Null(m["MAILERS"]);
    }

    [Fact]
    public void Unknown_version_assumes_the_newest_lts_and_says_so()
    {
        var (model, _) = TempProject.Settings("DEBUG = False\n");
        Assert.True(model["X_FRAME_OPTIONS"]!.IsDefault);
        Assert.Null(model["X_FRAME_OPTIONS"]!.Source);
        using var p = new TempProject(("manage.py", ""), ("proj/__init__.py", ""), ("proj/settings.py", "DEBUG = 1\n"));
        var m = p.Context(django: null).Settings.Production!;
        Assert.Contains(m.Reasons, r => r.Contains("assuming 5.2 (the newest supported LTS)", StringComparison.Ordinal));
        Assert.Equal(new DjangoVersion(5, 2), m.DefaultsVersion);
    }

    private const string Source = """
        import os
        from myorg import load_caches
        DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
        SECRET_KEY = "abcdefghijklmnopqrstuvwxyz0123456789"
        DATABASES = {"default": {"PASSWORD": "hunter2hunter2", "HOST": "db"}}
        BROKER_URL = "redis://user:topsecretpw@redis:6379/0"
        AUTH_PASSWORD_VALIDATORS = [{"NAME": "x.MinimumLengthValidator"}]
        CACHES = load_caches()
        """;

    [Fact]
    public void Json_output_has_the_design_shape_and_redacts_secrets()
    {
        var (model, _) = TempProject.Settings(Source, ("DJANGO_DEBUG", "1"));
        var json = SettingsOutput.Json(model);
        Assert.DoesNotContain("abcdefghijklmnop", json);
        Assert.DoesNotContain("hunter2hunter2", json);
        Assert.DoesNotContain("topsecretpw", json);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("proj.settings", root.GetProperty("settings_module").GetString());
        var debug = root.GetProperty("settings").GetProperty("DEBUG");
        Assert.True(debug.GetProperty("known").GetBoolean());
        Assert.True(debug.GetProperty("value").GetBoolean());
        Assert.Equal("proj/settings.py", debug.GetProperty("source").GetProperty("path").GetString());
        Assert.Equal(3, debug.GetProperty("source").GetProperty("line").GetInt32());
        Assert.Equal("DJANGO_DEBUG", debug.GetProperty("env")[0].GetString());
        Assert.False(debug.GetProperty("when_missing").GetProperty("DJANGO_DEBUG").GetProperty("value").GetBoolean());
        var caches = root.GetProperty("settings").GetProperty("CACHES");
        Assert.False(caches.GetProperty("known").GetBoolean());
        Assert.Equal("call to myorg.load_caches() is not evaluated", caches.GetProperty("reason").GetString());
        Assert.Equal("abcd… (36 chars)", root.GetProperty("settings").GetProperty("SECRET_KEY").GetProperty("value").GetString());
        Assert.Equal("x.MinimumLengthValidator", root.GetProperty("settings").GetProperty("AUTH_PASSWORD_VALIDATORS").GetProperty("value")[0].GetProperty("NAME").GetString());
        Assert.True(root.GetProperty("settings").GetProperty("X_FRAME_OPTIONS").GetProperty("default").GetBoolean());
        // Same input, same bytes.
        Assert.Equal(json, SettingsOutput.Json(TempProject.Settings(Source, ("DJANGO_DEBUG", "1")).Model));
    }

}
