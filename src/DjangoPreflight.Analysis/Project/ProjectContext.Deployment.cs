using DjangoPreflight.Analysis.Deployment;

namespace DjangoPreflight.Analysis.Project;

public sealed partial class ProjectContext
{
    private DeploymentFacts? _deployment;

    /// <summary>What the deployment files say: Dockerfiles, compose, nginx, server launches, environment.</summary>
    public DeploymentFacts Deployment => Once(ref _deployment, () => DeploymentLoader.Load(Files, Diagnostics));
}
