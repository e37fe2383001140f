using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Analysis.Project;

public sealed partial class ProjectContext
{
    private SettingsFacts? _settings;

    /// <summary>The evaluated settings: the production module and every other settings module.</summary>
    public SettingsFacts Settings => Once(ref _settings, () => SettingsFacts.Load(this));
}
