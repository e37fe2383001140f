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

    /// <summary>Discovers the settings modules and evaluates each under the active env profile.</summary>
    public static SettingsFacts Load(ProjectContext project) => SettingsEvaluator.Load(project);
}
