using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Infrastructure;

/// <summary>DP808: a production compose file, Procfile, env file, Dockerfile or unit sets DEBUG on.</summary>
public sealed class DebugOnInDeployment : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP808",
        Title: "A production deployment file sets DEBUG on",
        Category: Category.Infrastructure,
        DefaultSeverity: Severity.Critical,
        DjangoIds: [],
        Seeds: ["000"],
        Docs: new RuleDocs(
            Why: """
                Settings that read DEBUG from the environment are only as safe as the environment
                production gets. A DEBUG=True in the production compose file, env file or Procfile turns
                on Django's debug pages (source, settings, local variables) for everyone, however
                carefully settings.py defaults it to False.
                """,
            Fix: """
                Remove the variable from production files (the settings default should be False), or set
                it to False. Keep DEBUG=True in development-only files (.env.dev, docker-compose.override.yml).
                """,
            Before: """
                services:
                  web:
                    environment:
                      DJANGO_DEBUG: "True"
                """,
            After: """
                services:
                  web:
                    environment:
                      DJANGO_DEBUG: "False"
                """));

    public override IEnumerable<Finding> Check(ProjectContext project) => Check(project, project.Settings.Production);

    /// <summary>The check against the given settings: the evaluated production module, or a test's own.</summary>
    public IEnumerable<Finding> Check(ProjectContext project, SettingsModel? settings)
    {
        var names = DebugVariables(settings);
        foreach (var assignment in project.Deployment.Environment)
        {
            if (!assignment.Role.SpeaksForProduction() || !names.Contains(assignment.Name) || !assignment.IsTruthy) continue;
            // A plain `.env` is usually the developer's own file; only a production one counts.
            if (assignment.Origin == "env file" && assignment.Role != FileRole.Production) continue;
            // A bare `.env` or an unnamed compose file may be the developer's; say so by confidence.
            var confidence = assignment.Role == FileRole.Production || assignment.Origin == "Procfile" ? Confidence.High : Confidence.Medium;
            yield return Finding(
                $"The {assignment.Origin} sets {assignment.Name}={assignment.Value.Trim()}, which turns DEBUG on.",
                assignment.Location, confidence, setting: "DEBUG");
        }
    }

    /// <summary>The variables DEBUG is read from: those the evaluated setting names, else the usual ones.
    /// A variable DEBUG only depends on through a value we could not evaluate (IN_DOCKER choosing a data
    /// directory that an unknown config loader then reads) is not known to turn DEBUG on: it counts only
    /// when DEBUG's value was evaluated, or when its name says it is a debug switch.</summary>
    private static HashSet<string> DebugVariables(SettingsModel? settings)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "DEBUG", "DJANGO_DEBUG" };
        if (settings?["DEBUG"] is { } debug)
            names.UnionWith(debug.EnvVars.Where(v => debug.IsKnown || v.Contains("DEBUG", StringComparison.OrdinalIgnoreCase)));
        return names;
    }
}
