using DjangoPreflight.Analysis.Deployment.Compose;
using DjangoPreflight.Analysis.Deployment.Docker;
using DjangoPreflight.Analysis.Deployment.Nginx;
using DjangoPreflight.Analysis.Deployment.Roles;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>
/// What the project's deployment files say: Dockerfiles, compose files, nginx configurations,
/// the commands that start the application server, the environment they set, and where static
/// files are collected. Every fact carries its file:line. Computed once by <see cref="DeploymentLoader"/>.
/// </summary>
public sealed partial class DeploymentFacts
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

    /// <summary>Every file recognised as a deployment file, by path, with its kind and role.</summary>
    public required IReadOnlyList<DeploymentFile> Files { get; init; }

    /// <summary>Every command line of a deployment file that can start something, with the file's role.</summary>
    public IReadOnlyList<DeploymentCommand> Commands { get; init; } = [];

    /// <summary>Every COPY/ADD of a project file or folder into an image.</summary>
    public IReadOnlyList<ImageCopy> ImageCopies { get; init; } = [];

    /// <summary>The Kubernetes manifests whose containers run the app (see <see cref="Kubernetes.KubernetesApps"/>).</summary>
    public IReadOnlyList<string> KubernetesApps { get; init; } = [];

    /// <summary>Which deployment file uses which (builds, loads, copies, mounts, runs).</summary>
    public IReadOnlyList<FileReference> References { get; init; } = [];

    /// <summary>The role of a project file when it is a deployment file; null otherwise.</summary>
    public DeploymentFile? FileAt(string? path) =>
        path is null ? null : (_byPath ??= Files.ToDictionary(f => f.Path, StringComparer.Ordinal)).GetValueOrDefault(path);

    private Dictionary<string, DeploymentFile>? _byPath;

    /// <summary>True when the project ships any deployment file at all; rules about what is
    /// missing from a deployment stay silent on a project that shows none.</summary>
    public bool HasAny => Files.Count > 0;

    /// <summary>Launches that production may run: from production files or files of unknown role.</summary>
    public IEnumerable<ServerLaunch> ProductionLaunches =>
        Launches.Where(l => l.Role.SpeaksForProduction() && l.Origin != LaunchOrigin.CI);

    /// <summary>The serving chain: production-capable files (production role, or none decided) joined,
    /// by what uses what, to the launch of a production server (not runserver), a hosting platform's
    /// file or a Kubernetes manifest that runs the app. Its environment is what production gives the app.</summary>
    public IReadOnlySet<string> ServingChain => _chain ??= ComputeServingChain();

    private HashSet<string>? _chain;

    private HashSet<string> ComputeServingChain()
    {
        bool Capable(string path) => FileAt(path)?.Role.SpeaksForProduction() ?? false;
        var seeds = ProductionLaunches.Where(l => l.Server != AppServer.Runserver).Select(l => l.Location.Path ?? "")
            .Concat(Files.Where(f => f.Kind == DeploymentKind.Platform).Select(f => f.Path))
            .Concat(KubernetesApps)
            .Where(Capable).ToList();
        var neighbours = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var r in References)
        {
            (neighbours.TryGetValue(r.From, out var a) ? a : neighbours[r.From] = []).Add(r.To);
            (neighbours.TryGetValue(r.To, out var b) ? b : neighbours[r.To] = []).Add(r.From);
        }
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(seeds);
        while (queue.Count > 0)
        {
            var file = queue.Dequeue();
            if (!reached.Add(file)) continue;
            foreach (var next in neighbours.GetValueOrDefault(file) ?? [])
                if (!reached.Contains(next) && Capable(next)) queue.Enqueue(next);
        }
        return reached;
    }

    /// <summary>The nginx configurations that may describe production (not development, CI, test or example ones).</summary>
    public IEnumerable<NginxConfig> ProductionNginx => Nginx.Where(c => c.SpeaksForProduction);

    /// <summary>All nginx servers of all configurations, with their configuration.</summary>
    public IEnumerable<(NginxConfig Config, NginxServer Server)> NginxServers =>
        Nginx.SelectMany(c => c.Servers.Select(s => (c, s)));

    /// <summary>Every place an nginx server hands requests to an application server (proxy_pass,
    /// uwsgi_pass...), with the scope whose headers and params apply.</summary>
    public IEnumerable<(NginxConfig Config, NginxServer Server, NginxScope Scope, NginxDirective Pass)> NginxUpstreams =>
        NginxServers.SelectMany(x => x.Server.Upstreams().Select(u => (x.Config, x.Server, u.Scope, u.Pass)));

    /// <summary>The upstreams that can be Django: proxy_pass, uwsgi_pass, scgi_pass, unless they reach
    /// only compose services that are other programs (see <see cref="OtherPrograms"/>). FastCGI and
    /// gRPC passes go to other programs (Django dropped FastCGI in 1.9).</summary>
    public IEnumerable<(NginxConfig Config, NginxServer Server, NginxScope Scope, NginxDirective Pass)> DjangoUpstreams =>
        NginxUpstreams.Where(u => u.Pass.Name is "proxy_pass" or "uwsgi_pass" or "scgi_pass" && !OtherPrograms.Reached(this, u.Config, u.Pass));
}
