using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Tests.LocalOverride;

/// <summary>Settings that end by loading a local file the repository does not hold: what that file may set
/// is unknown, and an unknown is never reported as a fact (#16 item 5, #17). What the repository sets is the
/// fallback that runs without it: safe is no finding, DEBUG on or a literal key fails open (#15/#16).</summary>
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
    }

    [Fact]
    public void A_debug_only_the_exec_of_a_git_ignored_local_file_turns_off_fails_open()
    {
        // DMOJ's shape: DEBUG = True, then exec(open(local_settings.py).read()) in try/except IOError.
        using var project = new LocalOverrideProject("exec-local-settings");
        project.ReplaceInSettings("DEBUG = False", "DEBUG = True");
        // Not "on in production" (the local file may turn it off), but on wherever the file is missing.
        Assert.Equal(["DP202 site_app/settings.py:4:1 Certain: DEBUG is True unless site_app/local_settings.py sets it: the repository does not hold that file "
            + "(site_app/settings.py:9 loads it only if it exists; git ignores it)."], project.Findings("DP201", "DP202"));
        Assert.Equal(Severity.High, Assert.Single(project.Scan("DP202").Findings).Severity);
    }

    [Fact]
    public void A_local_file_neither_held_nor_ignored_is_absent_not_an_override()
    {
        // Near miss: without a .gitignore entry the deployed tree lacks the file too, so DEBUG is simply on.
        using var project = new LocalOverrideProject("exec-local-settings");
        project.ReplaceInSettings("DEBUG = False", "DEBUG = True");
        project.ReplaceInSettings("except IOError:", "except OSError:");
        File.WriteAllText(Path.Combine(project.Root, ".gitignore"), "*.pyc\n");
        Assert.Equal(["DP201 site_app/settings.py:4:1 Certain: DEBUG is True in the production settings."], project.Findings("DP201", "DP202"));
    }

    [Fact]
    public void Insecure_fallbacks_of_a_git_ignored_override_module_are_reported_as_fail_open()
    {
        // Star import of site_app/local_settings.py (git-ignored) in try/except ImportError: what runs without it.
        using var project = new LocalOverrideProject("star-import-local-settings");
        var findings = project.Findings(SettingsRules);
        Assert.Equal(["DP103", "DP202"], findings.Select(f => f.Split(' ')[0]).Order(StringComparer.Ordinal));
        Assert.Contains("DP103 site_app/settings.py:3:1 Certain: SECRET_KEY falls back to a literal (quic… (52 chars)) unless site_app/local_settings.py provides another: "
            + "the repository does not hold that file (site_app/settings.py:26 loads it only if it exists; git ignores it).", findings);
        Assert.Contains(findings, f => f.StartsWith("DP202 site_app/settings.py:4:1 Certain: DEBUG is True unless site_app/local_settings.py sets it", StringComparison.Ordinal));
    }

    [Fact]
    public void An_override_module_is_said_once_and_what_the_project_silences_stays_silenced()
    {
        using var project = new LocalOverrideProject("star-import-local-settings");
        var report = project.Scan("DP303");
        // W004 silenced by the project: the module might add to the list, but not take the project's choice away.
        Assert.Empty(report.Findings);
        Assert.Contains(report.Summary.Notices, n => n.StartsWith("1 finding hidden because SILENCED_SYSTEM_CHECKS", StringComparison.Ordinal));
        var notice = Assert.Single(report.Summary.Notices, n => n.Contains("override module", StringComparison.Ordinal));
        Assert.Equal("site_app/local_settings.py is an optional override module (site_app/settings.py:26 loads it only if it exists; git ignores it): "
            + "it may change any setting. The settings are judged as the repository sets them, which is what runs wherever it is missing or leaves a setting alone", notice);
        Assert.DoesNotContain(report.Summary.Notices, n => n.Contains("from here on is unknown", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unsafe_value_an_override_module_may_fix_is_still_undecided()
    {
        // Near miss: a value that is no fail-open default stays "could not decide", naming the module.
        using var project = new LocalOverrideProject("star-import-local-settings");
        project.ReplaceInSettings("SESSION_COOKIE_SECURE = True", "SESSION_COOKIE_SECURE = False");
        var finding = Assert.Single(project.Findings("DP307"));
        Assert.StartsWith("DP307 site_app/settings.py:18:1 Low: Could not decide whether \"Session cookie is not marked Secure\": it holds for the values the repository sets, "
            + "which run wherever no optional override module changes them (site_app/local_settings.py (loaded at site_app/settings.py:26 only if it exists; git ignores it))",
            finding, StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_the_repository_holds_is_evaluated_not_taken_for_an_override()
    {
        // Near miss: once committed, the module is read; what it sets is known and judged as such.
        using var project = new LocalOverrideProject("star-import-local-settings");
        File.WriteAllText(Path.Combine(project.Root, "site_app", "local_settings.py"), "DEBUG = False\nALLOWED_HOSTS = ['app.example.org']\n");
        Assert.Equal(["DP101"], project.Findings(SettingsRules).Select(f => f.Split(' ')[0]));
        Assert.DoesNotContain(project.Scan("DP201").Summary.Notices, n => n.Contains("override module", StringComparison.Ordinal));
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
        // A fallback (DP103), not "weak" (DP102): the data file may replace it, a deployment without it runs it.
        Assert.Equal(["DP103 site_app/settings.py:16:5 Certain: SECRET_KEY falls back to a literal (not-… (10 chars)) unless data/key.txt provides another: "
            + "the repository does not hold that file (site_app/settings.py:13 loads it only if it exists; git ignores it)."],
            project.Findings("DP101", "DP102", "DP103", "DP104"));
    }

    /// <summary>The rules that judge settings values (every Django deploy check and the settings rules around it).</summary>
    private static readonly string[] SettingsRules =
    [
        "DP101", "DP102", "DP103", "DP104", "DP105", "DP201", "DP202", "DP203", "DP204", "DP214", "DP301", "DP302", "DP303",
        "DP304", "DP305", "DP306", "DP307", "DP308", "DP309", "DP401", "DP402", "DP403", "DP404", "DP405", "DP411", "DP501", "DP504",
    ];
}
