using DjangoPreflight.Analysis.Deployment.Caddy;
using DjangoPreflight.Analysis.Deployment.Nginx;
using DjangoPreflight.Analysis.Deployment.Traefik;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>A place where a front server hands requests to the Django app: an nginx proxy_pass or
/// uwsgi_pass, a Caddy reverse_proxy. <paramref name="Noun"/> names it in messages ("nginx location",
/// "Caddy reverse_proxy"); <paramref name="ClientValue"/> says, for a request header, why the
/// client's own value reaches Django, or null when the server overwrites it.</summary>
public sealed record AppProxy(string Noun, string ConfigPath, SourceLocation Location, Func<string, string?> ClientValue);

/// <summary>A URL prefix a front server answers from files instead of passing it to Django: an nginx
/// location with a root or alias, a uWSGI static-map, a Caddy file_server.</summary>
public sealed record FileRoute(string Server, string Prefix, SourceLocation Location);

/// <summary>The front servers beyond nginx (Caddy; uWSGI's own static files) and what every front
/// server does, read the same way whichever server it is.</summary>
public sealed partial class DeploymentFacts
{
    public IReadOnlyList<CaddyConfig> Caddy { get; init; } = [];

    /// <summary>The Caddyfiles that may describe production.</summary>
    public IEnumerable<CaddyConfig> ProductionCaddy => Caddy.Where(c => c.SpeaksForProduction);

    /// <summary>Every place a production-capable front server passes requests to the app (see
    /// <see cref="DjangoUpstreams"/> for nginx; a Caddy reverse_proxy whose upstreams are not all
    /// other programs; a Traefik router; an Apache WSGIScriptAlias, where Apache runs the app itself, or ProxyPass). With none, a production uWSGI that answers HTTP itself is
    /// where clients meet the app.</summary>
    public IEnumerable<AppProxy> ProductionAppProxies
    {
        get
        {
            var fronts = DjangoUpstreams.Where(u => u.Config.SpeaksForProduction)
                .Select(u => new AppProxy("nginx location", u.Config.Path, u.Pass.Location,
                    header => NginxConfig.HeaderOverwrite(u.Scope, u.Pass, header) is null ? "nginx passes the client's header on unless told to set it" : null))
                .Concat(CaddyAppProxiesOf(ProductionCaddy)).Concat(TraefikAppProxies).Concat(ApacheAppProxiesOf(ProductionApache)).ToList();
            return fronts.Count > 0 ? fronts : UwsgiHttpEdges;
        }
    }

    /// <summary>Production uWSGI configurations that answer HTTP themselves (nautobot's image: <c>http = 0.0.0.0:8080</c>).</summary>
    private IEnumerable<AppProxy> UwsgiHttpEdges =>
        UwsgiConfigs.Where(u => u.Role.SpeaksForProduction() && u.HttpListener is not null)
            .Select(u => new AppProxy("uWSGI HTTP server", u.Path, u.HttpListener!, u.ClientValue));

    /// <summary>Every Caddy reverse_proxy and Apache WSGIScriptAlias or ProxyPass, of a file of any role,
    /// and every router of the production Traefik, that may reach the app.</summary>
    public IEnumerable<AppProxy> EdgeAppProxies => CaddyAppProxiesOf(Caddy).Concat(TraefikAppProxies).Concat(ApacheAppProxiesOf(Apache));

    /// <summary>The production Traefik, when any production-capable file configures one.</summary>
    public TraefikSetup? Traefik { get; init; }

    /// <summary>Every router of the production Traefik that may reach the app.</summary>
    public IEnumerable<AppProxy> TraefikAppProxies =>
        Traefik is not { } traefik
            ? []
            : traefik.Routers.Where(r => ReachesApp(traefik, r))
                .Select(r => new AppProxy("Traefik router", r.Location.Path ?? "", r.Location, header => traefik.ClientValue(r, header)));

