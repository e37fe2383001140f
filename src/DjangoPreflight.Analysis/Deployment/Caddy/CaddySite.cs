using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Caddy;

/// <summary>A <c>reverse_proxy</c> of a Caddy site: the path it matches ("" for every path), its
/// upstreams as written (<c>api:8000</c>) and the directive itself (its block holds header_up).</summary>
public sealed record CaddyProxy(string Prefix, IReadOnlyList<string> Upstreams, CaddyDirective Directive);

/// <summary>A Caddy site block: its addresses, where it starts, and its directives with snippets expanded.</summary>
public sealed class CaddySite(IReadOnlyList<string> addresses, SourceLocation location, IReadOnlyList<CaddyDirective> directives, CaddyConfig config)
{
    public IReadOnlyList<string> Addresses { get; } = addresses;

    public SourceLocation Location { get; } = location;

    public IReadOnlyList<CaddyDirective> Directives { get; } = directives;

    /// <summary>Every directive of the site, nested ones (inside handle, route...) included.</summary>
    public IEnumerable<CaddyDirective> All => Directives.SelectMany(d => d.SelfAndDescendants());

    /// <summary>True when Caddy's automatic HTTPS serves every address of the site over TLS and
    /// redirects plain HTTP to it: each is a host name (or IP) without <c>http://</c> and without a port
    /// other than 443, and the global options neither turn automatic HTTPS off nor disable its
    /// redirects. False when an address is plain HTTP; null when a placeholder without a default
    /// leaves an address to the environment.</summary>
    public bool? RedirectsToHttps
    {
        get
        {
            if (config.AutoHttps is { } auto && auto.Arg(0) is "off" or "disable_redirects") return false;
            var any = false;
            foreach (var written in Addresses)
            {
                if (CaddyAddress.Parse(written) is not { } address) return null;
                if (!address.AutomaticHttps) return false;
                any = true;
            }
            return any;
        }
    }

    /// <summary>The first address the site answers plain HTTP on (<c>http://</c>, port 80), or null.</summary>
    public string? PlainHttpAddress => Addresses.FirstOrDefault(a => CaddyAddress.Parse(a)?.PlainHttp == true);

    /// <summary>The first address that answers every Host header (<c>:80</c>, <c>http://</c>, <c>*</c>), or null.</summary>
    public string? AnyHostAddress => Addresses.FirstOrDefault(a => CaddyAddress.Parse(a)?.AnyHost == true);

