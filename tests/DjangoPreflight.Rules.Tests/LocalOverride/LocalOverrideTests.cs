namespace DjangoPreflight.Rules.Tests.LocalOverride;

/// <summary>Settings that end by loading a git-ignored local file: what that file may set is unknown,
/// and an unknown is never reported as a fact (#16 item 5, #17).</summary>
public class LocalOverrideTests
{
    [Fact]
    public void A_storage_the_local_file_may_set_is_not_a_start_up_refusal()
    {
        // STATICFILES_STORAGE is set; STORAGES only may be, by the exec'd local file: Django 4.2 starts.
        using var project = new LocalOverrideProject("exec-local-settings");
        Assert.Empty(project.Findings("DP214"));
    }

    [Fact]
    public void Both_storages_set_by_the_project_still_stop_django_4_2()
    {
        using var project = new LocalOverrideProject("exec-local-settings");
        project.AppendToSettings("\nSTORAGES = {\"default\": {\"BACKEND\": \"django.core.files.storage.FileSystemStorage\"}}\n");
        var finding = Assert.Single(project.Findings("DP214"));
        Assert.StartsWith("DP214 site_app/settings.py:6:1 Certain: STATICFILES_STORAGE and STORAGES are both set", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_the_project_sets_safely_are_no_finding_when_a_local_file_may_override_them()
    {
        // Every value is safe as the project sets it; only the git-ignored override_settings.py could change one.
        using var project = new LocalOverrideProject("override-module");
        Assert.Equal(["DP305"], project.Findings(SettingsRules).Select(f => f.Split(' ')[0]));
        // HSTS preload is the one value the project leaves unsafe: the local file may fix it, so undecided.
        Assert.StartsWith("DP305 site_app/settings.py:1 Low: Could not decide", Assert.Single(project.Findings("DP305")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsafe_value_the_local_file_may_fix_is_undecided_not_certain()
    {
        using var project = new LocalOverrideProject("override-module");
        project.ReplaceInSettings("SESSION_COOKIE_SECURE = True", "SESSION_COOKIE_SECURE = False");
        var finding = Assert.Single(project.Findings("DP307"));
        Assert.StartsWith("DP307 site_app/settings.py:33:1 Low: Could not decide whether \"Session cookie is not marked Secure\"", finding, StringComparison.Ordinal);
        Assert.Contains("site_app/override_settings.py", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void A_debug_the_project_turns_off_before_exec_of_its_local_file_is_no_finding()
    {
        using var project = new LocalOverrideProject("exec-local-settings");
        Assert.Empty(project.Findings("DP201", "DP202", "DP203", "DP309"));
        project.ReplaceInSettings("DEBUG = False", "DEBUG = True");
        Assert.StartsWith("DP201 site_app/settings.py:4:1 Low: Could not decide", Assert.Single(project.Findings("DP201")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_random_key_a_git_ignored_key_file_may_replace_is_not_a_weak_key()
    {
        // Without data/key.txt the key is random; with it, the key is the operator's own file.
        using var project = new LocalOverrideProject("key-file");
        Assert.Empty(project.Findings("DP101", "DP102", "DP103", "DP104"));
    }

    [Fact]
    public void A_fixed_key_behind_a_git_ignored_key_file_is_still_reported()
    {
        // Near miss: the repository's own fallback is a short literal, which production runs when the file is absent.
        using var project = new LocalOverrideProject("key-file");
        project.ReplaceInSettings("SECRET_KEY = get_random_secret_key()", "SECRET_KEY = \"not-secret\"");
        var finding = Assert.Single(project.Findings("DP101", "DP102", "DP103", "DP104"));
        // The data file may still replace it, so the scan cannot say production runs it: undecided, named.
        Assert.StartsWith("DP102 site_app/settings.py:16:5 Low: Could not decide", finding, StringComparison.Ordinal);
    }

    /// <summary>The rules that judge settings values (every Django deploy check and the settings rules around it).</summary>
    private static readonly string[] SettingsRules =
    [
        "DP101", "DP102", "DP103", "DP104", "DP105", "DP201", "DP202", "DP203", "DP204", "DP214", "DP301", "DP302", "DP303",
        "DP304", "DP305", "DP306", "DP307", "DP308", "DP309", "DP401", "DP402", "DP403", "DP404", "DP405", "DP411", "DP501", "DP504",
    ];
}
