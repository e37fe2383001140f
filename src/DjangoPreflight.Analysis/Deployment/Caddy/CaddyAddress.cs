namespace DjangoPreflight.Analysis.Deployment.Caddy;

/// <summary>
/// A Caddy site address as Caddy reads it: <c>[scheme://][host][:port][/path]</c>. A site with a host
/// name and neither <c>http://</c> nor a port other than 443 gets automatic HTTPS (checked on Caddy
/// 2.6: a plain-HTTP request for any host is redirected to https://, a TLS handshake for a name no
/// site has fails, and a request on an established connection whose Host no site names gets an empty
/// 200 without reaching any handler). An address without a host (<c>:80</c>, <c>http://</c>) or with
/// the wildcard <c>*</c> answers every Host.
/// </summary>
public sealed record CaddyAddress(string? Scheme, string Host, string? Port)
{
    /// <summary>The address as written, or null when a placeholder without a default leaves it to the environment.</summary>
    public static CaddyAddress? Parse(string written)
    {
        if (CaddyConfig.Resolved(written) is not { } address) return null;
        string? scheme = null;
        if (address.IndexOf("://", StringComparison.Ordinal) is var colonSlash and >= 0)
        {
            scheme = address[..colonSlash].ToLowerInvariant();
            address = address[(colonSlash + 3)..];
        }
        var authority = address.Split('/')[0];
        var colon = authority.EndsWith(']') ? -1 : authority.LastIndexOf(':');
        return new CaddyAddress(scheme, colon >= 0 ? authority[..colon] : authority, colon >= 0 ? authority[(colon + 1)..] : null);
    }

    /// <summary>True when requests for any Host header reach the site: no host, or a wildcard one.</summary>
    public bool AnyHost => Host.Length == 0 || Host.Contains('*');

    /// <summary>True when the site is served over plain HTTP: <c>http://</c>, or port 80 without a scheme.</summary>
    public bool PlainHttp => Scheme == "http" || Scheme is null && Port == "80";

    /// <summary>True when automatic HTTPS serves it over TLS and redirects HTTP to it.</summary>
    public bool AutomaticHttps => Scheme is null or "https" && Host.Length > 0 && Port is null or "443";
}
