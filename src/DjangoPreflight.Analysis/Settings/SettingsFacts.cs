using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Settings;

/// <summary>What the settings evaluator found in a project.</summary>
public sealed class SettingsFacts
{
    public SettingsFacts(SettingsModel? production, IReadOnlyList<SettingsModel> all)
    {
        Production = production;
        All = all;
    }

    /// <summary>The module production runs, evaluated under the active env profile; null when none was found.</summary>
    public SettingsModel? Production { get; }

    /// <summary>Every settings module of the project (production included), for cross-module rules.</summary>
    public IReadOnlyList<SettingsModel> All { get; }

    public static SettingsFacts Load(ProjectContext project)
    {
        // Placeholder until the settings evaluator (issue 4) lands: nothing is evaluated.
        project.Diagnostics.Notice("settings evaluation is not available in this build");
        return new SettingsFacts(null, []);
    }
}
