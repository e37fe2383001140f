using System.Globalization;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Traefik;

/// <summary>
/// The project's production Traefik, assembled from every production-capable place that configures
/// it: static files and the traefik container's flags (entry points, providers), dynamic files and
/// container labels (routers, middlewares, services). A Traefik instance merges its providers the
/// same way; which file its file provider loads is a path inside the container, so every
/// production-capable Traefik file counts. What the rules ask of it: which routers answer plain
/// HTTP without a redirect, which send HSTS, which keep the client's X-Forwarded-* headers.
/// </summary>
public sealed class TraefikSetup
{
    /// <summary>Headers Traefik sets on every request it forwards, replacing the client's own unless the
    /// entry point trusts the client's.</summary>
    private static readonly string[] Forwarded =
        ["X-Forwarded-Proto", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Port", "X-Forwarded-Server", "X-Real-Ip"];

    private readonly Dictionary<string, List<TraefikOption>> _middlewares = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TraefikOption>> _services = new(StringComparer.Ordinal);

    /// <param name="files">Options of static and dynamic files, and of traefik containers' flags.</param>
    /// <param name="containers">Each routed container's name with its <c>traefik.*</c> labels.</param>
    public TraefikSetup(IEnumerable<IReadOnlyList<TraefikOption>> files, IEnumerable<(string Container, IReadOnlyList<TraefikOption> Labels)> containers)
    {
        var all = files.SelectMany(f => f).ToList();
        var entryPoints = new List<TraefikEntryPoint>();
        foreach (var group in all.Where(o => o.Key.StartsWith("entrypoints.", StringComparison.Ordinal)).GroupBy(o => o.Key.Split('.')[1]))
            entryPoints.Add(EntryPoint(group.Key, group.ToList()));
        EntryPoints = entryPoints;
        HasStaticConfiguration = all.Any(o => o.Key.StartsWith("entrypoints.", StringComparison.Ordinal) || o.Key.StartsWith("providers.", StringComparison.Ordinal));
        DefaultRule = all.LastOrDefault(o => o.Key == "providers.docker.defaultrule")?.Value;
        var exposedByDefault = all.LastOrDefault(o => o.Key == "providers.docker.exposedbydefault")?.Value is not { } e
                               || !string.Equals(e, "false", StringComparison.OrdinalIgnoreCase);

        var routers = new List<TraefikRouter>();
        ReadDynamic(all, null, routers);
        foreach (var (container, labels) in containers)
        {
            var enable = labels.LastOrDefault(o => o.Key == "enable")?.Value;
            if (string.Equals(enable, "false", StringComparison.OrdinalIgnoreCase)
                || !exposedByDefault && !string.Equals(enable, "true", StringComparison.OrdinalIgnoreCase)) continue;
            ReadDynamic(labels, container, routers);
        }
        Routers = routers;
    }

    public IReadOnlyList<TraefikEntryPoint> EntryPoints { get; }

    public IReadOnlyList<TraefikRouter> Routers { get; }

    /// <summary>True when the repository holds Traefik's static configuration (entry points or providers).</summary>
    public bool HasStaticConfiguration { get; }

    /// <summary>The Docker provider's <c>defaultRule</c>, when the static configuration sets it.</summary>
    public string? DefaultRule { get; }

    /// <summary>The entry points a router listens on: those it names, or every one when it names none.</summary>
    public IEnumerable<TraefikEntryPoint> EntryPointsOf(TraefikRouter router) =>
        router.EntryPoints.Count == 0 ? EntryPoints : EntryPoints.Where(e => router.EntryPoints.Contains(e.Name));

    /// <summary>True when the router only matches requests over TLS: its own <c>tls</c>, or its entry points'.</summary>
    public bool IsTls(TraefikRouter router)
    {
        var points = EntryPointsOf(router).ToList();
        return router.Tls || points.Count > 0 && points.All(e => e.Tls);
    }

    /// <summary>Where plain-HTTP requests of the router are sent to HTTPS: every entry point it listens on
    /// redirects, or one of its middlewares does; null when neither does.</summary>
    public SourceLocation? HttpsRedirect(TraefikRouter router)
    {
        var points = EntryPointsOf(router).ToList();
        if (points.Count > 0 && points.All(e => e.HttpsRedirect is not null)) return points[0].HttpsRedirect!.Location;
        foreach (var options in MiddlewaresOf(router))
        {
            if (options.FirstOrDefault(o => o.Key.EndsWith(".redirectscheme.scheme", StringComparison.Ordinal)) is { } scheme
                && string.Equals(scheme.Value, "https", StringComparison.OrdinalIgnoreCase)) return scheme.Location;
            if (options.FirstOrDefault(o => o.Key.EndsWith(".redirectregex.replacement", StringComparison.Ordinal)) is { } regex
                && regex.Value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) return regex.Location;
        }
        return null;
    }

    /// <summary>The Strict-Transport-Security a headers middleware of the router sends, as a header value
    /// (<c>max-age=31536000; includeSubDomains</c>), with where its max-age is written; or null.</summary>
    public (string Value, SourceLocation At)? Hsts(TraefikRouter router)
    {
        foreach (var options in MiddlewaresOf(router))
        {
            string? Option(string name) => options.LastOrDefault(o => o.Key.EndsWith(".headers." + name, StringComparison.Ordinal))?.Value;
            if (options.LastOrDefault(o => o.Key.EndsWith(".headers.customresponseheaders.strict-transport-security", StringComparison.Ordinal)) is { } custom)
                return (custom.Value, custom.Location);
            if (options.LastOrDefault(o => o.Key.EndsWith(".headers.stsseconds", StringComparison.Ordinal)) is not { } seconds) continue;
            var value = $"max-age={seconds.Value}";
            if (string.Equals(Option("stsincludesubdomains"), "true", StringComparison.OrdinalIgnoreCase)) value += "; includeSubDomains";
            if (string.Equals(Option("stspreload"), "true", StringComparison.OrdinalIgnoreCase)) value += "; preload";
            return (value, seconds.Location);
        }
        return null;
    }

    /// <summary>Why the client's own value of a request header reaches the router's service, or null when
    /// Traefik replaces or removes it: the X-Forwarded-* headers Traefik sets unless an entry point trusts
    /// the client's; any other header unless a headers middleware's <c>customRequestHeaders</c> sets it.</summary>
    public string? ClientValue(TraefikRouter router, string header)
    {
        if (Forwarded.Contains(header, StringComparer.OrdinalIgnoreCase))
            return EntryPointsOf(router).Select(e => e.KeepsClientForwarded).FirstOrDefault(w => w is not null);
        var key = ".headers.customrequestheaders." + header.ToLowerInvariant();
        return MiddlewaresOf(router).Any(m => m.Any(o => o.Key.EndsWith(key, StringComparison.Ordinal)))
            ? null
            : $"Traefik passes a client's {header} header on unless a headers middleware's customRequestHeaders sets it";
    }

    /// <summary>The upstream URLs of a service of a dynamic file (<c>loadBalancer.servers[].url</c>).</summary>
    public IEnumerable<string> ServiceUrls(string service) =>
        (_services.GetValueOrDefault(Unqualified(service)) ?? []).Where(o => o.Key.EndsWith(".url", StringComparison.Ordinal)).Select(o => o.Value);

    /// <summary>Every URL of every service of the dynamic files, with where it is written.</summary>
    public IEnumerable<TraefikOption> AllServiceUrls => _services.Values.SelectMany(s => s).Where(o => o.Key.EndsWith(".url", StringComparison.Ordinal));

    /// <summary>The options of each middleware the router uses, its entry points' first (they run first),
    /// with <c>chain</c> middlewares expanded.</summary>
    private IEnumerable<List<TraefikOption>> MiddlewaresOf(TraefikRouter router)
    {
        var names = EntryPointsOf(router).SelectMany(e => e.Middlewares).Concat(router.Middlewares).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var name = Unqualified(names[i]);
            if (!seen.Add(name) || !_middlewares.TryGetValue(name, out var options)) continue;
            if (options.FirstOrDefault(o => o.Key.EndsWith(".chain.middlewares", StringComparison.Ordinal)) is { } chain)
                names.AddRange(List(chain.Value));
            yield return options;
        }
    }

