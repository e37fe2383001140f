using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Rules.Tests.GitRules;

/// <summary>The scanner runs the rules that read git last (so its prefetch overlaps the others) and
/// in parallel with a thread of git work: neither may show in the report.</summary>
public class RuleOrderTests
{
    [Fact]
    public void The_report_is_the_same_whatever_order_the_rules_are_given_in()
    {
        // The insecure example inside this repository: its tracked files come from git, and it has
        // findings from rules that read git and from rules that do not.
        var root = Path.Combine(RepoPaths.Root, "examples", "insecure-shop");
        ScanReport Scan(IEnumerable<ProjectRule> rules) =>
            ProjectScanner.Scan(new ProjectContext(root, new ScanOptions { NoHistory = true }), rules, "insecure-shop");

        var forward = Scan(ProjectRuleSet.All);
        var backward = Scan(ProjectRuleSet.All.Reverse());

        Assert.Contains(forward.Findings, f => ProjectRuleSet.All.Single(r => r.Descriptor.Id == f.RuleId).ReadsGit != GitReads.Nothing);
        Assert.Contains(forward.Findings, f => ProjectRuleSet.All.Single(r => r.Descriptor.Id == f.RuleId).ReadsGit == GitReads.Nothing);
        Assert.Equal(forward.Findings, backward.Findings);
        Assert.Equal(forward.Summary.Notices, backward.Summary.Notices);
    }
}
