using System.Text.RegularExpressions;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Rules.Tests.GitRules;

/// <summary>The scanner starts git early for the rules that say they read it (ProjectRule.ReadsGit).
/// A rule that reads git without saying so still works, only slower; one that says so without
/// reading git makes every scan that selects it run git for nothing. Both are caught here, from the
/// rules' own source.</summary>
public partial class ReadsGitDeclarationTests
{
    [Fact]
    public void Every_rule_declares_exactly_what_it_reads_from_git()
    {
        var wrong = new List<string>();
        foreach (var rule in ProjectRuleSet.All)
        {
            var name = rule.GetType().Name;
            var sources = Directory.GetFiles(Path.Combine(RepoPaths.Root, "src", "DjangoPreflight.Rules"), name + ".cs", SearchOption.AllDirectories);
            var source = File.ReadAllText(Assert.Single(sources));
            var reads = GitHistory().IsMatch(source) ? GitReads.History
                : GitFacts().IsMatch(source) ? GitReads.Files
                : GitReads.Nothing;
            if (rule.ReadsGit != reads) wrong.Add($"{rule.Descriptor.Id} {name}: reads {reads}, declares {rule.ReadsGit}");
        }
        Assert.Empty(wrong);
        Assert.Contains(ProjectRuleSet.All, r => r.ReadsGit == GitReads.History); // the patterns do match real rules
        Assert.Contains(ProjectRuleSet.All, r => r.ReadsGit == GitReads.Files);
    }

    [GeneratedRegex(@"\.Git\.History\b")]
    private static partial Regex GitHistory();

    [GeneratedRegex(@"\bproject\.Git\b")]
    private static partial Regex GitFacts();
}