    /// <summary>A <c>redir</c> of every path to an https:// URL, or null.</summary>
    public CaddyDirective? HttpsRedirect => Directives.FirstOrDefault(d => d.Name == "redir"
        && (d.Arg(0) is "*" or "/*" ? d.Arg(1) : d.Arg(0)).StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    /// <summary>An <c>abort</c>, or a <c>respond</c> with a 4xx/5xx status, that answers every path of the site; or null.</summary>
    public CaddyDirective? Rejection => Directives.FirstOrDefault(d =>
        d.Name == "abort" && d.Args.Count == 0
        || d.Name == "respond" && !d.Arg(0).StartsWith('/') && !d.Arg(0).StartsWith('@') && d.Args.Any(a => a.Length == 3 && a[0] is '4' or '5' && a.All(char.IsAsciiDigit)));

    /// <summary>Every <c>reverse_proxy</c> of the site with the path it matches.</summary>
    public IEnumerable<CaddyProxy> Proxies
    {
        get
        {
            foreach (var (directive, scope) in WithScopes(Directives, ""))
            {
                if (directive.Name != "reverse_proxy") continue;
                var args = directive.Args.ToList();
                var prefix = scope;
                if (args.Count > 0 && (args[0].StartsWith('/') || args[0] == "*"))
                {
                    prefix = PrefixOf(args[0]);
                    args.RemoveAt(0);
                }
                else if (args.Count > 0 && args[0].StartsWith('@'))
                {
                    prefix = MatcherPrefix(args[0]) ?? "";
                    args.RemoveAt(0);
                }
                var upstreams = args.Concat((directive.Block ?? []).Where(d => d.Name == "to").SelectMany(d => d.Args)).ToList();
                yield return new CaddyProxy(prefix, upstreams, directive);
            }
        }
    }

    /// <summary>The path prefixes the site answers from files (<c>file_server</c> under a
    /// <c>handle</c>/<c>handle_path</c>/<c>route</c> for that path, or with a path matcher of its own),
    /// with the directive that serves them.</summary>
    public IEnumerable<(string Prefix, CaddyDirective FileServer)> FileRoutes
    {
        get
        {
            foreach (var (directive, scope) in WithScopes(Directives, ""))
            {
                if (directive.Name != "file_server") continue;
                var own = directive.Arg(0) switch
                {
                    var a when a.StartsWith('/') => PrefixOf(a),
                    var a when a.StartsWith('@') => MatcherPrefix(a),
                    _ => null,
                };
                if ((own ?? scope) is { Length: > 0 } prefix) yield return (prefix, directive);
            }
        }
    }

    /// <summary>The value a <c>header</c> directive gives a response header on every path under
    /// <paramref name="prefix"/> ("" for the whole site): one at site level or in the handle for that
    /// path, without a matcher or with a path matcher that covers it; with the directive.</summary>
    public (string Value, CaddyDirective Directive)? ResponseHeader(string name, string prefix = "")
    {
        foreach (var (d, scope) in WithScopes(Directives, ""))
        {
            if (d.Name != "header" || !Covers(scope, prefix)) continue;
            var matcher = d.Arg(0) switch
            {
                var a when a.StartsWith('/') => PrefixOf(a),
                var a when a.StartsWith('@') => MatcherPrefix(a),
                _ => "",
            };
            if (matcher is null || !Covers(matcher, prefix)) continue;
            var args = d.Args.SkipWhile(a => a.StartsWith('/') || a.StartsWith('@') || a == "*").ToList();
            if (args.Count >= 2 && string.Equals(args[0].TrimStart('+'), name, StringComparison.OrdinalIgnoreCase)) return (args[1], d);
            foreach (var inner in d.Block ?? [])
                if (string.Equals(inner.Name.TrimStart('+'), name, StringComparison.OrdinalIgnoreCase) && inner.Args.Count > 0) return (inner.Arg(0), inner);
        }
        return null;
    }

    /// <summary>True when a path prefix ("" for every path) covers every path under <paramref name="prefix"/>.</summary>
    private static bool Covers(string scope, string prefix) =>
        scope.Length == 0 || prefix == scope || prefix.StartsWith(scope + "/", StringComparison.Ordinal);

    /// <summary>Each directive with the path prefix of the handle/handle_path/route it sits in.</summary>
    private IEnumerable<(CaddyDirective Directive, string Scope)> WithScopes(IEnumerable<CaddyDirective> block, string scope)
    {
        foreach (var d in block)
        {
            yield return (d, scope);
            if (d.Block is null || d.Name is not ("handle" or "handle_path" or "route")) continue;
            var inner = d.Arg(0) switch
            {
                var a when a.StartsWith('/') => PrefixOf(a),
                var a when a.StartsWith('@') => MatcherPrefix(a) ?? scope,
                _ => scope,
            };
            foreach (var nested in WithScopes(d.Block, inner)) yield return nested;
        }
    }

    /// <summary>The path prefix of a named matcher defined with a <c>path</c> (<c>@static path /static/*</c>).</summary>
    private string? MatcherPrefix(string name)
    {
        foreach (var d in All.Where(d => d.Name == name))
        {
            if (d.Arg(0) == "path" && d.Args.Count > 1) return PrefixOf(d.Arg(1));
            if (d.Arg(0).StartsWith('/')) return PrefixOf(d.Arg(0));
            if ((d.Block ?? []).FirstOrDefault(b => b.Name == "path") is { Args.Count: > 0 } path) return PrefixOf(path.Arg(0));
        }
        return null;
    }

    /// <summary>"/static/*" is the prefix /static; "*" and "/*" are every path ("").</summary>
    private static string PrefixOf(string matcher) => matcher.TrimEnd('*').TrimEnd('/');
}
