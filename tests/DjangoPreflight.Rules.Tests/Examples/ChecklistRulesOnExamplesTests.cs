using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Rules.Tests.Examples;

/// <summary>The checklist rules of issue 6 on the two example projects, scanned as production runs
/// them (with their deploy/production.env): every deliberate mistake of insecure-shop is reported at
/// its file:line, and hardened-shop draws nothing at low or above.</summary>
public class ChecklistRulesOnExamplesTests
{
    public static readonly string[] ChecklistRules =
    [
        "DP101", "DP103", "DP104", "DP108", "DP111", "DP202", "DP204", "DP205", "DP206", "DP207", "DP208", "DP209", "DP210",
        "DP212", "DP213", "DP306", "DP310", "DP406", "DP407", "DP408", "DP409", "DP503", "DP505", "DP506", "DP507", "DP508",
        "DP509", "DP510", "DP511", "DP513", "DP601", "DP603", "DP605", "DP606", "DP607", "DP608", "DP701", "DP702", "DP703",
    ];

    private static ScanReport Scan(string example)
    {
        var root = RepoPaths.Examples(example);
        var options = new ScanOptions { EnvFiles = [Path.Combine(root, RepoPaths.ProductionEnv(example))], NoHistory = true };
        var project = new ProjectContext(root, options);
        var rules = ProjectRuleSet.All.Where(r => ChecklistRules.Contains(r.Descriptor.Id)).ToList();
        return ProjectScanner.Scan(project, rules, example);
    }

    [Fact]
    public void Every_checklist_rule_is_registered_once()
    {
        var ids = ProjectRuleSet.All.Select(r => r.Descriptor.Id).Where(ChecklistRules.Contains).ToList();
        Assert.Equal(ChecklistRules.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    /// <summary>Rows of the example's mistake table that these rules deliberately do not report, with why
    /// (reported to the lead as disagreements rather than bending a rule).</summary>
    private static readonly Dictionary<string, string> NotReported = new(StringComparer.Ordinal)
    {
        // Persistent connections buy nothing for SQLite (a local file); DP701 skips it.
        ["DP701"] = "production's database is SQLite",
    };

    /// <summary>The insecure example's README table: (rule, where) for this rules, where is
    /// "path:line" or just "path" for something absent.</summary>
    private static List<(string Rule, string Where)> MistakeTable()
    {
        var readme = Path.Combine(RepoPaths.Examples("insecure-shop"), "README.md");
        return File.ReadLines(readme)
            .Select(l => l.Split('|'))
            .Where(c => c.Length == 6 && c[1].Trim().StartsWith("DP", StringComparison.Ordinal) && ChecklistRules.Contains(c[1].Trim()))
            .Select(c => (c[1].Trim(), c[3].Trim().Trim('`')))
            .ToList();
    }

    private static bool Matches(Finding f, string rule, string where)
    {
        if (f.RuleId != rule) return false;
        var colon = where.LastIndexOf(':');
        return colon > 0 && int.TryParse(where[(colon + 1)..], out var line)
            ? f.Location.Path == where[..colon] && f.Location.Line == line
            : f.Location.Path == where;
    }

    [Fact]
    public void Insecure_shop_reports_each_deliberate_mistake_of_its_table_at_its_line()
    {
        // A mistake several rules see in one value is one finding that names the others: each rule counts.
        var findings = Rules.RootCauses.Unmerge(Scan("insecure-shop").Findings);
        var table = MistakeTable();
        Assert.True(table.Count >= 30, $"only {table.Count} rows of this issue's rules in the README table");
        var missing = table.Where(r => !NotReported.ContainsKey(r.Rule) && !findings.Any(f => Matches(f, r.Rule, r.Where)))
            .Select(r => $"{r.Rule} {r.Where}").ToList();
        Assert.Empty(missing);
        var unlisted = findings.Where(f => !table.Any(r => Matches(f, r.Rule, r.Where))).Select(f => $"{f.RuleId} {f.Location}").ToList();
        Assert.Empty(unlisted);
        Assert.DoesNotContain(findings, f => NotReported.ContainsKey(f.RuleId));
    }

    [Fact]
    public void Insecure_shop_findings_carry_exact_columns_for_element_level_locations()
    {
        var report = Scan("insecure-shop");
        var at = report.Findings.Select(f => $"{f.RuleId} {f.Location}").ToList();
        Assert.Contains("DP207 shop/urls.py:16:5", at);
        Assert.Contains("DP503 orders/views.py:43:2", at);
        Assert.Contains("DP511 orders/api.py:19:5", at);
        Assert.Contains("DP210 shop/settings/production.py:28:9", at);
        Assert.Contains("DP204 shop/settings/production.py:9:77", at);
        Assert.Contains("DP205 shop/settings/production.py:9:62", at);
    }

    [Fact]
    public void Insecure_shop_messages_name_the_mistake_without_printing_secrets()
    {
        var report = Scan("insecure-shop");
        var byRule = Rules.RootCauses.Unmerge(report.Findings).GroupBy(f => f.RuleId).ToDictionary(g => g.Key, g => g.First().Message);
        // The shared literal key is one finding: DP101's, naming DP104.
        Assert.Equal("The production SECRET_KEY is the literal djan… (66 chars) from the source, because the environment does not set DJANGO_SECRET_KEY. "
            + "The same value also breaks DP104 (The same SECRET_KEY is used by several environments).", report.Findings.Single(f => f.RuleId == "DP101").Message);
        Assert.Equal("The production SECRET_KEY is the literal djan… (66 chars) from the source, because the environment does not set DJANGO_SECRET_KEY.", byRule["DP101"]);
        Assert.Equal("The production SECRET_KEY (djan… (66 chars)) is also the key of shop.settings.dev.", byRule["DP104"]);
        // The development module's password is a development file's: lowered to info, saying why.
        Assert.Equal("DATABASES[\"default\"][\"PASSWORD\"] is a literal in shop.settings.dev (Sh0p… (23 chars)); read it from the environment."
                     + " (shop/settings/dev.py is a development file: its name says dev; it does not describe production, so this is lowered to info.)", byRule["DP108"]);
        Assert.Equal("OrderCreateView accepts POST with AllowAny: anyone can write through it.", byRule["DP511"]);
        Assert.Equal("View payment_webhook is exempt from CSRF protection and changes data without verifying a signature or credential: anyone can send it.", byRule["DP503"]);
        Assert.Equal("The admin is mounted at the default URL \"admin/\".", byRule["DP207"]);
        Assert.DoesNotContain(report.Findings, f => f.Message.Contains("ym)z4=oaw1oewbe2pqqkbkt", StringComparison.Ordinal) || f.Message.Contains("7Sby0KLMLkTsI3oU", StringComparison.Ordinal));
    }

    [Fact]
    public void Hardened_shop_draws_no_checklist_finding_at_low_or_above()
    {
        var report = Scan("hardened-shop");
        var serious = report.Findings.Where(f => f.Severity >= Severity.Low).Select(f => $"{f.RuleId} {f.Location} {f.Message}").ToList();
        Assert.Empty(serious);
        Assert.NotNull(report.Target.SettingsModule);
    }
}
