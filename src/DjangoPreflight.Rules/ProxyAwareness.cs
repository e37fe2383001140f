using System.Globalization;
using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Deployment.Caddy;
using DjangoPreflight.Analysis.Deployment.Nginx;
using DjangoPreflight.Analysis.Deployment.Traefik;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Infrastructure;

namespace DjangoPreflight.Rules;

/// <summary>
/// Lowers a Django-settings finding to info when the project's front servers (nginx configurations
/// that meet clients, Caddy sites, the routers of a Traefik whose static configuration is known, Apache's virtual hosts) already do what the setting would: redirect HTTP to HTTPS (DP302), send HSTS (DP303, with includeSubDomains
/// DP304, with preload DP305), reject unknown Host headers (DP204). The finding keeps its ID and its
/// message cites the file:line that satisfies it. Keyed on rule IDs only.
/// </summary>
public static partial class ProxyAwareness
{
    private static readonly HashSet<string> Mirrored = new(StringComparer.Ordinal) { "DP204", "DP302", "DP303", "DP304", "DP305" };

    public static IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, ProjectContext project)
    {
        // Reading deployment files costs something; only do it when a mirrored finding is there.
        if (!findings.Any(f => Mirrored.Contains(f.RuleId) && f.Severity != Severity.Info)) return findings;
        // A development or test front server says nothing about what production's does, and an nginx
        // behind the project's own edge proxy does not meet clients.
        var nginx = project.Deployment.ProductionNginx.Where(c => c.FrontedBy is null && c.Servers.Count > 0).ToList();
        var caddy = project.Deployment.ProductionCaddy.Where(c => c.Sites.Count > 0).ToList();
        // Traefik's routers to the app; only with its static configuration, which may redirect or add TLS.
        var traefik = project.Deployment.Traefik is { HasStaticConfiguration: true } t
            ? t.Routers.Where(r => project.Deployment.ReachesApp(t, r)).Select(r => (Setup: t, Router: r)).ToList()
            : [];
        // Sites read the server-neutral way (Apache's virtual hosts), by configuration: a redirect or a
        // catch-all is a property of the configuration's sites together.
        var sites = project.Deployment.ProductionEdgeSites.Where(s => !s.LocalOnly).GroupBy(s => s.ConfigPath).Select(g => (IReadOnlyList<EdgeSite>)g.ToList()).ToList();
        if (nginx.Count == 0 && caddy.Count == 0 && traefik.Count == 0 && sites.Count == 0) return findings;
        var cache = new Dictionary<string, (string Server, SourceLocation At, string What)?>(StringComparer.Ordinal);
        var adjusted = findings.Select(f =>
        {
            if (!Mirrored.Contains(f.RuleId) || f.Severity == Severity.Info) return f;
            if (!cache.TryGetValue(f.RuleId, out var satisfied))
                cache[f.RuleId] = satisfied = Satisfier(f.RuleId, new Fronts(nginx, caddy, traefik, sites));
            if (satisfied is not var (server, at, what)) return f;
            return f with
            {
                Severity = Severity.Info,
                Message = $"{f.Message} {server} already {what} at {at}, so this is lowered to info.",
            };
        }).ToList();
        adjusted.Sort(FindingOrder.Instance);
        return adjusted;
    }

    /// <summary>The front servers that meet clients: nginx configurations, Caddy sites, Traefik routers to the app.</summary>
    private sealed record Fronts(IReadOnlyList<NginxConfig> Nginx, IReadOnlyList<CaddyConfig> Caddy, IReadOnlyList<(TraefikSetup Setup, TraefikRouter Router)> Traefik,
        IReadOnlyList<IReadOnlyList<EdgeSite>> Sites);

    /// <summary>Where the front servers do the rule's job, when every one of them does; else null.</summary>
    private static (string, SourceLocation, string)? Satisfier(string ruleId, Fronts fronts)
    {
        switch (ruleId)
        {
            case "DP302":
                return Every(fronts, NginxNoHttpsRedirect.RedirectFor, s => s.RedirectsToHttps == true ? s.Location : null, TraefikRedirect, SitesRedirect) is { } redirect
                    ? (redirect.Server, redirect.At, "redirects HTTP to HTTPS")
                    : null;
            case "DP204":
                return Every(fronts, NginxNoDefaultServer.GuardFor, CaddyHostGuard, TraefikHostGuard, SitesHostGuard) is { } guard
                    ? (guard.Server, guard.At, "rejects unknown Host headers")
                    : null;
            default:
                var need = ruleId switch { "DP304" => "includeSubDomains", "DP305" => "preload", _ => null };
                // HSTS counts on TLS responses only (as nginx's TLS servers): Traefik's TLS routers, one at least.
                var tls = fronts.Traefik.Where(r => r.Setup.IsTls(r.Router)).ToList();
                if (fronts.Traefik.Count > 0 && tls.Count == 0) return null;
                return Every(fronts with { Traefik = tls }, c => Hsts(c, need), s => CaddyHsts(s, need), r => TraefikHsts(r, need), s => SitesHsts(s, need)) is { } hsts
                    ? (hsts.Server, hsts.At, need is null ? "sends Strict-Transport-Security" : $"sends Strict-Transport-Security with {need}")
                    : null;
        }
    }

    /// <summary>The first answer when every nginx configuration, Caddy site, Traefik router and configuration
    /// of sites answers; else null.</summary>
    private static (string Server, SourceLocation At)? Every(Fronts fronts, Func<NginxConfig, NginxDirective?> nginxAnswer,
        Func<CaddySite, SourceLocation?> caddyAnswer, Func<(TraefikSetup Setup, TraefikRouter Router), SourceLocation?> traefikAnswer,
        Func<IReadOnlyList<EdgeSite>, SourceLocation?> sitesAnswer)
    {
        (string, SourceLocation)? first = null;
        foreach (var config in fronts.Nginx)
        {
            if (nginxAnswer(config) is not { } found) return null;
            first ??= ("nginx", found.Location);
        }
        foreach (var site in fronts.Caddy.SelectMany(c => c.Sites))
        {
            if (caddyAnswer(site) is not { } at) return null;
            first ??= ("Caddy", at);
        }
        foreach (var router in fronts.Traefik)
        {
            if (traefikAnswer(router) is not { } at) return null;
            first ??= ("Traefik", at);
        }
        foreach (var config in fronts.Sites)
        {
            if (sitesAnswer(config) is not { } at) return null;
            first ??= (config[0].Server, at);
        }
        return first;
    }

    /// <summary>The redirect that upgrades plain HTTP when every plain-HTTP site of a configuration redirects
    /// (or rejects) and one at least redirects; else null.</summary>
    private static SourceLocation? SitesRedirect(IReadOnlyList<EdgeSite> sites) =>
        NginxNoHttpsRedirect.PlainSites(sites).Any() ? null : sites.Where(s => !s.Tls).Select(s => s.HttpsRedirect).FirstOrDefault(r => r is not null);

    /// <summary>The catch-all that rejects unknown Host headers, when every site the server answers them
    /// from rejects them (or redirects, the TLS site's catch-all rejecting); else null.</summary>
    private static SourceLocation? SitesHostGuard(IReadOnlyList<EdgeSite> sites)
    {
        var defaults = sites.Where(s => s.CatchesUnknownHosts).ToList();
        if (defaults.Count == 0 || defaults.Any(s => s.Rejection is null && s.HttpsRedirect is null)) return null;
        return defaults.Select(s => s.Rejection).FirstOrDefault(r => r is not null);
    }

    /// <summary>The HSTS header every TLS site of a configuration that serves content sends (max-age over 0,
    /// with <paramref name="need"/> if given), or null.</summary>
    private static SourceLocation? SitesHsts(IReadOnlyList<EdgeSite> sites, string? need)
    {
        var tls = sites.Where(s => s.Tls && s.Rejection is null).ToList();
        if (tls.Count == 0) return null;
        SourceLocation? first = null;
        foreach (var site in tls)
        {
            if (site.Hsts is not var (value, at) || !MaxAgeOver0(value) || need is not null && !value.Contains(need, StringComparison.OrdinalIgnoreCase)) return null;
            first ??= at;
        }
        return first;
    }

    /// <summary>Where a Traefik router to the app sends plain HTTP to HTTPS; for a TLS router (which never
    /// answers plain HTTP), the setup's redirect (an entry point's, or another router's), so that a setup
    /// redirecting nowhere does not count.</summary>
    private static SourceLocation? TraefikRedirect((TraefikSetup Setup, TraefikRouter Router) r) =>
        r.Setup.IsTls(r.Router)
            ? r.Setup.EntryPoints.Select(e => e.HttpsRedirect?.Location).Concat(r.Setup.Routers.Select(r.Setup.HttpsRedirect)).FirstOrDefault(at => at is not null)
            : r.Setup.HttpsRedirect(r.Router);

    /// <summary>A router whose rule names its hosts passes on only requests for them (Traefik answers
    /// 404 to a Host no router matches).</summary>
    private static SourceLocation? TraefikHostGuard((TraefikSetup Setup, TraefikRouter Router) r) =>
        r.Router.NamesHosts(r.Setup.DefaultRule) ? r.Router.Location : null;

    /// <summary>The Strict-Transport-Security a Traefik router's headers middleware sends (max-age over 0,
    /// with <paramref name="need"/> if given), or null.</summary>
    private static SourceLocation? TraefikHsts((TraefikSetup Setup, TraefikRouter Router) r, string? need) =>
        r.Setup.Hsts(r.Router) is var (value, at) && MaxAgeOver0(value) && (need is null || value.Contains(need, StringComparison.OrdinalIgnoreCase)) ? at : null;

    private static bool MaxAgeOver0(string value) =>
        MaxAge().Match(value) is { Success: true } m && long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var age) && age > 0;

    /// <summary>Where a Caddy site keeps unknown Host headers from the app: it aborts or answers an
    /// error to every request, or every address names a host (Caddy then passes on only requests for
    /// those hosts; see <see cref="CaddyAddress"/>). Null when an address answers any Host or is left
    /// to the environment.</summary>
    private static SourceLocation? CaddyHostGuard(CaddySite site) =>
        site.Rejection?.Location
        ?? (site.Addresses.All(a => CaddyAddress.Parse(a) is { AnyHost: false }) ? site.Location : null);

    /// <summary>The Strict-Transport-Security header of a Caddy site served over HTTPS (max-age over 0,
    /// with <paramref name="need"/> if given), or null.</summary>
    private static SourceLocation? CaddyHsts(CaddySite site, string? need) =>
        site.RedirectsToHttps == true && site.ResponseHeader("Strict-Transport-Security") is var (value, directive) && MaxAgeOver0(value)
        && (need is null || value.Contains(need, StringComparison.OrdinalIgnoreCase))
            ? directive.Location
            : null;

    /// <summary>The HSTS header every TLS server of the config sends (max-age over 0, with
    /// <paramref name="need"/> if given), or null.</summary>
    private static NginxDirective? Hsts(NginxConfig config, string? need)
    {
        // Servers that reject every request (the catch-all default) serve nothing to protect.
        var tls = config.Servers.Where(s => s.Listens.Any(s.IsSsl) && s.Rejection is null).ToList();
        if (tls.Count == 0) return null;
        NginxDirective? first = null;
        foreach (var server in tls)
        {
            var header = server.EffectiveHeader("Strict-Transport-Security");
            if (header is null || MaxAge().Match(header.Arg(1)) is not { Success: true } m
                || !long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var age) || age <= 0)
                return null;
            if (need is not null && !header.Arg(1).Contains(need, StringComparison.OrdinalIgnoreCase)) return null;
            first ??= header;
        }
        return first;
    }

    [GeneratedRegex(@"max-age\s*=\s*""?(\d+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex MaxAge();
}
