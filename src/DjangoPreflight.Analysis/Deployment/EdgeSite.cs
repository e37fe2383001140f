using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>
/// A site of a front server that meets clients, described as the deployment rules judge it
/// whichever server it is: the port it answers, whether it terminates TLS, redirects every path to
/// HTTPS or rejects every request, whether the server answers requests with an unknown Host from
/// it, the HSTS header it sends and where it hands requests to the app. Apache's virtual hosts are
/// read this way; nginx, Caddy and Traefik keep readers of their own in the rules.
/// </summary>
/// <param name="Server">The server's name in messages ("Apache").</param>
/// <param name="Noun">What a site is called there ("Apache virtual host").</param>
/// <param name="Name">The site as written (its addresses and host names).</param>
public sealed record EdgeSite(string Server, string Noun, string Name, string ConfigPath, SourceLocation Location, FileRole Role)
{
    public int? Port { get; init; }

    public bool Tls { get; init; }

    /// <summary>True when it listens on loopback only: no client reaches it directly.</summary>
    public bool LocalOnly { get; init; }

    public SourceLocation? HttpsRedirect { get; init; }

    public SourceLocation? Rejection { get; init; }

    /// <summary>True when the server answers a request whose Host no site names from this one on its port.</summary>
    public bool CatchesUnknownHosts { get; init; }

    /// <summary>True when the file is the server's whole configuration: no file outside it can put another site first.</summary>
    public bool WholeConfig { get; init; }

    public (string Value, SourceLocation At)? Hsts { get; init; }

    /// <summary>Where the site hands requests to the app (runs it, or proxies to it); null when it does not.</summary>
    public SourceLocation? PassesToApp { get; init; }
}

/// <summary>A URL prefix a front server answers from a folder, with how it serves the files there:
/// <paramref name="Runs"/> names the handler that executes them (PHP, CGI) and where it is set,
/// <paramref name="Lists"/> where listings are turned on; <paramref name="Inert"/> is true when the
/// responses keep an uploaded page from rendering (attachment, sandbox CSP, forced type).</summary>
public sealed record EdgeFolder(string Server, string Prefix, string Folder, SourceLocation Location, FileRole Role,
    (string Handler, SourceLocation At)? Runs, SourceLocation? Lists, bool Inert);

/// <summary>What a front server's configuration says about the version it discloses in its Server
/// header: the directive that decides (<paramref name="SetAt"/> null when unset and the server's
/// default applies), its value, and whether the exact version shows.</summary>
public sealed record EdgeVersion(string Server, string Directive, string ConfigPath, SourceLocation Location, FileRole Role,
    SourceLocation? SetAt, string? Value, bool Discloses, bool WholeConfig);
