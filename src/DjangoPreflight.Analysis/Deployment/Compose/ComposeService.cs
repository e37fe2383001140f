using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Compose;

/// <summary>A port a compose service publishes on the host. <see cref="HostIp"/> is null when
/// none is given, which means every interface (0.0.0.0 and ::).</summary>
public sealed record PublishedPort(string? HostIp, string? HostPort, string ContainerPort, SourceLocation Location)
{
    public bool OnAllInterfaces => HostIp is null or "" or "0.0.0.0" or "::" or "[::]";
}

/// <summary>A value of a compose file with where it is written.</summary>
public sealed record Located(string Value, SourceLocation Location);

/// <summary>A bind mount: a host path (as written, relative to the compose file's folder) mounted
/// at a path in the container.</summary>
public sealed record Mount(string Source, string Target, SourceLocation Location);

/// <summary>One service of a compose file, as far as the deployment rules need it.</summary>
public sealed record ComposeService(
    string Name,
    SourceLocation Location,
    Located? Image,
    Located? Command,
    Located? Entrypoint,
    IReadOnlyList<KeyValuePair<string, Located>> Environment,
    IReadOnlyList<Located> EnvFiles,
    IReadOnlyList<PublishedPort> Ports,
    string? BuildContext,
    string? BuildDockerfile)
{
    /// <summary>Bind mounts of host paths (named volumes are not listed).</summary>
    public IReadOnlyList<Mount> Volumes { get; init; } = [];

    /// <summary>The command's words, each with its own line when written as a YAML list (Traefik's
    /// static configuration is a flag per item).</summary>
    public IReadOnlyList<Located> CommandWords { get; init; } = [];

    /// <summary>Container labels (Traefik reads its routers and middlewares from them).</summary>
    public IReadOnlyList<KeyValuePair<string, Located>> Labels { get; init; } = [];

    /// <summary>True when the service lists ports under <c>expose:</c> (reachable by other services only).</summary>
    public bool Exposes { get; init; }

    /// <summary>The networks the service joins, by name.</summary>
    public IReadOnlyList<string> Networks { get; init; } = [];

    internal static readonly string[] Datastores =
        ["postgres", "postgis", "mysql", "mariadb", "mongo", "redis", "valkey", "keydb", "memcached", "rabbitmq", "elasticsearch", "opensearch", "cassandra", "couchdb", "kafka", "zookeeper"];

    /// <summary>The kind of database, cache or broker this service runs (from its image, else its
    /// name), or null for anything else.</summary>
    public string? Datastore
    {
        get
        {
            var image = Image?.Value.ToLowerInvariant() ?? "";
            // The image's repository name, without registry, namespace or tag.
            var repo = image.Split('/')[^1].Split(':')[0].Split('@')[0];
            var byImage = Datastores.FirstOrDefault(d => repo.StartsWith(d, StringComparison.Ordinal) || repo.Contains(d, StringComparison.Ordinal));
            if (byImage is not null || Image is not null) return byImage;
            var name = Name.ToLowerInvariant();
            return Datastores.FirstOrDefault(d => name.Contains(d, StringComparison.Ordinal));
        }
    }

    public Located? EnvironmentValue(string name) =>
        Environment.Where(e => e.Key == name).Select(e => e.Value).LastOrDefault();
}
