using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Rules.Tests.FailClosed;

/// <summary>Fail-closed is not a finding (#17.1): on Fixtures/FailClosed, a settings module per shape
/// (lookups without a default; a raise or an assert when a value is missing; a random key when the
/// environment has none) gives no finding about those settings, only the variables production must
/// set. The fail-open near misses in the same project still fire.</summary>
public class FailClosedTests
{
    private static readonly string[] SettingsRules = ["DP101", "DP102", "DP103", "DP104", "DP201", "DP202", "DP203", "DP204"];

    private static ScanReport Scan(string module, params (string Key, string Value)[] env)
    {
        var root = Path.Combine(RepoPaths.Root, "tests", "DjangoPreflight.Rules.Tests", "Fixtures", "FailClosed");
        var options = new ScanOptions
        {
            NoHistory = true,
            SettingsModule = $"proj.settings.{module}",
            EnvPairs = env.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)).ToList(),
        };
        return ProjectScanner.Scan(new ProjectContext(root, options), ProjectRuleSet.All.Where(r => SettingsRules.Contains(r.Descriptor.Id)), "FailClosed");
    }

    private static List<string> Findings(ScanReport report) => report.Findings.Select(f => $"{f.RuleId} {f.Location} {f.Message}").ToList();

    private static List<string> Required(ScanReport report) => report.Summary.Requirements.Select(r => r.Describe()).ToList();

    [Fact]
    public void Lookups_without_a_default_are_requirements_not_findings()
    {
        var report = Scan("lookups");
        Assert.Empty(Findings(report));
        Assert.Equal(
        [
            "DJANGO_ALLOWED_HOSTS (ALLOWED_HOSTS): without it, proj/settings/lookups.py:13 raises UndefinedValueError",
            "DJANGO_DEBUG (DEBUG): without it, proj/settings/lookups.py:12 raises ImproperlyConfigured",
            "DJANGO_SECRET_KEY (SECRET_KEY): without it, proj/settings/lookups.py:11 raises KeyError",
        ], Required(report));
        // Nor are they "could not resolve": production provides them.
        Assert.DoesNotContain("SECRET_KEY", report.Summary.UnresolvedSettings);
    }

    [Fact]
    public void A_raise_or_an_assert_on_a_missing_value_is_a_requirement()
    {
        var report = Scan("refuses");
        Assert.Empty(Findings(report));
        Assert.Equal(
        [
            "DJANGO_ALLOWED_HOSTS (ALLOWED_HOSTS): without it, proj/settings/refuses.py:13 raises AssertionError",
            "DJANGO_SECRET_KEY (SECRET_KEY): without it, proj/settings/refuses.py:10 raises ImproperlyConfigured",
        ], Required(report));
    }

    [Fact]
    public void A_random_fallback_is_safe_and_still_something_production_should_set()
    {
        var report = Scan("random_key");
        Assert.Empty(Findings(report));
        Assert.Equal(
        [
            "DJANGO_SECRET_KEY (SECRET_KEY): without it, proj/settings/random_key.py:9 makes a new random SECRET_KEY on every start (get_random_secret_key())",
            "SIGNING_KEY (SIGNING_KEY): without it, proj/settings/random_key.py:13 makes a new random SIGNING_KEY on every start (token_urlsafe())",
        ], Required(report));
    }

    [Fact]
    public void When_the_environment_sets_the_variables_nothing_is_required_and_no_fallback_is_reported()
    {
        var env = new[] { ("DJANGO_SECRET_KEY", "k3y-from-the-environment-0123456789-abcdefghijklmnop"), ("DJANGO_ALLOWED_HOSTS", "shop.example.com") };
        var report = Scan("refuses", env);
        Assert.Empty(Findings(report));
        Assert.Empty(Required(report));
        // The "what if it is missing" run refuses to start: that is not a fallback (DP103 stays silent).
        var model = new ProjectContext(Path.Combine(RepoPaths.Root, "tests", "DjangoPreflight.Rules.Tests", "Fixtures", "FailClosed"),
            new ScanOptions { NoHistory = true, SettingsModule = "proj.settings.refuses", EnvPairs = env.Select(e => new KeyValuePair<string, string>(e.Item1, e.Item2)).ToList() })
            .Settings.Production!;
        var missing = Assert.IsType<PyUnknown>(model["SECRET_KEY"]!.WhenMissing["DJANGO_SECRET_KEY"]);
        Assert.Equal("the settings do not start without DJANGO_SECRET_KEY (proj/settings/refuses.py:10 raises ImproperlyConfigured)", missing.Reason);
    }

    [Fact]
    public void Values_Django_refuses_are_requirements()
    {
        var report = Scan("empty_defaults");
        Assert.Empty(Findings(report));
        Assert.Equal(
        [
            "DJANGO_ALLOWED_HOSTS (ALLOWED_HOSTS): without it, proj/settings/empty_defaults.py:8 leaves ALLOWED_HOSTS empty, so Django refuses every request (400 Bad Request)",
            "DJANGO_SECRET_KEY (SECRET_KEY): without it, proj/settings/empty_defaults.py:7 leaves SECRET_KEY empty, which Django refuses to start with",
        ], Required(report));
    }

    [Fact]
    public void Fail_open_defaults_stay_findings_one_per_cause()
    {
        var report = Scan("fails_open");
        Assert.Empty(Required(report));
        var findings = Findings(report);
        Assert.Equal(
        [
            "DP103 proj/settings/fails_open.py:8:1 SECRET_KEY falls back to a literal (dev-… (31 chars)) when DJANGO_SECRET_KEY is missing. The active environment does not set it, so this default is the key in use. The same value also breaks DP101 (SECRET_KEY is a literal in source) and DP102 (SECRET_KEY is weak).",
            "DP202 proj/settings/fails_open.py:9:1 DEBUG becomes True when DJANGO_DEBUG is missing from the environment. The active environment does not set DJANGO_DEBUG, which is why DEBUG is on. The same value also breaks DP201 (DEBUG is on in production).",
        ], findings.Where(f => !f.StartsWith("DP204", StringComparison.Ordinal)));
        Assert.Contains(findings, f => f.StartsWith("DP204 proj/settings/fails_open.py:10:", StringComparison.Ordinal));
        var key = report.Findings.Single(f => f.RuleId == "DP103");
        Assert.Equal(["DP101", "DP102"], key.AlsoRules);
        Assert.Equal(Severity.High, key.Severity);
        Assert.Equal(Severity.Critical, report.Findings.Single(f => f.RuleId == "DP202").Severity);
    }

    [Fact]
    public void A_key_read_from_two_variables_in_turn_falls_back_once()
    {
        var report = Scan("two_sources");
        Assert.Equal(
        [
            "DP103 proj/settings/two_sources.py:6:1 SECRET_KEY falls back to a literal (ship… (19 chars)) when DJANGO_SECRET_KEY and DJANGO_SECRET_KEY_FILE are missing. The active environment does not set them, so this default is the key in use. The same value also breaks DP101 (SECRET_KEY is a literal in source) and DP102 (SECRET_KEY is weak).",
        ], Findings(report));
    }

    [Fact]
    public void A_suppression_of_one_rule_leaves_the_others_of_the_merged_finding()
    {
        Assert.Equal(
        [
            "DP103 proj/settings/suppressed.py:6:1 SECRET_KEY falls back to a literal (anot… (34 chars)) when DJANGO_SECRET_KEY is missing. The active environment does not set it, so this default is the key in use. The same value also breaks DP101 (SECRET_KEY is a literal in source).",
        ], Findings(Scan("suppressed")));
    }

    [Fact]
    public void A_baseline_records_and_matches_each_rule_of_a_merged_finding()
    {
        var full = Scan("fails_open");
        // Accepted in full: nothing is new.
        var accepted = DjangoPreflight.Rules.Suppressions.Baseline.Of(full.Findings).Apply(full, "b.json").ApplyTo(full);
        Assert.Empty(accepted.Findings);
        // A baseline written before DP102 ran accepts DP103 and DP101: the weak key is new, and shown alone.
        var earlier = full with { Findings = RootCauses.Merge(RootCauses.Unmerge(full.Findings).Where(f => f.RuleId != "DP102").ToList()) };
        var shown = DjangoPreflight.Rules.Suppressions.Baseline.Of(earlier.Findings).Apply(full, "b.json").ApplyTo(full);
        var weak = Assert.Single(shown.Findings);
        Assert.Equal(("DP102", "SECRET_KEY is 31 characters long (dev-… (31 chars)); use at least 50 random characters."), (weak.RuleId, weak.Message));
        Assert.Empty(weak.AlsoRules);
    }

    [Fact]
    public void A_short_random_value_is_not_safe_by_construction()
    {
        var model = new ProjectContext(Path.Combine(RepoPaths.Root, "tests", "DjangoPreflight.Rules.Tests", "Fixtures", "FailClosed"),
            new ScanOptions { NoHistory = true, SettingsModule = "proj.settings.fails_open" }).Settings.Production!;
        Assert.IsType<PyUnknown>(model["SHORT_TOKEN"]!.Value);
        Assert.False(model["SHORT_TOKEN"]!.FailsClosed);
    }
}
