using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Traefik;

/// <summary>
/// An HTTP router of Traefik (<c>http.routers.&lt;name&gt;</c> of a dynamic file, or of a container's
/// labels, then <paramref name="Container"/> is the compose service whose labels define it and which
/// it routes to unless <c>service</c> names another). <paramref name="Location"/> is its rule's line,
/// else its first option's.
/// </summary>
public sealed record TraefikRouter(
    string Name,
    SourceLocation Location,
    string? Rule,
    IReadOnlyList<string> EntryPoints,
    bool Tls,
    IReadOnlyList<string> Middlewares,
    string? Service,
    string? Container)
{
    /// <summary>True when the rule restricts the Host header to names it lists: a <c>Host(...)</c>
    /// matcher, with neither an alternative (<c>||</c>) nor a negation beside it that could let other
    /// hosts through. A router without a rule from labels gets the Docker provider's default rule,
    /// <c>Host(`container-name`)</c>, unless the static configuration changes it.</summary>
    public bool NamesHosts(string? defaultRule)
    {
        var rule = Rule ?? (Container is not null ? defaultRule ?? "Host(" : null);
        return rule is not null && rule.Contains("Host(", StringComparison.OrdinalIgnoreCase)
            && !rule.Contains("||", StringComparison.Ordinal) && !rule.Contains('!') && !rule.Contains("HostRegexp", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when the rule has no host matcher at all (<c>PathPrefix(`/`)</c>): every Host reaches it.</summary>
    public bool AnyHost => Rule is not null && !Rule.Contains("Host", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for Traefik's own services (the dashboard's <c>api@internal</c>, <c>noop@internal</c>).</summary>
    public bool ServesTraefikItself => Service?.EndsWith("@internal", StringComparison.OrdinalIgnoreCase) == true;
}

/// <summary>An entry point of Traefik's static configuration (<c>entryPoints.&lt;name&gt;</c>).</summary>
public sealed record TraefikEntryPoint(string Name, SourceLocation Location)
{
    public string? Address { get; init; }

    /// <summary>The entry point every request is redirected to (<c>http.redirections.entryPoint.to</c>)
    /// when the redirect's scheme is https (the default), with where it is written.</summary>
    public TraefikOption? HttpsRedirect { get; init; }

    /// <summary>True when <c>http.tls</c> makes every router on the entry point a TLS one.</summary>
    public bool Tls { get; init; }

    /// <summary>Middlewares applied to every router on the entry point (<c>http.middlewares</c>).</summary>
    public IReadOnlyList<string> Middlewares { get; init; } = [];

    /// <summary>Why the entry point keeps the client's X-Forwarded-* headers (<c>forwardedHeaders.insecure</c>,
    /// or <c>trustedIPs</c> that cover every address), or null when Traefik replaces them.</summary>
    public string? KeepsClientForwarded { get; init; }
}
