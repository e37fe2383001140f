using System.Globalization;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Apache;

/// <summary>A place where Apache hands requests under <paramref name="Prefix"/> to an application:
/// <c>WSGIScriptAlias</c> (mod_wsgi runs the app inside Apache; <paramref name="Upstream"/> is the
/// script) or <c>ProxyPass</c> (mod_proxy passes them to <paramref name="Upstream"/>, a URL).</summary>
public sealed record ApachePass(string Prefix, string Upstream, bool Wsgi, ApacheDirective Directive);

/// <summary>An <c>Alias</c> of a URL prefix onto a folder, and the <c>&lt;Directory&gt;</c> sections that
/// apply to that folder (its own and its parents', server-wide ones first).</summary>
public sealed record ApacheAlias(string Prefix, string Folder, ApacheDirective Directive, IReadOnlyList<ApacheDirective> Directories);

/// <summary>
/// One <c>&lt;VirtualHost&gt;</c> with what the deployment rules ask of it, reading its own directives
/// (conditional sections opened) over the server-wide ones it inherits: the ports and names it
/// answers, whether it terminates TLS, redirects every path to https:// or rejects every request,
/// the HSTS header it sends, where it runs or proxies the app and what reaches the app of a request
/// header, and the folders it serves.
/// </summary>
public sealed class ApacheVirtualHost
{
    private readonly ApacheConfig _config;

    public ApacheVirtualHost(ApacheDirective section, ApacheConfig config)
    {
        _config = config;
        Addresses = section.Args;
        Location = section.Location;
        Directives = ApacheDirective.Flatten(section.Section ?? []).ToList();
    }

    public IReadOnlyList<string> Addresses { get; }

    public SourceLocation Location { get; }

    /// <summary>The virtual host's own directives, conditional sections opened.</summary>
    public IReadOnlyList<ApacheDirective> Directives { get; }