    /// <summary>False for a router to Traefik's own dashboard, or whose service's upstreams (a dynamic
    /// file's URLs, else the container whose labels define it) are all other programs; true otherwise.</summary>
    public bool ReachesApp(TraefikSetup traefik, TraefikRouter router)
    {
        if (router.ServesTraefikItself) return false;
        var hosts = router.Service is { } service ? traefik.ServiceUrls(service).Select(UpstreamHost).ToList() : [];
        if (hosts.Count > 0) return !hosts.All(h => h is not null && OtherPrograms.IsOtherProgram(this, h));
        return router.Container is not { } container || !OtherPrograms.IsOtherProgram(this, container);
    }

    private IEnumerable<AppProxy> CaddyAppProxiesOf(IEnumerable<CaddyConfig> configs) =>
        configs.SelectMany(c => c.Sites.SelectMany(s => s.Proxies.Where(ReachesApp).Select(p =>
            new AppProxy("Caddy reverse_proxy", c.Path, p.Directive.Location, header => CaddyHeaders.ClientValue(c, p, header)))));

    /// <summary>Every URL prefix a production-capable front server serves from files.</summary>
    public IEnumerable<FileRoute> ProductionFileRoutes =>
        ProductionNginx.SelectMany(c => c.Servers).SelectMany(s => s.AllLocations)
            .Where(l => !l.IsRegex && l.FileSource is not null && l.Upstream is null)
            .Select(l => new FileRoute("nginx", l.Path.TrimEnd('/'), l.Location))
            .Concat(UwsgiConfigs.Where(u => u.Role.SpeaksForProduction()).SelectMany(u => u.StaticMaps).Where(m => !m.Conditional)
                .Select(m => new FileRoute("uWSGI static-map", m.UrlPrefix.TrimEnd('/'), m.Location)))
            .Concat(ProductionCaddy.SelectMany(c => c.Sites).SelectMany(s => s.FileRoutes)
                .Select(r => new FileRoute("Caddy file_server", r.Prefix, r.FileServer.Location)))
            .Concat(EdgeFolders.Where(f => f.Role.SpeaksForProduction()).Select(f => new FileRoute($"{f.Server} Alias", f.Prefix, f.Location)));

    /// <summary>False when every upstream of the reverse_proxy is a compose service that is another
    /// program (see <see cref="OtherPrograms"/>); true otherwise.</summary>
    public bool ReachesApp(CaddyProxy proxy)
    {
        var hosts = proxy.Upstreams.Select(UpstreamHost).ToList();
        return hosts.Count == 0 || !hosts.All(h => h is not null && OtherPrograms.IsOtherProgram(this, h));
    }

    /// <summary>The host of an upstream written host:port or scheme://host:port (a Caddy upstream, an
    /// nginx pass or upstream server); null for an address, a unix socket (nginx's <c>unix:</c>,
    /// Caddy's <c>unix/</c>), a placeholder or variable, or localhost.</summary>
    internal static string? UpstreamHost(string upstream)
    {
        var rest = upstream.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 ? upstream[(scheme + 3)..] : upstream;
        if (rest.Contains('{') || rest.Contains('$') || rest.StartsWith("unix:", StringComparison.Ordinal) || rest.StartsWith("unix/", StringComparison.Ordinal) || rest.StartsWith('[')) return null;
        var host = rest.Split('/')[0].Split(':')[0];
        return host.Length == 0 || host.All(c => char.IsAsciiDigit(c) || c == '.') || host == "localhost" ? null : host;
    }

    /// <summary>The port of an upstream written host:port (80 for http://host, 443 for https://host).</summary>
    internal static int? UpstreamPort(string upstream)
    {
        var rest = upstream.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 ? upstream[(scheme + 3)..] : upstream;
        var authority = rest.Split('/')[0];
        if (authority.LastIndexOf(':') is var colon and > 0 && int.TryParse(authority[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port))
            return port;
        return upstream.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 443 : upstream.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 80 : null;
    }
}
