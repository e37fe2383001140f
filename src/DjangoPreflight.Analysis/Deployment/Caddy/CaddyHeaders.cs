namespace DjangoPreflight.Analysis.Deployment.Caddy;

/// <summary>
/// What a Caddy reverse_proxy does with a request header the client sent. Caddy sets
/// X-Forwarded-For, X-Forwarded-Proto and X-Forwarded-Host itself and keeps a client's values only
/// when the client is a trusted proxy (the global <c>servers { trusted_proxies }</c> option); every
/// other header goes through unless a <c>header_up</c> sets or removes it.
/// </summary>
public static class CaddyHeaders
{
    private static readonly HashSet<string> SetByCaddy = new(StringComparer.OrdinalIgnoreCase) { "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host" };

    /// <summary>Why the client's own value of <paramref name="header"/> reaches the upstream, or null
    /// when Caddy overwrites it.</summary>
    public static string? ClientValue(CaddyConfig config, CaddyProxy proxy, string header)
    {
        foreach (var up in (proxy.Directive.Block ?? []).Where(d => d.Name == "header_up"))
        {
            var name = up.Arg(0).TrimStart('+');
            if (up.Arg(0) == "-" + header) return null;
            if (!string.Equals(name, header, StringComparison.OrdinalIgnoreCase) || up.Args.Count < 2) continue;
            return up.Arg(1).Contains("{http.request.header." + header, StringComparison.OrdinalIgnoreCase)
                ? $"header_up at {up.Location} sets it to the client's own {header}"
                : null;
        }
        if (!SetByCaddy.Contains(header))
            return $"Caddy passes a client's {header} header on unless header_up sets it";
        var trusted = (proxy.Directive.Block ?? []).LastOrDefault(d => d.Name == "trusted_proxies") ?? config.TrustedProxies;
        if (trusted is not null && trusted.Args.Select(CaddyConfig.Resolved).Any(a => a is "0.0.0.0/0" or "::/0"))
            return $"trusted_proxies at {trusted.Location} trusts every client as a proxy, so Caddy keeps the client's own {header}";
        return null;
    }
}