    /// <summary>The ports of its addresses; an address without one (<c>*</c>, <c>_default_</c>) is taken as
    /// httpd's default port 80.</summary>
    public IReadOnlyList<int> Ports => Addresses.Select(a =>
            a.LastIndexOf(':') is var colon and > 0 && !a.EndsWith(']') && int.TryParse(a[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 80)
        .Distinct().ToList();

    /// <summary>True when every address is a loopback one: no client reaches it directly.</summary>
    public bool IsLocalOnly => Addresses.Count > 0 && Addresses.All(a =>
        (a.LastIndexOf(':') is var colon and > 0 && !a.EndsWith(']') ? a[..colon] : a) is "127.0.0.1" or "localhost" or "[::1]");

    /// <summary>ServerName and ServerAlias values, without scheme or port.</summary>
    public IReadOnlyList<string> Names => Directives.Where(d => d.Is("ServerName") || d.Is("ServerAlias")).SelectMany(d => d.Args)
        .Select(n => n.Contains("://", StringComparison.Ordinal) ? n[(n.IndexOf("://", StringComparison.Ordinal) + 3)..] : n)
        .Select(n => n.Split(':')[0]).Where(n => n.Length > 0).ToList();

    /// <summary>How reports name it: its addresses and names (<c>*:443 (shop.example.com)</c>).</summary>
    public string Display => string.Join(' ', Addresses) + (Names.Count > 0 ? $" ({string.Join(' ', Names)})" : "");

    /// <summary>Where <c>SSLEngine on</c> makes it terminate TLS; null when it serves plain HTTP.</summary>
    public ApacheDirective? SslEngine => Directives.LastOrDefault(d => d.Is("SSLEngine") && d.Section is null) is { } e && e.Arg(0).Equals("on", StringComparison.OrdinalIgnoreCase) ? e : null;

    /// <summary>A redirect of every path to an https:// URL: <c>Redirect [permanent] / https://...</c>,
    /// <c>RedirectPermanent</c>, <c>RedirectMatch</c> of every path, one in <c>&lt;Location /&gt;</c>, or a
    /// <c>RewriteRule</c> of every path to https:// with the R flag (RewriteEngine on in the virtual host;
    /// certbot's <c>RewriteRule ^ https://%{SERVER_NAME}%{REQUEST_URI} [END,NE,R=permanent]</c>). Null when none.</summary>
    public ApacheDirective? HttpsRedirect
    {
        get
        {
            foreach (var d in Directives)
                if (RedirectTarget(d, inRoot: false) is { } target && target.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) return d;
            foreach (var d in RootLocations.SelectMany(l => l.Section!))
                if (RedirectTarget(d, inRoot: true) is { } target && target.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) return d;
            if (RewriteOn)
                foreach (var d in Directives.Where(d => d.Is("RewriteRule") && d.Args.Count >= 3 && WholeSite(d.Arg(0))))
                    if (d.Arg(1).StartsWith("https://", StringComparison.OrdinalIgnoreCase) && Flags(d).Any(f => f == "r" || f.StartsWith("r=", StringComparison.Ordinal) || f.StartsWith("redirect", StringComparison.Ordinal)))
                        return d;
            return null;
        }
    }

    /// <summary>A directive that answers every request with an error: <c>Require all denied</c> (or
    /// <c>Deny from all</c>) in <c>&lt;Location /&gt;</c>, <c>Redirect 403|404|410|gone /</c>, or a RewriteRule of
    /// every path with the F or G flag. Null when none.</summary>
    public ApacheDirective? Rejection
    {
        get
        {
            foreach (var d in RootLocations.SelectMany(l => ApacheDirective.Flatten(l.Section!)))
                if (d.Is("Require") && d.Arg(0).Equals("all", StringComparison.OrdinalIgnoreCase) && d.Arg(1).Equals("denied", StringComparison.OrdinalIgnoreCase)
                    || d.Is("Deny") && d.Arg(0).Equals("from", StringComparison.OrdinalIgnoreCase) && d.Arg(1).Equals("all", StringComparison.OrdinalIgnoreCase))
                    return d;
            foreach (var d in Directives.Where(d => d.Is("Redirect") && d.Args.Count >= 2 && d.Arg(1) == "/"))
                if (d.Arg(0).ToLowerInvariant() is "gone" or "403" or "404" or "410") return d;
            if (RewriteOn)
                foreach (var d in Directives.Where(d => d.Is("RewriteRule") && d.Args.Count >= 3 && d.Arg(1) == "-" && WholeSite(d.Arg(0))))
                    if (Flags(d).Any(f => f is "f" or "forbidden" or "g" or "gone" or "r=403" or "r=404" or "r=410")) return d;
            return null;
        }
    }

    /// <summary>The value a <c>Header [always] set|add|merge|append</c> gives a response header on every path
    /// (virtual host, else server-wide), with the directive; null when none does.</summary>
    public (string Value, ApacheDirective Directive)? ResponseHeader(string name) => HeaderIn(Directives, name) ?? HeaderIn(_config.Global, name);

    /// <summary>Every WSGIScriptAlias and ProxyPass of the virtual host and the server-wide ones it inherits.</summary>
    public IEnumerable<ApachePass> Passes
    {
        get
        {
            foreach (var d in Directives.Concat(_config.Global).Where(d => d.Section is null))
            {
                if ((d.Is("WSGIScriptAlias") || d.Is("WSGIScriptAliasMatch")) && d.Args.Count >= 2)
                    yield return new ApachePass(d.Is("WSGIScriptAlias") ? d.Arg(0).TrimEnd('/') : "", d.Arg(1), true, d);
                else if ((d.Is("ProxyPass") || d.Is("ProxyPassMatch")) && d.Args.Count >= 2 && d.Arg(1) != "!")
                    yield return new ApachePass(d.Is("ProxyPass") ? d.Arg(0).TrimEnd('/') : "", d.Arg(1), false, d);
            }
            // Inside <Location /api>, ProxyPass takes the URL alone.
            foreach (var location in Directives.Concat(_config.Global).Where(d => d.Is("Location") && d.Section is not null))
                foreach (var d in ApacheDirective.Flatten(location.Section!).Where(d => d.Is("ProxyPass") && d.Args.Count >= 1 && d.Arg(0) != "!"))
                    yield return new ApachePass(location.Arg(0).TrimEnd('/'), d.Arg(0), false, d);
        }
    }

    /// <summary>Why the client's own value of a request header reaches the app through
    /// <paramref name="pass"/>, or null when a <c>RequestHeader set</c> or <c>unset</c> (server-wide, in the
    /// virtual host, or in a Location covering the pass) overwrites it, or only under a condition
    /// (<c>env=</c>, <c>expr=</c>) that is not decided here.</summary>
    public string? ClientValue(ApachePass pass, string header)
    {
        var scopes = _config.Global.Concat(Directives)
            .Concat(Directives.Where(d => d.Is("Location") && d.Section is not null && Covers(d.Arg(0).TrimEnd('/'), pass.Prefix)).SelectMany(d => ApacheDirective.Flatten(d.Section!)));
        foreach (var d in scopes.Where(d => d.Is("RequestHeader") && d.Args.Count >= 2 && string.Equals(d.Arg(1), header, StringComparison.OrdinalIgnoreCase)))
        {
            var action = d.Arg(0).ToLowerInvariant();
            if (action == "unset") return null;
            // set overwrites; append, add, merge and setifempty keep what the client sent.
            if (action == "set") return null;
        }
        return pass.Wsgi
            ? $"Apache runs the app itself (mod_wsgi) and hands Django the {header} the client sent; no RequestHeader sets or unsets it"
            : $"Apache's mod_proxy passes a client's {header} on (it adds X-Forwarded-For, -Host and -Server only); no RequestHeader sets or unsets it";
    }

    /// <summary>Every <c>Alias</c> of the virtual host and the server-wide ones, with the Directory sections for its folder.</summary>
    public IEnumerable<ApacheAlias> Aliases
    {
        get
        {
            var directories = _config.Global.Concat(Directives).Where(d => d.Is("Directory") && d.Section is not null && d.Args.Count > 0).ToList();
            foreach (var d in Directives.Concat(_config.Global).Where(d => d.Is("Alias") && d.Section is null && d.Args.Count >= 2))
            {
                var folder = d.Arg(1).TrimEnd('/');
                var applying = directories.Where(s => s.Arg(0).TrimEnd('/') is var dir && (dir == folder || folder.StartsWith(dir + "/", StringComparison.Ordinal) || dir.Length == 0))
                    .OrderBy(s => s.Arg(0).TrimEnd('/').Length).ToList();
                yield return new ApacheAlias(d.Arg(0).TrimEnd('/'), folder, d, applying);
            }
        }
    }

    /// <summary>Server-wide and virtual-host directives that apply to every folder (handlers mapped by
    /// extension, FilesMatch sections), then the alias's Directory sections: what decides how a file there is served.</summary>
    public IEnumerable<ApacheDirective> ScopeOf(ApacheAlias alias) =>
        _config.Global.Concat(Directives).Where(d => d.Section is null || d.Is("Files") || d.Is("FilesMatch"))
            .Concat(alias.Directories.SelectMany(s => ApacheDirective.Flatten(s.Section!)));

    private bool RewriteOn => Directives.LastOrDefault(d => d.Is("RewriteEngine"))?.Arg(0).Equals("on", StringComparison.OrdinalIgnoreCase) == true;

    private IEnumerable<ApacheDirective> RootLocations =>
        Directives.Where(d => d.Is("Location") && d.Section is not null && d.Arg(0).TrimEnd('/').Length == 0 && d.Args.Count == 1);

    /// <summary>The target of a Redirect-family directive that covers every path, or null.</summary>
    private static string? RedirectTarget(ApacheDirective d, bool inRoot)
    {
        var args = d.Args.ToList();
        if (d.Is("Redirect") || d.Is("RedirectMatch"))
        {
            // An optional status first: permanent, temp, seeother or a 3xx code.
            if (args.Count >= 2 && args[0].ToLowerInvariant() is "permanent" or "temp" or "seeother" || args.Count >= 3 && args[0].Length == 3 && args[0].All(char.IsAsciiDigit))
                args.RemoveAt(0);
            if (inRoot && d.Is("Redirect") && args.Count == 1) return args[0];
            if (args.Count < 2) return null;
            return d.Is("Redirect") ? args[0] == "/" ? args[1] : null : WholeSite(args[0]) ? args[1] : null;
        }
        if (d.Is("RedirectPermanent") || d.Is("RedirectTemp"))
            return inRoot && args.Count == 1 ? args[0] : args.Count >= 2 && args[0] == "/" ? args[1] : null;
        return null;
    }

    /// <summary>A regex that matches every path: <c>^</c>, <c>^/?(.*)$</c>, <c>(.*)</c>, <c>.*</c>...</summary>
    private static bool WholeSite(string regex) =>
        regex.Replace(".*", "", StringComparison.Ordinal).Trim('^', '$', '/', '?', '(', ')').Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal).Length == 0;

    /// <summary>A RewriteRule's flags, lower-case: <c>[L,R=301]</c> is l and r=301.</summary>
    private static IEnumerable<string> Flags(ApacheDirective rule) =>
        rule.Args.Skip(2).Where(a => a.StartsWith('[') && a.EndsWith(']'))
            .SelectMany(a => a[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Select(f => f.ToLowerInvariant());

    /// <summary>A Location path ("" for every path) covers every path under <paramref name="prefix"/>.</summary>
    private static bool Covers(string scope, string prefix) =>
        scope.Length == 0 || prefix == scope || prefix.StartsWith(scope + "/", StringComparison.Ordinal);

    /// <summary>The value <c>Header [always|onsuccess] set|add|merge|append|setifempty Name value</c> gives a
    /// response header among <paramref name="block"/>'s own directives (the last one wins).</summary>
    internal static (string Value, ApacheDirective Directive)? HeaderIn(IEnumerable<ApacheDirective> block, string name)
    {
        (string, ApacheDirective)? found = null;
        foreach (var d in block.Where(d => d.Is("Header") && d.Section is null))
        {
            var args = d.Args.SkipWhile(a => a.ToLowerInvariant() is "always" or "onsuccess").ToList();
            if (args.Count < 2 || !string.Equals(args[1], name, StringComparison.OrdinalIgnoreCase)) continue;
            var action = args[0].ToLowerInvariant();
            if (action == "unset") found = null;
            else if (action is "set" or "add" or "merge" or "append" or "setifempty" && args.Count >= 3) found = (args[2], d);
        }
        return found;
    }
}
