using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Configuration;

/// <summary>[tool.django-preflight] in the scanned project's pyproject.toml: each key changes the scan of
/// the real insecure-shop, the command line overrides it, and a bad file is one usage-error line.</summary>
public class ConfigurationTests
{
    private const string Header = "[tool.django-preflight]\n";

    private static readonly (string, string?, int?) Debug = ("DP201", "shop/settings/base.py", 14);
    private static readonly (string, string?, int?) DebugFallback = ("DP202", "shop/settings/base.py", 14);
    private static readonly (string, string?, int?) LiteralSecretKey = ("DP101", "shop/settings/base.py", 12);

    [Fact]
    public void Without_a_configuration_the_shop_has_its_documented_findings()
    {
        using var shop = new ConfiguredShop();
        var (code, findings, _) = shop.ScanJson();
        Assert.Equal(1, code);
        Assert.Contains(Debug, findings);
        Assert.Contains(DebugFallback, findings);
        Assert.Contains(LiteralSecretKey, findings);
        Assert.Contains(findings, f => f.Rule.StartsWith("DP8", StringComparison.Ordinal));
    }

    [Fact]
    public void Select_runs_only_the_rules_it_names()
    {
        using var shop = new ConfiguredShop(Header + "select = [\"DP2\", \"DP101\"]\n");
        var (_, findings, report) = shop.ScanJson();
        Assert.Contains(Debug, findings);
        Assert.Contains(LiteralSecretKey, findings);
        Assert.All(findings, f => Assert.True(f.Rule.StartsWith("DP2", StringComparison.Ordinal) || f.Rule == "DP101", f.Rule));
        Assert.DoesNotContain(findings, f => f.Rule == "DP102");
    }

    [Fact]
    public void Ignore_skips_the_rules_it_names()
    {
        using var shop = new ConfiguredShop(Header + "ignore = [\"DP201\", \"DP8\"]\n");
        var (_, findings, _) = shop.ScanJson();
        Assert.DoesNotContain(Debug, findings);
        Assert.DoesNotContain(findings, f => f.Rule.StartsWith("DP8", StringComparison.Ordinal));
        Assert.Contains(DebugFallback, findings);
        Assert.Contains(LiteralSecretKey, findings);
    }

    [Fact]
    public void Command_line_select_replaces_the_configured_select_and_ignore()
    {
        using var shop = new ConfiguredShop(Header + "select = [\"DP1\"]\nignore = [\"DP201\"]\n");
        var (_, findings, _) = shop.ScanJson("--select", "DP2");
        Assert.Contains(Debug, findings);
        Assert.All(findings, f => Assert.StartsWith("DP2", f.Rule));
    }

