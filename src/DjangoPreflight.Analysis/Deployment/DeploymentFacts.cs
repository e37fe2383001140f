using DjangoPreflight.Analysis.Deployment.Compose;
using DjangoPreflight.Analysis.Deployment.Docker;
using DjangoPreflight.Analysis.Deployment.Nginx;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>
/// What the project's deployment files say: Dockerfiles, compose files, nginx configurations,
/// the commands that start the application server, the environment they set, and where static
/// files are collected. Every fact carries its file:line. Computed once by <see cref="DeploymentLoader"/>.
/// </summary>
public sealed class DeploymentFacts
{
    public required IReadOnlyList<Dockerfile> Dockerfiles { get; init; }

    public required IReadOnlyList<ComposeFile> ComposeFiles { get; init; }

    public required IReadOnlyList<NginxConfig> Nginx { get; init; }

    /// <summary>Every command that starts a server for Django, in file order.</summary>
    public required IReadOnlyList<ServerLaunch> Launches { get; init; }

    /// <summary>Environment variables the deployment files set, in file order.</summary>
    public required IReadOnlyList<EnvAssignment> Environment { get; init; }

    /// <summary>Where collectstatic runs (Dockerfile RUN, Procfile release, scripts, CI, Makefile...).</summary>
    public required IReadOnlyList<SourceLocation> CollectstaticSteps { get; init; }

    public required IReadOnlyList<GunicornConfig> GunicornConfigs { get; init; }

    public required IReadOnlyList<UwsgiConfig> UwsgiConfigs { get; init; }

    /// <summary>Paths of every file recognised as a deployment file, sorted.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>True when the project ships any deployment file at all; rules about what is
    /// missing from a deployment stay silent on a project that shows none.</summary>
    public bool HasAny => Files.Count > 0;

    /// <summary>Launches that production may run: not from development-named files or CI.</summary>
    public IEnumerable<ServerLaunch> ProductionLaunches =>
        Launches.Where(l => l.Role != FileRole.Development && l.Origin != LaunchOrigin.CI);

    /// <summary>All nginx servers of all configurations, with their configuration.</summary>
    public IEnumerable<(NginxConfig Config, NginxServer Server)> NginxServers =>
        Nginx.SelectMany(c => c.Servers.Select(s => (c, s)));

    /// <summary>Every place an nginx server hands requests to an application server (proxy_pass,
    /// uwsgi_pass...), with the scope whose headers and params apply.</summary>
    public IEnumerable<(NginxConfig Config, NginxServer Server, NginxScope Scope, NginxDirective Pass)> NginxUpstreams =>
        NginxServers.SelectMany(x => x.Server.Upstreams().Select(u => (x.Config, x.Server, u.Scope, u.Pass)));

    /// <summary>The upstreams that can be Django: proxy_pass, uwsgi_pass, scgi_pass. FastCGI and
    /// gRPC passes go to other programs (Django dropped FastCGI in 1.9).</summary>
    public IEnumerable<(NginxConfig Config, NginxServer Server, NginxScope Scope, NginxDirective Pass)> DjangoUpstreams =>
        NginxUpstreams.Where(u => u.Pass.Name is "proxy_pass" or "uwsgi_pass" or "scgi_pass");
}
