using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Settings;

/// <summary>What the settings evaluator found in a project.</summary>
public sealed class SettingsFacts
{
    private readonly Lazy<TemplateSettings?> _underEnvTemplate;

    /// <param name="underEnvTemplate">Computes <see cref="UnderEnvTemplate"/> when first asked (one more evaluation).</param>
    public SettingsFacts(SettingsModel? production, IReadOnlyList<SettingsModel> all, Func<TemplateSettings?>? underEnvTemplate = null)
    {
        Production = production;
        All = all;
        _underEnvTemplate = new Lazy<TemplateSettings?>(underEnvTemplate ?? (() => null));
    }

    /// <summary>The module production runs, evaluated under the active env profile; null when none was found.</summary>
    public SettingsModel? Production { get; }

    /// <summary>The production module under production's env template, when the environment comes from the
    /// deployment files (not from the user) and the project ships such a template; else null.</summary>
    public TemplateSettings? UnderEnvTemplate => _underEnvTemplate.Value;

    /// <summary>Every settings module of the project (production included), for cross-module rules.</summary>
    public IReadOnlyList<SettingsModel> All { get; }

    /// <summary>Discovers the settings modules and evaluates each under the active env profile.</summary>
    public static SettingsFacts Load(ProjectContext project) => SettingsEvaluator.Load(project);
}
