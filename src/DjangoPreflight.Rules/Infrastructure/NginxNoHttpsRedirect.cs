using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Deployment.Nginx;
using DjangoPreflight.Analysis.Deployment.Traefik;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Infrastructure;

/// <summary>DP804: an nginx server, a Caddy site, a Traefik router or an Apache virtual host answers plain HTTP with content instead of redirecting to HTTPS.</summary>
public sealed class NginxNoHttpsRedirect : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP804",
        Title: "The edge server (nginx, Caddy, Traefik, Apache) serves HTTP without redirecting to HTTPS",
        Category: Category.Infrastructure,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["002", "004"],
        Docs: new RuleDocs(
            Why: """
                A site that answers on plain HTTP sends pages, forms and cookies without encryption to
                anyone who types the address without https:// or follows an old link; a network attacker
                can read and rewrite them, and strip the upgrade to HTTPS entirely.
                """,
            Fix: """
                Make every plain-HTTP server redirect to HTTPS (and serve the site from a `listen 443 ssl`
                server). Keep only the ACME challenge location on port 80 if you need it.
                """,
            Before: """
                server {
                    listen 80;
                    server_name shop.example.com;
                    location / { proxy_pass http://app:8000; }
                }
                """,
            After: """
                server {
                    listen 80;
                    server_name shop.example.com;
                    return 301 https://$host$request_uri;
                }
                """));

    public override IEnumerable<Finding> Check(ProjectContext project)
    {
        // An nginx behind the project's own edge proxy does not meet clients: the edge redirects.
        foreach (var config in project.Deployment.Nginx.Where(c => c.FrontedBy is null))
        {
            // With no TLS server at all, TLS ends in front of nginx (a load balancer, the user's own proxy
            // in front of an image's internal nginx) or nowhere: whether plain HTTP is redirected is that
            // terminator's business, which the repository does not show. A note to check, not a finding.
            var anyTls = config.Servers.Any(s => s.Listens.Any(s.IsSsl));
            foreach (var (server, listen) in PlainServers(config))
                yield return Finding(
                    $"The server named {(server.Names.Count == 0 ? "\"\"" : string.Join(' ', server.Names))} answers plain HTTP on port {listen.Port} without redirecting to HTTPS"
                    + (anyTls ? "." : "; no server in this configuration terminates TLS, so check that the load balancer in front redirects."),
                    listen.Location, anyTls ? Confidence.High : Confidence.Low, severity: anyTls ? null : Severity.Low);
        }
        foreach (var config in project.Deployment.Caddy)
        {
            // A Caddyfile whose every site is plain HTTP leaves TLS to something in front of Caddy.
            var anyTls = config.Sites.Any(s => s.RedirectsToHttps == true);
            foreach (var site in config.Sites.Where(s => s.PlainHttpAddress is not null && s.HttpsRedirect is null && s.Rejection is null))
                yield return Finding(
                    $"The Caddy site {site.PlainHttpAddress} answers plain HTTP without redirecting to HTTPS (an http:// or port-80 address gets no automatic HTTPS)"
                    + (anyTls ? "." : "; no site in this Caddyfile is served over HTTPS, so check that the load balancer in front redirects."),
                    site.Location, anyTls ? Confidence.High : Confidence.Low, severity: anyTls ? null : Severity.Low);
        }
        // Sites read the server-neutral way (Apache's virtual hosts); a configuration with no TLS site
        // leaves TLS to something in front, as above.
        foreach (var config in project.Deployment.EdgeSites.GroupBy(s => s.ConfigPath))
        {
            var anyTls = config.Any(s => s.Tls);
            foreach (var site in PlainSites(config))
                yield return Finding(
                    $"The {site.Noun} {site.Name} answers plain HTTP on port {site.Port} without redirecting to HTTPS"
                    + (anyTls ? "." : $"; no {site.Noun} in this configuration terminates TLS, so check that the load balancer in front redirects."),
                    site.Location, anyTls ? Confidence.High : Confidence.Low, severity: anyTls ? null : Severity.Low);
        }
        if (project.Deployment.Traefik is { } traefik)
        {
            // Without its static configuration, an entry point may still redirect or make every router TLS.
            var anyTls = traefik.HasStaticConfiguration && traefik.Routers.Any(traefik.IsTls);
            foreach (var router in PlainRouters(traefik))
                yield return Finding(
                    $"The Traefik router {router.Name} answers plain HTTP without redirecting to HTTPS (no tls, no redirectScheme middleware, no entry point redirection)"
                    + (anyTls ? "."
                        : traefik.HasStaticConfiguration ? "; no router is served over TLS, so check that the load balancer in front redirects."
                        : "; Traefik's static configuration (its entry points) is not in the repository, so check that an entry point redirects."),
                    router.Location, anyTls ? Confidence.High : Confidence.Low, severity: anyTls ? null : Severity.Low);
        }
    }

    /// <summary>Servers that serve content on a public plain-HTTP listen (not rejecting, not redirecting).</summary>
    public static IEnumerable<(NginxServer Server, NginxListen Listen)> PlainServers(NginxConfig config)
    {
        foreach (var server in config.Servers)
        {
            if (server.HttpsRedirect is not null || server.Rejection is not null) continue;
            var plain = server.Listens.FirstOrDefault(l => !server.IsSsl(l) && !l.IsLocalOnly);
            if (plain is not null) yield return (server, plain);
        }
    }

    /// <summary>Sites that serve content on a public plain-HTTP port (not rejecting, not redirecting).</summary>
    public static IEnumerable<EdgeSite> PlainSites(IEnumerable<EdgeSite> sites) =>
        sites.Where(s => !s.Tls && !s.LocalOnly && s.HttpsRedirect is null && s.Rejection is null);

    /// <summary>Traefik routers that match plain-HTTP requests and do not redirect them.</summary>
    public static IEnumerable<TraefikRouter> PlainRouters(TraefikSetup traefik) =>
        traefik.Routers.Where(r => !traefik.IsTls(r) && traefik.HttpsRedirect(r) is null);

    /// <summary>The redirect that upgrades plain HTTP, when every plain-HTTP server of the config
    /// redirects (or rejects) and at least one redirects; else null.</summary>
    public static NginxDirective? RedirectFor(NginxConfig config)
    {
        if (PlainServers(config).Any()) return null;
        return config.Servers.Where(s => s.Listens.Any(l => !s.IsSsl(l))).Select(s => s.HttpsRedirect).FirstOrDefault(r => r is not null);
    }
}
