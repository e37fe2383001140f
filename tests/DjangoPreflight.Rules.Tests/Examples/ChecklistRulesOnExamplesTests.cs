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
        var options = new ScanOptions { EnvFiles = [Path.Combine(root, "deploy", "production.env")], NoHistory = true };
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

    [Fact]
    public void Insecure_shop_reports_each_deliberate_mistake_at_its_line()
    {
        var report = Scan("insecure-shop");
        var actual = report.Findings.Select(f => $"{f.RuleId} {f.Location}").Order(StringComparer.Ordinal).ToList();
        string[] expected =
        [
            "DP101 shop/settings/base.py:12:1",
            "DP103 shop/settings/production.py:6:1",
            "DP104 shop/settings/base.py:12:1",
            "DP108 shop/settings/dev.py:15:21",
            "DP111 shop/settings/base.py:48:28",
            "DP111 shop/settings/base.py:49:30",
            "DP202 shop/settings/base.py:14:1",
            "DP204 shop/settings/production.py:9:77",
            "DP205 shop/settings/production.py:9:62",
            "DP206 templates",
            "DP207 shop/urls.py:16:5",
            "DP208 shop/settings/base.py:156:22",
            "DP210 shop/settings/production.py:28:9",
            "DP212 shop/settings/base.py:140:9",
            "DP213 shop/settings/production.py:15:1",
            "DP310 shop/settings/base.py:33:5",
            "DP406 shop/settings/production.py:1",
            "DP503 orders/views.py:43:2",
            "DP505 shop/settings/base.py:116:1",
            "DP506 shop/settings/base.py:87:5",
            "DP508 shop/settings/base.py:95:21",
            "DP509 shop/settings/base.py:136:9",
            "DP510 shop/settings/base.py:130:1",
            "DP511 orders/api.py:19:5",
            "DP513 shop/settings/base.py:114:1",
            "DP601 shop/settings/base.py:106:1",
            "DP603 shop/settings/base.py:110:1",
            "DP605 shop/settings/production.py:1",
            "DP605 shop/settings/production.py:1",
            "DP606 shop/settings/base.py:128:1",
            "DP607 shop/settings/base.py:123:20",
            "DP608 shop/settings/base.py:78:19",
            "DP702 shop/settings/base.py:60:13",
        ];
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Insecure_shop_messages_name_the_mistake_without_printing_secrets()
    {
        var report = Scan("insecure-shop");
        var byRule = report.Findings.GroupBy(f => f.RuleId).ToDictionary(g => g.Key, g => g.First().Message);
        Assert.Equal("The production SECRET_KEY is the literal djan… (66 chars) from the source, because the environment does not set DJANGO_SECRET_KEY.", byRule["DP101"]);
        Assert.Equal("The production SECRET_KEY (djan… (66 chars)) is also the key of shop.settings.dev.", byRule["DP104"]);
        Assert.Equal("DATABASES[\"default\"][\"PASSWORD\"] is a literal in shop.settings.dev (Sh0p… (23 chars)); read it from the environment.", byRule["DP108"]);
        Assert.Equal("OrderCreateView accepts POST with AllowAny: anyone can write through it.", byRule["DP511"]);
        Assert.Equal("View payment_webhook is exempt from CSRF protection; make sure it does not act on the session or verifies requests otherwise.", byRule["DP503"]);
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