    /// <summary>Routers, middlewares and services of a dynamic file or of one container's labels.</summary>
    private void ReadDynamic(IReadOnlyList<TraefikOption> options, string? container, List<TraefikRouter> routers)
    {
        foreach (var o in options)
        {
            var parts = o.Key.Split('.');
            if (parts.Length < 4 || parts[0] != "http") continue;
            var into = parts[1] switch { "middlewares" => _middlewares, "services" => _services, _ => null };
            if (into is null) continue;
            (into.TryGetValue(parts[2], out var list) ? list : into[parts[2]] = []).Add(o);
        }
        foreach (var group in options.Where(o => o.Key.StartsWith("http.routers.", StringComparison.Ordinal) && o.Key.Split('.').Length >= 4)
                     .GroupBy(o => o.Key.Split('.')[2]))
        {
            var prefix = $"http.routers.{group.Key}.";
            string? Option(string name) => group.LastOrDefault(o => o.Key == prefix + name)?.Value;
            var rule = group.LastOrDefault(o => o.Key == prefix + "rule");
            var tls = group.Any(o => o.Key.StartsWith(prefix + "tls.", StringComparison.Ordinal))
                      || group.LastOrDefault(o => o.Key == prefix + "tls") is { } flag && !string.Equals(flag.Value, "false", StringComparison.OrdinalIgnoreCase);
            routers.Add(new TraefikRouter(group.Key, (rule ?? group.First()).Location, rule?.Value, List(Option("entrypoints")), tls,
                List(Option("middlewares")), Option("service"), container));
        }
    }

