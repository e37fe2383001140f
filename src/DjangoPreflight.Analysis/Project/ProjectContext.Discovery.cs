using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Discovery;
using DjangoPreflight.Analysis.Environment;

namespace DjangoPreflight.Analysis.Project;

public sealed partial class ProjectContext
{
    private DiscoveredSettings? _settingsLayout;
    private EnvProfile? _envProfile;

    /// <summary>manage.py/wsgi/asgi, the settings modules, the import roots, and which module production runs and why.</summary>
    public DiscoveredSettings SettingsLayout => Step(ref _settingsLayout, "finding the settings modules", () => SettingsDiscovery.Discover(Files, Options, Diagnostics, Deployment, Python));

    /// <summary>The environment settings are evaluated under: the one the user gave (--env-file, --env,
    /// --inherit-env), else the one production's deployment files give the serving process.</summary>
    public EnvProfile EnvProfile => Once(ref _envProfile, () =>
        EnvProfile.GivenByUser(Options) ? EnvProfile.Load(Options, Diagnostics) : DeploymentEnvironment.Profile(Deployment));
}
