using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules;

/// <summary>A rule decided by the production settings alone. The settings-only entry point lets the
/// rule's logic be tested on a hand-built <see cref="SettingsModel"/> as well as on a real project;
/// the optional locator (present on a real project) sharpens locations to the deciding element.</summary>
public abstract class ProductionSettingsRule : ProjectRule
{
    public sealed override IEnumerable<Finding> Check(ProjectContext project) =>
        project.Settings.Production is { } settings && !Moot(project, settings) ? CheckProject(project, settings) : [];

    /// <summary>The check on a real project: by default the settings alone; a rule that also reads
    /// another project fact (the project's classes, the settings under production's env template)
    /// passes it on here, its settings-only entry point still judging without it.</summary>
    protected virtual IEnumerable<Finding> CheckProject(ProjectContext project, SettingsModel settings) =>
        CheckSettings(settings, project.Code.Locator);

    /// <summary>True when the rest of the project makes the settings' question moot (the app serves
    /// its static files itself, so STATIC_ROOT has no role).</summary>
    protected virtual bool Moot(ProjectContext project, SettingsModel settings) => false;

    public abstract IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null);

    /// <summary>The line of the string literal <paramref name="literal"/> within setting
    /// <paramref name="name"/>, else where the setting is assigned.</summary>
    protected static SourceLocation At(SettingsModel settings, SettingLocator? locator, string name, string literal) =>
        locator?.Find(settings, name, s => s == literal) ?? settings.LocationOf(name);
}