    private static TraefikEntryPoint EntryPoint(string name, List<TraefikOption> options)
    {
        var prefix = $"entrypoints.{name}.";
        TraefikOption? Option(string key) => options.LastOrDefault(o => o.Key == prefix + key);
        var redirect = Option("http.redirections.entrypoint.to");
        var scheme = Option("http.redirections.entrypoint.scheme")?.Value ?? "https";
        string? keeps = null;
        if (Option("forwardedheaders.insecure") is { } insecure && !string.Equals(insecure.Value, "false", StringComparison.OrdinalIgnoreCase))
            keeps = $"entry point {name}'s forwardedHeaders.insecure ({insecure.Location}) keeps every client's X-Forwarded-* headers";
        else if (Option("forwardedheaders.trustedips") is { } trusted && List(trusted.Value).FirstOrDefault(EveryAddress) is { } range)
            keeps = $"entry point {name}'s forwardedHeaders.trustedIPs ({trusted.Location}) trusts {range}, every client";
        return new TraefikEntryPoint(name, options[0].Location)
        {
            Address = Option("address")?.Value,
            HttpsRedirect = redirect is not null && string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase) ? redirect : null,
            Tls = options.Any(o => o.Key.StartsWith(prefix + "http.tls", StringComparison.Ordinal) && !string.Equals(o.Value, "false", StringComparison.OrdinalIgnoreCase)),
            Middlewares = List(Option("http.middlewares")?.Value),
            KeepsClientForwarded = keeps,
        };
    }

    /// <summary>The port of an entry point's address (<c>:443</c>, <c>0.0.0.0:80/tcp</c>), or null.</summary>
    public static int? Port(TraefikEntryPoint entryPoint)
    {
        var address = entryPoint.Address?.Split('/')[0];
        return address?.LastIndexOf(':') is int colon and >= 0
               && int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : null;
    }

    private static bool EveryAddress(string range) => range.Trim() is "0.0.0.0/0" or "::/0";

    private static string Unqualified(string name) => (name.IndexOf('@') is var at and >= 0 ? name[..at] : name).Trim().ToLowerInvariant();

    private static List<string> List(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => v.ToLowerInvariant()).ToList();
}
