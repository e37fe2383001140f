using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules;

/// <summary>Runs project rules over a project and returns their findings in the one deterministic
/// order. A rule that throws is reported as a notice; the scan goes on. Once the scan's time budget
/// has run out, the rules not yet run are skipped and named in the budget's notice.</summary>
/// <remarks>Rules run one after another on purpose. A rule is cheap once the facts it reads exist;
/// the work is in computing facts, and that is where the parallelism lives (the bulk parse uses
/// every core). Running rules in parallel made them block pool threads on the facts' lock while the
/// fact being computed needed pool threads itself (process output, the parallel parse): a 2-core
/// machine then waited seconds for the thread pool to grow.</remarks>
public static class RuleRunner
{
    public static IReadOnlyList<Finding> Run(ProjectContext project, IEnumerable<ProjectRule> rules)
    {
        var all = rules.SelectMany(rule => RunOne(project, rule)).Distinct().ToList();
        all.Sort(FindingOrder.Instance);
        return all;
    }

    private static List<Finding> RunOne(ProjectContext project, ProjectRule rule)
    {
        var budget = project.Options.Budget;
        if (budget.Expired)
        {
            budget.CutShort("rules not run", rule.Descriptor.Id);
            return [];
        }
        budget.Phase = $"rule {rule.Descriptor.Id}";
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
