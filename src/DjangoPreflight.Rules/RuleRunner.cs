using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules;

/// <summary>Runs project rules over a project in parallel and returns their findings in the one
/// deterministic order. A rule that throws is reported as a notice; the scan goes on.</summary>
public static class RuleRunner
{
    public static IReadOnlyList<Finding> Run(ProjectContext project, IEnumerable<ProjectRule> rules)
    {
        var list = rules.ToArray();
        var perRule = new List<Finding>[list.Length];
        // Parallel.For rather than PLINQ: System.Linq.Parallel is not Native-AOT clean on net9.
        Parallel.For(0, list.Length, i => perRule[i] = RunOne(project, list[i]));
        var all = perRule.SelectMany(f => f).Distinct().ToList();
        all.Sort(FindingOrder.Instance);
        return all;
    }

    private static List<Finding> RunOne(ProjectContext project, ProjectRule rule)
    {
        try
        {
            return rule.Check(project).ToList();
        }
        catch (Exception e)
        {
            // A rule bug must not take the scan down; the notice names the rule so it can be fixed.
            project.Diagnostics.Notice($"{rule.Descriptor.Id}: rule failed ({e.GetType().Name}: {e.Message})");
            return [];
        }
    }
}