    [Fact]
    public void Command_line_ignore_adds_to_the_configured_ignore_and_keeps_the_configured_select()
    {
        using var shop = new ConfiguredShop(Header + "select = [\"DP2\"]\nignore = [\"DP201\"]\n");
        var (_, findings, _) = shop.ScanJson("--ignore", "DP202");
        Assert.DoesNotContain(Debug, findings);
        Assert.DoesNotContain(DebugFallback, findings);
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.StartsWith("DP2", f.Rule));
    }

    [Fact]
    public void Fail_on_sets_the_exit_code_and_the_command_line_overrides_it()
    {
        // DP202 (high) is the only rule run: exit 1 at the default threshold (high), 0 at critical.
        using var shop = new ConfiguredShop(Header + "select = [\"DP202\"]\nfail-on = \"critical\"\n");
        var (code, findings, _) = shop.ScanJson();
        Assert.Equal([DebugFallback], findings);
        Assert.Equal(0, code);
        Assert.Equal(1, shop.ScanJson("--fail-on", "high").ExitCode);
    }

    [Fact]
    public void Min_confidence_sets_which_findings_count_and_the_command_line_overrides_it()
    {
        // DP807 on the shop (published datastore ports) is high at medium confidence: it fails the scan
        // at the default min-confidence (medium), not when the file asks for high, and again when the
        // command line lowers it back.
        using var shop = new ConfiguredShop(Header + "select = [\"DP807\"]\nmin-confidence = \"high\"\n");
        var (code, findings, _) = shop.ScanJson();
        Assert.NotEmpty(findings);
        Assert.Equal(0, code);
        Assert.Equal(1, shop.ScanJson("--min-confidence", "medium").ExitCode);
        using var unconfigured = new ConfiguredShop(Header + "select = [\"DP807\"]\n");
        Assert.Equal(1, unconfigured.ScanJson().ExitCode);
    }

    [Fact]
    public void Format_sets_the_report_format_and_the_command_line_overrides_it()
    {
        using var shop = new ConfiguredShop(Header + "format = \"sarif\"\nselect = [\"DP201\"]\n");
        var sarif = shop.Run("scan", shop.Root);
        Assert.Equal(1, sarif.ExitCode);
        Assert.Contains("\"version\": \"2.1.0\"", sarif.Stdout);
        Assert.Contains("\"ruleId\": \"DP201\"", sarif.Stdout);
        var json = shop.ScanJson();
        Assert.Equal("django-preflight", json.Report.GetProperty("tool").GetProperty("name").GetString());
    }

    [Fact]
    public void Settings_names_the_module_to_audit_and_the_command_line_overrides_it()
    {
        using var shop = new ConfiguredShop(Header + "settings = \"shop.settings.dev\"\n");
        Assert.Equal("shop.settings.dev", shop.ScanJson().Report.GetProperty("target").GetProperty("settings_module").GetString());
        Assert.Equal("shop.settings.production", shop.ScanJson("--settings", "shop.settings.production").Report.GetProperty("target").GetProperty("settings_module").GetString());
    }

    [Fact]
    public void Env_files_are_read_relative_to_the_pyproject_and_replaced_by_env_file_options()
    {
        using var shop = new ConfiguredShop(Header + "env-files = [\"deploy/debug-off.env\"]\n");
        shop.Write("deploy/debug-off.env", "DJANGO_DEBUG=false\n");
        // The tests run from another folder: the path is found from the pyproject's folder, not the working directory.
        Assert.NotEqual(shop.Root, Environment.CurrentDirectory);
        Assert.DoesNotContain(Debug, shop.ScanJson().Findings);
        var debugOn = Path.Combine(shop.Root, "debug-on.env");
        File.WriteAllText(debugOn, "DJANGO_DEBUG=true\n");
        Assert.Contains(Debug, shop.ScanJson("--env-file", debugOn).Findings);
    }

    [Fact]
    public void Django_version_replaces_the_pinned_version_and_the_command_line_overrides_it()
    {
        using var shop = new ConfiguredShop(Header + "django-version = \"5.2\"\n");
        Assert.Equal("5.2", shop.ScanJson().Report.GetProperty("target").GetProperty("django_version").GetString());
        Assert.Equal("4.2", shop.ScanJson("--django-version", "4.2").Report.GetProperty("target").GetProperty("django_version").GetString());
    }

    [Fact]
    public void No_history_turns_the_history_scan_off()
    {
        using var repo = new GitSandbox();
        repo.Write("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings')\n");
        repo.Write("app/__init__.py", "");
        repo.Write("app/settings.py", "DEBUG = False\nSECRET_KEY = 'x'\n");
        repo.Commit("a project");
        const string NoHistoryNotice = "git history was not scanned for secrets (--no-history)";
        Assert.DoesNotContain(NoHistoryNotice, CliRun.InMemory("scan", repo.Root, "--format", "json").Stdout);
        repo.Write("pyproject.toml", Header + "no-history = true\n");
        Assert.Contains(NoHistoryNotice, CliRun.InMemory("scan", repo.Root, "--format", "json").Stdout);
    }

    [Fact]
    public void Per_path_ignores_drop_the_listed_rules_at_matching_paths_only()
    {
        using var shop = new ConfiguredShop(Header + """
            [tool.django-preflight.per-path-ignores]
            "shop/settings/base.py" = ["DP201"]
            "wsgi.py" = ["DP110"]
            "deploy/nginx" = ["DP8"]
            """);
        var (_, findings, report) = shop.ScanJson();
        Assert.DoesNotContain(Debug, findings);
        Assert.Contains(DebugFallback, findings); // same file, rule not listed
        Assert.DoesNotContain(("DP110", "shop/wsgi.py", 10), findings); // a name matches at any depth
        Assert.Contains(("DP110", "shop/asgi.py", 10), findings);
        Assert.Contains(("DP110", "manage.py", 9), findings);
        Assert.DoesNotContain(findings, f => f.Path == "deploy/nginx/shop.conf" && f.Rule.StartsWith("DP8", StringComparison.Ordinal)); // a folder covers its files
        Assert.Contains(findings, f => f.Path == "docker-compose.yml" && f.Rule.StartsWith("DP8", StringComparison.Ordinal));
        var hidden = 2 + CountWithoutConfig(f => f.Path == "deploy/nginx/shop.conf" && f.Rule.StartsWith("DP8", StringComparison.Ordinal));
        var notices = report.GetProperty("summary").GetProperty("notices").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Contains($"{hidden} findings hidden by per-path-ignores in {shop.Root}/pyproject.toml", notices);
    }

    private static int CountWithoutConfig(Func<(string Rule, string? Path, int? Line), bool> predicate)
    {
        using var plain = new ConfiguredShop();
        var count = plain.ScanJson().Findings.Count(predicate);
        Assert.True(count > 0);
        return count;
    }

    [Fact]
    public void Exclude_keeps_files_and_folders_from_being_read()
    {
        using var plain = new ConfiguredShop();
        var before = plain.ScanJson();
        Assert.Contains(("DP108", "shop/settings/dev.py", 15), before.Findings);
        using var shop = new ConfiguredShop(Header + "exclude = [\"deploy\", \"shop/settings/dev.py\"]\n");
        var (_, findings, report) = shop.ScanJson();
        Assert.DoesNotContain(findings, f => f.Path is not null && (f.Path.StartsWith("deploy/", StringComparison.Ordinal) || f.Path == "shop/settings/dev.py"));
        Assert.Contains(Debug, findings);
        var summary = report.GetProperty("summary");
        var deployFiles = Directory.GetFiles(Path.Combine(shop.Root, "deploy"), "*", SearchOption.AllDirectories).Length;
        // The deploy/ files and dev.py are not read; the pyproject.toml is one more file.
        Assert.Equal(before.Report.GetProperty("summary").GetProperty("files_scanned").GetInt32() - deployFiles - 1 + 1, summary.GetProperty("files_scanned").GetInt32());
        Assert.Contains("2 files and folders were not read: the configuration excludes them", summary.GetProperty("notices").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public void Per_path_ignores_with_globs()
    {
        using var shop = new ConfiguredShop(Header + """
            [tool.django-preflight.per-path-ignores]
            "shop/**/production.py" = ["DP1", "DP3"]
            "*.yml" = ["DP109"]
            """);
        var (_, findings, _) = shop.ScanJson();
        Assert.DoesNotContain(findings, f => f.Path == "shop/settings/production.py" && (f.Rule.StartsWith("DP1", StringComparison.Ordinal) || f.Rule.StartsWith("DP3", StringComparison.Ordinal)));
        Assert.Contains(findings, f => f.Path == "shop/settings/production.py" && f.Rule.StartsWith("DP2", StringComparison.Ordinal));
        Assert.Contains(LiteralSecretKey, findings);
        Assert.DoesNotContain(findings, f => f.Rule == "DP109");
    }

    [Fact]
    public void A_pyproject_without_the_table_changes_nothing()
    {
        using var shop = new ConfiguredShop("[tool.ruff]\nselect = [\"E\"]\n");
        using var plain = new ConfiguredShop();
        Assert.Equal(plain.ScanJson().Findings, shop.ScanJson().Findings);
    }

    [Fact]
    public void A_broken_pyproject_that_cannot_hold_the_configuration_is_a_parse_error_not_a_usage_error()
    {
        using var shop = new ConfiguredShop("[project]\nname = shop\n");
        var (code, findings, report) = shop.ScanJson();
        Assert.Equal(1, code);
        Assert.Contains(Debug, findings);
        var error = Assert.Single(report.GetProperty("summary").GetProperty("parse_errors").EnumerateArray());
        Assert.Equal("pyproject.toml", error.GetProperty("path").GetString());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
    }

    [Fact]
    public void Config_names_a_file_elsewhere_which_replaces_the_project_pyproject()
    {
        using var shop = new ConfiguredShop(Header + "select = [\"DP1\"]\n");
        var standalone = shop.Outside("preflight.toml", "select = [\"DP201\"]\n");
        Assert.Equal([Debug], shop.ScanJson("--config", standalone).Findings);
        var pyproject = shop.Outside("pyproject.toml", "[project]\nname = \"other\"\n\n" + Header + "select = [\"DP202\"]\n");
        Assert.Equal([DebugFallback], shop.ScanJson("--config", pyproject).Findings);
    }

    [Fact]
    public void Isolated_and_no_config_ignore_the_project_pyproject_even_a_bad_one()
    {
        using var shop = new ConfiguredShop(Header + "select = [\"DP1\"]\nunknown-key = 1\n");
        foreach (var flag in new[] { "--isolated", "--no-config" })
        {
            var findings = shop.ScanJson(flag).Findings;
            Assert.Contains(Debug, findings);
            Assert.Contains(LiteralSecretKey, findings);
        }
    }

    [Fact]
    public void The_settings_command_reads_the_settings_module_and_env_files()
    {
        using var shop = new ConfiguredShop(Header + "settings = \"shop.settings.dev\"\nenv-files = [\"dev.env\"]\n");
        shop.Write("dev.env", "POSTGRES_HOST=db.internal\n");
        var result = shop.Run("settings", shop.Root, "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var settings = doc.RootElement.GetProperty("settings");
        Assert.Equal("shop.settings.dev", doc.RootElement.GetProperty("settings_module").GetString());
        Assert.Equal("shop/settings/dev.py", settings.GetProperty("DEBUG").GetProperty("source").GetProperty("path").GetString());
        Assert.Equal("db.internal", settings.GetProperty("DATABASES").GetProperty("value").GetProperty("default").GetProperty("HOST").GetString());
        using var isolated = System.Text.Json.JsonDocument.Parse(shop.Run("settings", shop.Root, "--format", "json", "--isolated").Stdout);
        Assert.Equal("shop.settings.production", isolated.RootElement.GetProperty("settings_module").GetString());
    }

    [Fact]
    public void The_readme_example_is_a_valid_configuration_for_the_shop()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("### Configuration", StringComparison.Ordinal)..];
        var start = section.IndexOf("```toml\n", StringComparison.Ordinal) + "```toml\n".Length;
        var example = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        Assert.Contains("[tool.django-preflight.per-path-ignores]", example);
        using var shop = new ConfiguredShop(example);
        var result = shop.Run("scan", shop.Root);
        Assert.True(result.ExitCode is 0 or 1, result.Stderr);
        Assert.Contains("\"version\": \"2.1.0\"", result.Stdout); // format = "sarif"
        Assert.DoesNotContain("\"ruleId\": \"DP109\"", result.Stdout); // ignored
        // DEBUG's finding is DP202's, naming DP201 (one cause, one finding).
        Assert.Contains("\"ruleId\": \"DP202\"", result.Stdout);
        Assert.Matches("\"also_rules\": \\[\\s*\"DP201\"", result.Stdout);
    }

    [Fact]
    public void The_baseline_command_records_what_the_configured_scan_shows()
    {
        using var shop = new ConfiguredShop(Header + "select = [\"DP20\"]\n\n[tool.django-preflight.per-path-ignores]\n\"base.py\" = [\"DP202\"]\n");
        var expected = shop.ScanJson().Findings.Count;
        Assert.DoesNotContain(DebugFallback, shop.ScanJson().Findings);
        var file = Path.Combine(shop.Root, "accepted.json");
        var result = shop.Run("baseline", shop.Root, "--output", file);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Wrote {file}: {expected} fingerprints for {expected} findings.\n", result.Stdout);
        Assert.Empty(shop.ScanJson("--baseline", file).Findings);
        Assert.Contains(DebugFallback, shop.ScanJson("--baseline", file, "--isolated").Findings);
    }
}
