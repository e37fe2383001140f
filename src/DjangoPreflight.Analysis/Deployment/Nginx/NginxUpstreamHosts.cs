namespace DjangoPreflight.Analysis.Deployment.Nginx;

/// <summary>Where an nginx pass goes: the host (and port) of <c>proxy_pass http://name:port/path</c>
/// (or <c>uwsgi_pass name:port</c>), or, when that name is an <c>upstream</c> block of the
/// configuration, the hosts and ports of that block's <c>server</c> lines. Empty when any target is
/// a unix socket, an address or a variable: those cannot be tied to a service.</summary>
public static class NginxUpstreamHosts
{
    public static IReadOnlyList<string> Of(NginxConfig config, NginxDirective pass) =>
        Targets(config, pass).Select(t => t.Host).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Each target with the port it is reached on (null when none is written and the scheme
    /// gives none). The port comes from the line that names the target: the pass itself, or the
    /// server line of the upstream block the pass names, never a same-named server of another block.</summary>
    public static IReadOnlyList<(string Host, int? Port)> Targets(NginxConfig config, NginxDirective pass)
    {
        if (DeploymentFacts.UpstreamHost(pass.Arg(0)) is not { } host) return [];
        var upstream = config.Http.Directives.LastOrDefault(d => d.Name == "upstream" && d.Arg(0) == host && d.Block is not null);
        if (upstream is null) return [(host, DeploymentFacts.UpstreamPort(pass.Arg(0)))];
        var servers = NginxDirective.Expand(upstream.Block!).Where(d => d.Name == "server")
            .Select(d => (Host: DeploymentFacts.UpstreamHost(d.Arg(0)), Port: DeploymentFacts.UpstreamPort(d.Arg(0)))).ToList();
        return servers.Count > 0 && servers.All(s => s.Host is not null) ? servers.Select(s => (s.Host!, s.Port)).ToList() : [];
    }
}
