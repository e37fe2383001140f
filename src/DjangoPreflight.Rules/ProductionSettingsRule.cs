using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules;

/// <summary>A rule decided by the production settings alone. The settings-only entry point lets the
/// rule's logic be tested on a hand-built <see cref="SettingsModel"/> as well as on a real project.</summary>
public abstract class ProductionSettingsRule : ProjectRule
{
    public sealed override IEnumerable<Finding> Check(ProjectContext project) =>
        project.Settings.Production is { } settings ? CheckSettings(settings) : [];

    public abstract IEnumerable<Finding> CheckSettings(SettingsModel settings);
}
