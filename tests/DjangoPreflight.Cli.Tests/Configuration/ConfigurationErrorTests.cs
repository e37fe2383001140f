namespace DjangoPreflight.Cli.Tests.Configuration;

/// <summary>A configuration that cannot be used stops the command: exit 2, nothing on stdout, one line
/// on stderr naming the file, the line and the key.</summary>
public class ConfigurationErrorTests
{
    public static TheoryData<string, string> BadFiles() => new()
    {
        { "[tool.django-preflight]\nselect = [\"DP2\"]\nfail_on = \"high\"\n", "pyproject.toml:3: unknown key 'fail_on' in [tool.django-preflight] (did you mean 'fail-on'?)" },
        { "[tool.django-preflight]\nseverity = \"high\"\n", "pyproject.toml:2: unknown key 'severity' in [tool.django-preflight] (expected one of: django-version, env-files, exclude, fail-on, format, ignore, min-confidence, no-history, per-path-ignores, select, settings)" },
        { "[tool.django-preflight]\nselect = \"DP2\"\n", "pyproject.toml:2: 'select' must be an array of strings, not a string" },
        { "[tool.django-preflight]\nselect = []\n", "pyproject.toml:2: 'select' is empty, which would run no rule (leave it out to run every rule)" },
        { "[tool.django-preflight]\nignore = [\n  \"DP201\",\n  \"DP999\",\n]\n", "pyproject.toml:4: unknown rule ID or prefix 'DP999' in 'ignore' (see 'django-preflight rules')" },
        { "[tool.django-preflight]\nignore = [\"DP201\", 202]\n", "pyproject.toml:2: 'ignore' must be an array of strings; it holds an integer" },
        { "[tool.django-preflight]\nfail-on = \"severe\"\n", "pyproject.toml:2: unknown severity 'severe' for 'fail-on' (expected one of: info, low, medium, high, critical)" },
        { "[tool.django-preflight]\nmin-confidence = \"sure\"\n", "pyproject.toml:2: unknown confidence 'sure' for 'min-confidence' (expected one of: low, medium, high, certain)" },
        { "[tool.django-preflight]\nformat = \"yaml\"\n", "pyproject.toml:2: unknown format 'yaml' for 'format'" },
        { "[tool.django-preflight]\nsettings = \"shop/settings/production.py\"\n", "pyproject.toml:2: 'settings' must be a dotted module name such as 'shop.settings.production', not 'shop/settings/production.py'" },
        { "[tool.django-preflight]\ndjango-version = 4.2\n", "pyproject.toml:2: 'django-version' must be a string such as \"4.2\" (a TOML number would read 4.10 as 4.1)" },
        { "[tool.django-preflight]\ndjango-version = \"four\"\n", "pyproject.toml:2: invalid 'django-version' 'four' (expected MAJOR.MINOR, e.g. \"4.2\")" },
        { "[tool.django-preflight]\nno-history = \"yes\"\n", "pyproject.toml:2: 'no-history' must be true or false, not a string" },
        { "[tool.django-preflight]\nenv-files = [\"missing.env\"]\n", "pyproject.toml:2: 'env-files': 'missing.env' does not exist (paths are relative to" },
        { "[tool.django-preflight.per-path-ignores]\n\"shop/**.py\" = [\"DP1\"]\n", "pyproject.toml:2: invalid path pattern 'shop/**.py' in 'per-path-ignores': '**' must be a whole path segment (as in 'a/**/b')" },
        { "[tool.django-preflight.per-path-ignores]\n\"shop/*\" = [\"XX1\"]\n", "pyproject.toml:2: unknown rule ID or prefix 'XX1' in 'per-path-ignores'" },
        { "[tool.django-preflight]\nexclude = [\n  \"deploy\",\n  \"shop/[ab.py\",\n]\n", "pyproject.toml:4: invalid path pattern 'shop/[ab.py' in 'exclude': '[' without a closing ']'" },
        { "[tool.django-preflight]\nper-path-ignores = [\"shop\"]\n", "pyproject.toml:2: 'per-path-ignores' must be a table of path pattern = [rule IDs], not an array" },
        { "[tool]\ndjango-preflight = \"on\"\n", "pyproject.toml:2: 'tool.django-preflight' must be a table, not a string" },
        { "[tool.django-preflight]\nselect = [\"DP2\"]\nselect = [\"DP1\"]\n", "pyproject.toml:3: invalid TOML: The key `tool.django-preflight.select` is already defined at (2,1) with `select = [\"DP2\"]` and cannot be redefined" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_configuration_is_one_line_naming_file_line_and_key(string pyproject, string expected)
    {
        using var shop = new ConfiguredShop(pyproject);
        foreach (var command in new[] { "scan", "settings" })
            CliAssert.UsageError(shop.Run(command, shop.Root), $"{shop.Root}/{expected}");
    }

    [Fact]
    public void The_path_in_the_message_is_the_one_the_user_typed()
    {
        using var shop = new ConfiguredShop("[tool.django-preflight]\nselect = 1\n");
        var cwd = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = shop.Root;
            CliAssert.UsageError(shop.Run("scan"), "pyproject.toml:2: 'select' must be an array of strings, not an integer");
        }
        finally
        {
            Environment.CurrentDirectory = cwd;
        }
    }

    [Fact]
    public void Config_file_errors_name_that_file_and_its_top_level_keys_are_checked()
    {
        using var shop = new ConfiguredShop();
        var file = shop.Outside("preflight.toml", "# team settings\nselect = [\"DP2\"]\nfail-on = \"high\"\nbogus = true\n");
        CliAssert.UsageError(shop.Run("scan", shop.Root, "--config", file), $"{file}:4: unknown key 'bogus' (expected one of:");
        CliAssert.UsageError(shop.Run("probe", "http://127.0.0.1:9/", "--config", file), $"{file}:4: unknown key 'bogus'");
    }

    [Fact]
    public void A_configured_select_that_leaves_no_rule_is_an_error_not_a_silent_pass()
    {
        using var shop = new ConfiguredShop();
        var file = shop.Outside("preflight.toml", "fail-on = \"low\"\nselect = [\"DP2\"]\n");
        CliAssert.UsageError(shop.Run("probe", "http://127.0.0.1:9/", "--config", file), $"{file}:2: 'select' leaves no rule for this command to run (scan runs the DP rules, probe the DPL rules)");
        shop.Write("pyproject.toml", "[tool.django-preflight]\nselect = [\"DPL\"]\n");
        CliAssert.UsageError(shop.Run("scan", shop.Root), $"{shop.Root}/pyproject.toml:2: 'select' leaves no rule for this command to run");
        // --select replaces the file's select, and an empty choice on the command line is refused too.
        CliAssert.UsageError(shop.Run("scan", shop.Root, "--select", "DPL"), "--select/--ignore leave no rule for this command to run");
        var typed = shop.Run("scan", shop.Root, "--select", "DP2", "--fail-on", "critical");
        Assert.Equal("", typed.Stderr);
        Assert.Contains("DP201", typed.Stdout);
    }

    [Fact]
    public void A_missing_config_file_and_config_with_isolated_are_usage_errors()
    {
        using var shop = new ConfiguredShop();
        CliAssert.UsageError(shop.Run("scan", shop.Root, "--config", "/no/such/preflight.toml"), "--config '/no/such/preflight.toml' does not exist");
        var file = shop.Outside("preflight.toml", "select = [\"DP2\"]\n");
        CliAssert.UsageError(shop.Run("scan", shop.Root, "--config", file, "--isolated"), "--config and --isolated cannot be used together");
    }

    [Fact]
    public void A_broken_pyproject_that_mentions_the_tool_is_an_error()
    {
        using var shop = new ConfiguredShop("[tool.django-preflight]\nselect = [\"DP2\"\nfail-on = \"high\"\n");
        CliAssert.UsageError(shop.Run("scan", shop.Root), $"{shop.Root}/pyproject.toml:3: invalid TOML: Unexpected token `fail` (token: `Invalid`). Expecting a closing `]` for an array");
    }
}
