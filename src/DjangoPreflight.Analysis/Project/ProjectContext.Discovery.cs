using DjangoPreflight.Analysis.Discovery;
using DjangoPreflight.Analysis.Environment;

namespace DjangoPreflight.Analysis.Project;

public sealed partial class ProjectContext
{
    private DiscoveredSettings? _settingsLayout;
    private EnvProfile? _envProfile;

    /// <summary>manage.py/wsgi/asgi, the settings modules, the import roots, and which module production runs and why.</summary>
    public DiscoveredSettings SettingsLayout => Once(ref _settingsLayout, () => SettingsDiscovery.Discover(Files, Options, Diagnostics, Deployment, Python));

    /// <summary>The environment settings are evaluated under (--env-file, --env, --inherit-env).</summary>
    public EnvProfile EnvProfile => Once(ref _envProfile, () => EnvProfile.Load(Options, Diagnostics));
}
