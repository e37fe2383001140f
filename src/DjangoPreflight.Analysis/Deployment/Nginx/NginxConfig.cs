using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Nginx;

/// <summary>
/// One nginx configuration as nginx would load it: a file no other nginx file of the project
/// includes, with its includes expanded. Either a whole <c>nginx.conf</c> (it has an <c>http</c>
/// block) or a site file (conf.d, sites-available) whose top level is the http context.
/// </summary>
public sealed class NginxConfig
{
    public NginxConfig(string path, IReadOnlyList<NginxDirective> top)
    {
        Path = path;
        var http = NginxDirective.Expand(top).FirstOrDefault(d => d.Name == "http" && d.Block is not null);
        IsWholeConfig = http is not null;
        Http = new NginxScope(null, http?.Block ?? top);
        Servers = Http.Directives.Where(d => d.Name == "server" && d.Block is not null).Select(d => new NginxServer(Http, d)).ToList();
    }

    /// <summary>The root file, relative to the project.</summary>
    public string Path { get; }

    /// <summary>The role of the root file (production, development, test...) and why.</summary>
    public RoleJudgement Role { get; private set; } = new(FileRole.Unknown, "nothing says which environment it is for");

    /// <summary>Sets the role once every deployment file is known (the loader's last step).</summary>
    internal NginxConfig WithRole(RoleJudgement role)
    {
        Role = role;
        return this;
    }

    /// <summary>Where another front server of the project proxies to every port this configuration
    /// listens on, when it terminates no TLS itself: then this nginx is internal, behind that proxy,
    /// and what clients meet (redirects, unknown hosts) is the front server's business.</summary>
    public SourceLocation? FrontedBy { get; private set; }

    internal NginxConfig Behind(SourceLocation front)
    {
        FrontedBy = front;
        return this;
    }

    /// <summary>True unless the configuration is for development, CI, tests or an example.</summary>
    public bool SpeaksForProduction => Role.Role.SpeaksForProduction();

    /// <summary>Every file the configuration is made of: the root and what it includes.</summary>
    public IEnumerable<string> Files => FilesOf(Http.Directives).Prepend(Path).Distinct();

    private static IEnumerable<string> FilesOf(IEnumerable<NginxDirective> directives) =>
        directives.SelectMany(d => FilesOf(d.Included).Concat(FilesOf(d.Block ?? [])).Prepend(d.Location.Path ?? ""))
            .Where(p => p.Length > 0);

    /// <summary>True when the file holds the http block itself, so http-level defaults are known;
    /// false for a site file that runs inside an http block we cannot see.</summary>
    public bool IsWholeConfig { get; }

    public NginxScope Http { get; }

    public IReadOnlyList<NginxServer> Servers { get; }

    /// <summary>Where a request passed on by <paramref name="pass"/> in <paramref name="scope"/> gets
    /// the request header <paramref name="header"/> overwritten by nginx (proxy_set_header for
    /// proxy_pass, uwsgi_param/fastcgi_param/scgi_param HTTP_* for the others), or null when the
    /// client's own value goes through. A value that copies the client's header is not an overwrite.</summary>
    public static NginxDirective? HeaderOverwrite(NginxScope scope, NginxDirective pass, string header)
    {
        var cgiName = "HTTP_" + header.ToUpperInvariant().Replace('-', '_');
        var clientCopy = "$http_" + header.ToLowerInvariant().Replace('-', '_');
        var (directive, name) = pass.Name switch
        {
            "proxy_pass" or "grpc_pass" => (pass.Name == "proxy_pass" ? "proxy_set_header" : "grpc_set_header", header),
            "uwsgi_pass" => ("uwsgi_param", cgiName),
            "fastcgi_pass" => ("fastcgi_param", cgiName),
            _ => ("scgi_param", cgiName),
        };
        var set = scope.EffectiveArray(directive).LastOrDefault(d => string.Equals(d.Arg(0), name, StringComparison.OrdinalIgnoreCase));
        return set is not null && !set.Arg(1).Contains(clientCopy, StringComparison.OrdinalIgnoreCase) ? set : null;
    }

    public SourceLocation Location => new(Path, 1);
}
