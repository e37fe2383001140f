namespace DjangoPreflight.Analysis.Deployment.Nginx;

/// <summary>The host names an nginx pass reaches: the host of <c>proxy_pass http://name:port/path</c>
/// (or <c>uwsgi_pass name:port</c>), or, when that name is an <c>upstream</c> block of the
/// configuration, the hosts of its <c>server</c> lines. Empty when any target is a unix socket, an
/// address or a variable: those cannot be tied to a service.</summary>
public static class NginxUpstreamHosts
{
    public static IReadOnlyList<string> Of(NginxConfig config, NginxDirective pass)
    {
        if (DeploymentFacts.UpstreamHost(pass.Arg(0)) is not { } host) return [];
        var upstream = config.Http.Directives.LastOrDefault(d => d.Name == "upstream" && d.Arg(0) == host && d.Block is not null);
        if (upstream is null) return [host];
        var hosts = NginxDirective.Expand(upstream.Block!).Where(d => d.Name == "server").Select(d => DeploymentFacts.UpstreamHost(d.Arg(0))).ToList();
        return hosts.Count > 0 && hosts.All(h => h is not null) ? hosts.Select(h => h!).Distinct(StringComparer.Ordinal).ToList() : [];
    }
}
