using System.Globalization;
using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Deployment.Caddy;
using DjangoPreflight.Analysis.Deployment.Nginx;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Infrastructure;

namespace DjangoPreflight.Rules;

/// <summary>
/// Lowers a Django-settings finding to info when the project's front servers (nginx configurations
/// that meet clients, Caddy sites) already do what the setting would: redirect HTTP to HTTPS (DP302), send HSTS (DP303, with includeSubDomains
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
        if (nginx.Count == 0 && caddy.Count == 0) return findings;
        var cache = new Dictionary<string, (string Server, SourceLocation At, string What)?>(StringComparer.Ordinal);
        var adjusted = findings.Select(f =>
        {
            if (!Mirrored.Contains(f.RuleId) || f.Severity == Severity.Info) return f;
            if (!cache.TryGetValue(f.RuleId, out var satisfied))
                cache[f.RuleId] = satisfied = Satisfier(f.RuleId, nginx, caddy);
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

    /// <summary>Where the front servers do the rule's job, when every one of them does; else null.</summary>
    private static (string, SourceLocation, string)? Satisfier(string ruleId, IReadOnlyList<NginxConfig> nginx, IReadOnlyList<CaddyConfig> caddy)
    {
        switch (ruleId)
        {
            case "DP302":
                return Every(nginx, caddy, NginxNoHttpsRedirect.RedirectFor, s => s.RedirectsToHttps == true ? s.Location : null) is { } redirect
                    ? (redirect.Server, redirect.At, "redirects HTTP to HTTPS")
                    : null;
            case "DP204":
                return Every(nginx, caddy, NginxNoDefaultServer.GuardFor, CaddyHostGuard) is { } guard
                    ? (guard.Server, guard.At, "rejects unknown Host headers")
                    : null;
            default:
                var need = ruleId switch { "DP304" => "includeSubDomains", "DP305" => "preload", _ => null };
                return Every(nginx, caddy, c => Hsts(c, need), s => CaddyHsts(s, need)) is { } hsts
                    ? (hsts.Server, hsts.At, need is null ? "sends Strict-Transport-Security" : $"sends Strict-Transport-Security with {need}")
                    : null;
        }
    }

    /// <summary>The first answer when every nginx configuration and every Caddy site answers; else null.</summary>
    private static (string Server, SourceLocation At)? Every(IReadOnlyList<NginxConfig> nginx, IReadOnlyList<CaddyConfig> caddy,
        Func<NginxConfig, NginxDirective?> nginxAnswer, Func<CaddySite, SourceLocation?> caddyAnswer)
    {
        (string, SourceLocation)? first = null;
        foreach (var config in nginx)
        {
            if (nginxAnswer(config) is not { } found) return null;
            first ??= ("nginx", found.Location);
        }
        foreach (var site in caddy.SelectMany(c => c.Sites))
        {
            if (caddyAnswer(site) is not { } at) return null;
            first ??= ("Caddy", at);
        }
        return first;
    }

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
        site.RedirectsToHttps == true && site.ResponseHeader("Strict-Transport-Security") is var (value, directive)
        && MaxAge().Match(value) is { Success: true } m && long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var age) && age > 0
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
