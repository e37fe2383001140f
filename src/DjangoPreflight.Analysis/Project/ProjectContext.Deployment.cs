using DjangoPreflight.Analysis.Deployment;

namespace DjangoPreflight.Analysis.Project;

public sealed partial class ProjectContext
{
    private DeploymentFacts? _deployment;

    /// <summary>What the deployment files say: Dockerfiles, compose, nginx, server launches, environment.</summary>
    public DeploymentFacts Deployment => Step(ref _deployment, "reading the deployment files", () => DeploymentLoader.Load(Files, Diagnostics));
}
