using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Deployment.Nginx;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Infrastructure;

/// <summary>DP803: for some port, the server nginx uses for unknown Host headers does not reject them, or
/// a Caddy site or a Traefik router that answers every Host, or the first Apache virtual host of a port, passes them to the app.</summary>
public sealed class NginxNoDefaultServer : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP803",
        Title: "The edge server (nginx, Caddy, Traefik, Apache) passes unknown Host headers to the app",
        Category: Category.Infrastructure,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["004"],
        Docs: new RuleDocs(
            Why: """
                nginx answers a request whose Host header matches no server_name with the port's default
                server: the one marked default_server, else the first one. If that is your site, scanners
                and attackers reach Django with forged Host headers (cache poisoning, password-reset
                links to their domain) and fill your error reports with DisallowedHost.
                """,
            Fix: """
                Add a catch-all default server for every port that closes the connection (444), before
                any request reaches Django.
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
                    listen 80 default_server;
                    listen 443 ssl default_server;
                    ssl_reject_handshake on;
                    server_name _;
                    return 444;
                }
                """));

    public override IEnumerable<Finding> Check(ProjectContext project)
    {
        // Django answers a Host its ALLOWED_HOSTS does not list with 400: when that list is known to be
        // closed, the edge's catch-all is defence in depth, not the only guard.
        var closed = ClosedHosts(project);
        return closed is null ? Unguarded(project)
            : Unguarded(project).Select(f => f with { Severity = Severity.Low, Message = $"{f.Message} {closed} so the missing catch-all is defence in depth." });
    }

    private IEnumerable<Finding> Unguarded(ProjectContext project)
    {
        // An nginx behind the project's own edge proxy only gets the requests the edge routes to it.
        foreach (var config in project.Deployment.Nginx.Where(c => c.FrontedBy is null))
        {
            // One finding per server that catches unknown hosts, naming every port it catches them on.
            foreach (var group in UnguardedPorts(config).GroupBy(u => u.Server))
            {
                var ports = group.Select(u => u.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
                var portText = ports.Count == 1 ? $"port {ports[0]}" : $"ports {string.Join(", ", ports[..^1])} and {ports[^1]}";
                yield return Finding(
                    $"Requests to {portText} with an unknown Host header go to the server named {Names(group.Key)}, which does not reject them (no default server returning 444).",
                    group.Key.Location, config.IsWholeConfig ? Confidence.High : Confidence.Medium);
            }
        }
        // Caddy passes a request on only from the site whose address names its Host; a site without
        // a host name (:80, http://) or with a wildcard one catches every other Host.
        foreach (var site in project.Deployment.Caddy.SelectMany(c => c.Sites))
        {
            if (site.AnyHostAddress is not { } address || site.Rejection is not null || site.HttpsRedirect is not null) continue;
            if (site.Proxies.FirstOrDefault(project.Deployment.ReachesApp) is not { } proxy) continue;
            yield return Finding(
                $"Requests with any Host header reach the Caddy site {address}, which passes them to the app at {proxy.Directive.Location} (its address names no host, and it does not abort them).",
                site.Location, Confidence.Medium);
        }
        // Sites read the server-neutral way: Apache answers a Host that no ServerName or ServerAlias names
        // with the first virtual host of the address; a site file may be loaded after another one that
        // comes first (Debian's 000-default.conf), so only a whole configuration is sure.
        foreach (var site in UnguardedSites(project.Deployment.EdgeSites))
            yield return Finding(
                $"Requests to port {site.Port} with an unknown Host header go to the {site.Noun} {site.Name}, the first one for that port, which passes them to the app at {site.PassesToApp} (no catch-all {site.Noun} before it rejects them)"
                + (site.WholeConfig ? "." : $"; unless a file {site.Server} loads before this one holds such a catch-all."),
                site.Location, site.WholeConfig ? Confidence.High : Confidence.Medium);
        // Traefik passes a request on only to a router whose rule matches it (else 404); a rule without
        // a host matcher matches every Host.
        if (project.Deployment.Traefik is { } traefik)
            foreach (var router in traefik.Routers.Where(r => r.AnyHost && project.Deployment.ReachesApp(traefik, r)))
                yield return Finding(
                    $"Requests with any Host header reach the Traefik router {router.Name}, which passes them to the app (its rule {router.Rule} names no host).",
                    router.Location, Confidence.Medium);
    }

    /// <summary>Each public port whose default server serves requests instead of rejecting them.</summary>
    public static IEnumerable<(int Port, NginxServer Server)> UnguardedPorts(NginxConfig config)
    {
        foreach (var port in config.Servers.SelectMany(s => s.Listens).Where(l => !l.IsLocalOnly && l.Port is not null).Select(l => l.Port!.Value).Distinct().Order())
        {
            var on = config.Servers.Where(s => s.Listens.Any(l => l.Port == port && !l.IsLocalOnly)).ToList();
            var fallback = on.FirstOrDefault(s => s.Listens.Any(l => l.Port == port && l.DefaultServer)) ?? on[0];
            if (fallback.Rejection is null && fallback.HttpsRedirect is null)
                yield return (port, fallback);
        }
    }

    /// <summary>Sites the server answers unknown Host headers from, that pass them to the app.</summary>
    public static IEnumerable<EdgeSite> UnguardedSites(IEnumerable<EdgeSite> sites) =>
        sites.Where(s => s.CatchesUnknownHosts && !s.LocalOnly && s.PassesToApp is not null && s.Rejection is null && s.HttpsRedirect is null);

    /// <summary>The directive that rejects unknown hosts on every port of the config, or null.</summary>
    public static NginxDirective? GuardFor(NginxConfig config)
    {
        var ports = config.Servers.SelectMany(s => s.Listens).Where(l => !l.IsLocalOnly && l.Port is not null).Select(l => l.Port!.Value).Distinct().ToList();
        if (ports.Count == 0 || UnguardedPorts(config).Any()) return null;
        return config.Servers.Select(s => s.Rejection).FirstOrDefault(r => r is not null);
    }

    /// <summary>Why Django itself rejects an unknown Host, or null when it may accept one ('*', an unknown
    /// value, a list the operator's environment replaces). Closed is a known list without '*' that no
    /// unset variable decides, or an empty list production must fill (fail-closed) that production's env
    /// template fills with host names.</summary>
    private static string? ClosedHosts(ProjectContext project)
    {
        if (project.Settings.Production?["ALLOWED_HOSTS"] is not { } hosts || hosts.Value.AsStrings is not { } names || names.Contains("*")) return null;
        var at = hosts.Source is { } source ? $" ({source with { Column = null }})" : "";
        if (hosts.UnsetEnvVars.Count == 0)
            return names.Count == 0 ? null : $"Django's ALLOWED_HOSTS{at} lists {(names.Count == 1 ? "one host" : $"{names.Count} hosts")} and answers any other Host with 400,";
        if (hosts.Requires.Count == 0 || project.Settings.UnderEnvTemplate is not { } template
            || template["ALLOWED_HOSTS"]?.AsStrings is not { Count: > 0 } templated || templated.Contains("*")) return null;
        return $"ALLOWED_HOSTS{at} is empty until production sets {Prose.And(hosts.Requires)}, which production's env template {template.Template.Path} "
            + $"sets to host names, and Django answers any Host it does not list with 400,";
    }

    private static string Names(NginxServer server) =>
        server.Names.Count == 0 ? "\"\"" : string.Join(' ', server.Names);
}
