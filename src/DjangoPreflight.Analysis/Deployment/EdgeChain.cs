using DjangoPreflight.Analysis.Deployment.Apache;
using DjangoPreflight.Analysis.Deployment.Caddy;
using DjangoPreflight.Analysis.Deployment.Compose;
using DjangoPreflight.Analysis.Deployment.Nginx;
using DjangoPreflight.Analysis.Deployment.Traefik;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>
/// Which front servers sit behind another one. An nginx configuration that terminates no TLS and
/// whose every public port is a port another production-capable front server (a Caddy
/// reverse_proxy, an Apache ProxyPass, another nginx configuration's proxy_pass) proxies to by a service name
/// (<c>web:3000</c>), or that Traefik's labels on a production-capable compose service send
/// requests to (<c>traefik.http.services.media.loadbalancer.server.port=8080</c>) or a Traefik dynamic
/// file's service URL names (<c>http://media:8080</c>), is internal: a
/// single-page app's file server or a media server behind the project's edge proxy.
/// </summary>
internal static class EdgeChain
{
    public static List<NginxConfig> MarkFronted(List<NginxConfig> nginx, List<CaddyConfig> caddy, List<ApacheConfig> apache, IReadOnlyList<ComposeFile> compose, TraefikSetup? traefik)
    {
        var targets = new List<(string From, int Port, SourceLocation At)>();
        foreach (var url in traefik?.AllServiceUrls ?? [])
            if (DeploymentFacts.UpstreamHost(url.Value) is not null && DeploymentFacts.UpstreamPort(url.Value) is { } port)
                targets.Add((url.Location.Path ?? "", port, url.Location));
        foreach (var file in compose.Where(c => c.Role.SpeaksForProduction()))
            foreach (var (port, at) in file.Services.SelectMany(TraefikLabels.ServerPorts))
                targets.Add((file.Path, port, at));
        foreach (var config in caddy.Where(c => c.SpeaksForProduction))
            foreach (var proxy in config.Sites.SelectMany(s => s.Proxies))
                foreach (var upstream in proxy.Upstreams)
                    if (DeploymentFacts.UpstreamHost(upstream) is not null && DeploymentFacts.UpstreamPort(upstream) is { } port)
                        targets.Add((config.Path, port, proxy.Directive.Location));
        foreach (var config in apache.Where(c => c.SpeaksForProduction))
            foreach (var pass in config.VirtualHosts.SelectMany(v => v.Passes).Where(p => !p.Wsgi))
                if (DeploymentFacts.UpstreamHost(pass.Upstream) is not null && DeploymentFacts.UpstreamPort(pass.Upstream) is { } port)
                    targets.Add((config.Path, port, pass.Directive.Location));
        foreach (var config in nginx.Where(c => c.SpeaksForProduction))
            foreach (var (_, pass) in config.Servers.SelectMany(s => s.Upstreams()).Where(u => u.Pass.Name == "proxy_pass"))
                foreach (var (_, port) in NginxUpstreamHosts.Targets(config, pass))
                    if (port is not null)
                        targets.Add((config.Path, port.Value, pass.Location));

        foreach (var config in nginx)
        {
            var listens = config.Servers.SelectMany(s => s.Listens.Select(l => (Server: s, Listen: l))).Where(x => !x.Listen.IsLocalOnly).ToList();
            if (listens.Count == 0 || listens.Any(x => x.Server.IsSsl(x.Listen) || x.Listen.Port is null)) continue;
            var fronts = listens.Select(x => targets.FirstOrDefault(t => t.From != config.Path && t.Port == x.Listen.Port)).ToList();
            if (fronts.All(f => f.From is not null)) config.Behind(fronts[0].At);
        }
        return nginx;
    }
}
