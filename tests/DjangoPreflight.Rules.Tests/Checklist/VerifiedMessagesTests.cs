using DjangoPreflight.Analysis.Project;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Rules.Tests.Checklist;

/// <summary>Every message states only what was verified (#17.4), on fixtures shaped like what real
/// projects do: a credential read through the project's own env helper is its fallback, not "a literal".</summary>
public class VerifiedMessagesTests
{
    private static List<string> Scan(string rule, string fixture)
    {
        var root = Path.Combine(RepoPaths.Root, "tests", "DjangoPreflight.Rules.Tests", "Fixtures", rule, fixture);
        var project = new ProjectContext(root, new ScanOptions { NoHistory = true });
        return ProjectScanner.Scan(project, ProjectRuleSet.All.Where(r => r.Descriptor.Id == rule), fixture)
            .Findings.Select(f => $"{f.RuleId} {f.Location} {f.Message}").ToList();
    }

    [Fact]
    public void DP108_a_default_read_through_an_env_helper_is_a_fallback_at_its_own_line_and_a_class_path_is_no_credential()
    {
        Assert.Equal(
        [
            "DP108 proj/settings.py:23:52 DATABASES[\"default\"][\"PASSWORD\"] falls back to a literal (s… (4 chars)) when SHOP_DB_PASSWORD and SHOP_DB_PASSWORD_FILE are missing.",
        ], Scan("DP108", "helper"));
    }

    [Fact]
    public void DP510_is_silent_when_a_view_chooses_its_throttles_in_code() => Assert.Empty(Scan("DP510", "views"));

    [Fact]
    public void DP206_a_handler_imported_under_djangos_name_is_a_custom_error_view()
    {
        // The same project as Fixtures/DP206/fires (which reports 400, 404 and 500 missing), with those three
        // handlers imported from its views: nothing is missing.
        Assert.Empty(Scan("DP206", "imported"));
    }
}
