using System.Globalization;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Nginx;

/// <summary>One <c>listen</c> of a server: port, whether TLS, whether the default server for it.</summary>
public sealed record NginxListen(string Address, int? Port, bool Ssl, bool DefaultServer, SourceLocation Location)
{
    /// <summary>Loopback or a unix socket: unreachable from outside the machine.</summary>
    public bool IsLocalOnly => Address.StartsWith("unix:", StringComparison.Ordinal) || Address.StartsWith("127.", StringComparison.Ordinal)
        || Address is "localhost" or "[::1]";

    public static NginxListen Parse(NginxDirective listen)
    {
        var spec = listen.Arg(0);
        var flags = listen.Args.Skip(1).ToHashSet(StringComparer.Ordinal);
        string address = "*";
        string portText = spec;
        if (spec.StartsWith("unix:", StringComparison.Ordinal))
        {
            address = spec;
            portText = "";
        }
        else if (spec.LastIndexOf(':') is var colon and > 0 && !spec.EndsWith(']'))
        {
            address = spec[..colon];
            portText = spec[(colon + 1)..];
        }
        else if (!spec.All(char.IsAsciiDigit))
        {
            // An address alone ("127.0.0.1" or "[::]") listens on port 80.
            address = spec;
            portText = "80";
        }
        int? port = int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
        return new NginxListen(address, port, flags.Contains("ssl") || flags.Contains("quic"),
            flags.Contains("default_server") || flags.Contains("default"), listen.Location);
    }
}

/// <summary>A <c>server</c> block with what the deployment rules ask of it.</summary>
public sealed class NginxServer : NginxScope
{
    /// <summary>Directives that hand a request to an application server.</summary>
    public static readonly HashSet<string> UpstreamDirectives = new(StringComparer.Ordinal)
    {
        "proxy_pass", "uwsgi_pass", "fastcgi_pass", "scgi_pass", "grpc_pass",
    };

    public NginxServer(NginxScope http, NginxDirective block) : base(http, block.Block ?? [])
    {
        Location = block.Location;
        var listens = OwnAll("listen").Select(NginxListen.Parse).ToList();
        // A server without listen directives listens on *:80.
        Listens = listens.Count > 0 ? listens : [new NginxListen("*", 80, false, false, block.Location)];
        Names = OwnAll("server_name").SelectMany(d => d.Args).ToList();
        Locations = Directives.Where(d => d.Name == "location" && d.Block is not null).Select(d => new NginxLocation(this, d)).ToList();
    }

    public SourceLocation Location { get; }

    public IReadOnlyList<NginxListen> Listens { get; }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Top-level locations; nested ones hang below them.</summary>
    public IReadOnlyList<NginxLocation> Locations { get; }

    public IEnumerable<NginxLocation> AllLocations => Locations.SelectMany(l => l.SelfAndDescendants());

    /// <summary>Where <c>ssl on</c> (the old form) applies TLS to every listen of the server.</summary>
    private bool SslOn => Effective("ssl") is { } ssl && ssl.Arg(0) == "on";

    public bool IsSsl(NginxListen listen) => listen.Ssl || SslOn;

    /// <summary>The directive that sends every plain request of this server to https, if any:
    /// <c>return 30x https://...</c> or <c>rewrite ... https://...</c> at server level, in an
    /// <c>if</c> block there, or in <c>location /</c>.</summary>
    public NginxDirective? HttpsRedirect
    {
        get
        {
            foreach (var scope in CatchAllScopes())
            {
                foreach (var d in scope)
                {
                    if (d.Name == "return" && IsHttpsTarget(d.Args.Count == 1 ? d.Arg(0) : d.Arg(1))
                        && (d.Args.Count == 1 || d.Arg(0) is "301" or "302" or "303" or "307" or "308"))
                        return d;
                    if (d.Name == "rewrite" && IsHttpsTarget(d.Arg(1)))
                        return d;
                }
            }
            return null;
        }
    }

    /// <summary>The directive by which this server refuses every request (<c>return 444</c> or any
    /// 4xx/5xx, <c>deny all</c>, <c>ssl_reject_handshake on</c>), if any.</summary>
    public NginxDirective? Rejection
    {
        get
        {
            var scopes = CatchAllScopes().Select(s => s.ToList()).ToList();
            // A `return 444` is what users look for; cite it before deny or ssl_reject_handshake.
            return scopes.SelectMany(s => s).FirstOrDefault(d =>
                       d.Name == "return" && int.TryParse(d.Arg(0), NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code >= 400)
                   ?? scopes.SelectMany(s => s).FirstOrDefault(d => d.Name == "deny" && d.Arg(0) == "all" || d.Name == "ssl_reject_handshake" && d.Arg(0) == "on");
        }
    }

    /// <summary>The first directive that passes requests to an application (proxy_pass, uwsgi_pass...).</summary>
    public IEnumerable<(NginxScope Scope, NginxDirective Pass)> Upstreams()
    {
        foreach (var d in Directives.Where(d => UpstreamDirectives.Contains(d.Name)))
            yield return (this, d);
        foreach (var location in AllLocations)
            if (location.Upstream is { } pass)
                yield return (location, pass);
    }

    // The server level, its `if` blocks, and `location /`: what every request goes through.
    private IEnumerable<IEnumerable<NginxDirective>> CatchAllScopes()
    {
        yield return Directives;
        foreach (var d in Directives.Where(d => d.Name == "if" && d.Block is not null))
            yield return NginxDirective.Expand(d.Block!);
        foreach (var location in Locations.Where(l => l.Path == "/" && l.Modifier is "" or "^~" or "="))
            yield return location.Directives;
    }

    private static bool IsHttpsTarget(string target) => target.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
