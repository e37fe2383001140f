using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>DP201: DEBUG is on in the production settings (Django's security.W018).</summary>
public sealed class DebugEnabled : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP201",
        Title: "DEBUG is on in production",
        Category: Category.Disclosure,
        DefaultSeverity: Severity.Critical,
        DjangoIds: ["security.W018"],
        Seeds: ["000", "001", "003", "004"],
        Docs: new RuleDocs(
            Why: """
                With DEBUG on, every error page shows source code, local variables, the settings (with
                anything not recognised as secret) and the installed packages to whoever triggers it.
                Django also keeps every SQL query in memory, which grows without bound.
                """,
            Fix: """
                Set DEBUG = False in the production settings, or read it from the environment with a
                default of False so that a missing variable can never turn it on.
                """,
            Before: """
                DEBUG = True
                """,
            After: """
                DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
                """));

    public override IEnumerable<Finding> Check(ProjectContext project)
    {
        if (project.Settings.Production is not { } settings || settings["DEBUG"] is not { } debug)
            yield break;
        // Django's check is `if settings.DEBUG`: any truthy value fires it.
        if (debug.Value.Truthy == true)
            yield return Finding("DEBUG is True in the production settings.", settings.LocationOf("DEBUG"), setting: "DEBUG");
        else if (debug.Value.Truthy is null)
            yield return Finding($"DEBUG could not be resolved ({((PyUnknown)debug.Value).Reason}); check it is False in production.",
                settings.LocationOf("DEBUG"), Confidence.Low, "DEBUG");
    }
}
