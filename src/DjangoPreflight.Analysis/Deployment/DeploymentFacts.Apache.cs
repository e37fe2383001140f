using DjangoPreflight.Analysis.Deployment.Apache;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>Apache httpd, read into the server-neutral facts the rules judge (<see cref="EdgeSite"/>,
/// <see cref="EdgeFolder"/>, <see cref="EdgeVersion"/>, <see cref="AppProxy"/>, <see cref="FileRoute"/>).</summary>
public sealed partial class DeploymentFacts
{
    public IReadOnlyList<ApacheConfig> Apache { get; init; } = [];

    /// <summary>The Apache configurations that may describe production.</summary>
    public IEnumerable<ApacheConfig> ProductionApache => Apache.Where(c => c.SpeaksForProduction);

    /// <summary>Every site of the front servers read as <see cref="EdgeSite"/>s (Apache's virtual hosts), of every role.</summary>
    public IEnumerable<EdgeSite> EdgeSites =>
        Apache.SelectMany(c =>
        {
            var defaults = c.DefaultHosts.ToList();
            return c.VirtualHosts.Select(v =>
            {
                var catches = defaults.Where(d => d.Host == v).Select(d => (int?)d.Port).FirstOrDefault();
                return new EdgeSite("Apache", "Apache virtual host", v.Display, c.Path, v.Location, c.Role.Role)
                {
                    Port = catches ?? v.Ports.FirstOrDefault(),
                    Tls = v.SslEngine is not null,
                    LocalOnly = v.IsLocalOnly,
                    HttpsRedirect = v.HttpsRedirect?.Location,
                    Rejection = v.Rejection?.Location,
                    CatchesUnknownHosts = catches is not null,
                    WholeConfig = c.IsWholeConfig,
                    Hsts = v.ResponseHeader("Strict-Transport-Security") is var (value, at) ? (value, at.Location) : null,
                    PassesToApp = v.Passes.FirstOrDefault(ReachesApp)?.Directive.Location,
                };
            });
        });

    /// <summary>The sites of production-capable configurations.</summary>
    public IEnumerable<EdgeSite> ProductionEdgeSites => EdgeSites.Where(s => s.Role.SpeaksForProduction());

    /// <summary>Every folder the front servers read as <see cref="EdgeFolder"/>s serve (Apache's Alias), of every role.</summary>
    public IEnumerable<EdgeFolder> EdgeFolders =>
        Apache.SelectMany(c => c.VirtualHosts.SelectMany(v => v.Aliases.Select(a =>
        {
            var scope = v.ScopeOf(a).ToList();
            return new EdgeFolder("Apache", a.Prefix, a.Folder, a.Directive.Location, c.Role.Role,
                ApacheFolderServing.Runner(scope) is var (handler, at) ? (handler, at.Location) : null,
                ApacheFolderServing.Listing(scope)?.Location, ApacheFolderServing.KeepsInert(scope));
        }))).DistinctBy(f => f.Location);

    /// <summary>What each configuration that serves sites says about the version in its Server header.</summary>
    public IEnumerable<EdgeVersion> EdgeVersions =>
        Apache.Where(c => c.VirtualHosts.Count > 0).Select(c => new EdgeVersion("Apache", "ServerTokens", c.Path, c.VirtualHosts[0].Location, c.Role.Role,
            c.ServerTokens?.Location, c.ServerTokens?.Arg(0), c.DisclosesVersion, c.IsWholeConfig));

    /// <summary>Every WSGIScriptAlias (Apache runs the app) and ProxyPass that may reach the app, with
    /// what reaches Django of a request header.</summary>
    private IEnumerable<AppProxy> ApacheAppProxiesOf(IEnumerable<ApacheConfig> configs) =>
        configs.SelectMany(c => c.VirtualHosts.SelectMany(v => v.Passes.Where(ReachesApp).Select(p =>
            new AppProxy(p.Wsgi ? "Apache WSGIScriptAlias" : "Apache ProxyPass", c.Path, p.Directive.Location, header => v.ClientValue(p, header)))))
            .DistinctBy(p => (p.ConfigPath, p.Location));

    /// <summary>True for mod_wsgi, which runs the Django app; for a ProxyPass, false when its URL is FastCGI
    /// (PHP-FPM and the like: Django dropped FastCGI in 1.9) or names only a compose service that is another program.</summary>
    public bool ReachesApp(ApachePass pass)
    {
        if (pass.Wsgi) return true;
        var url = pass.Upstream.Contains('|') ? pass.Upstream[(pass.Upstream.IndexOf('|') + 1)..] : pass.Upstream;
        if (url.StartsWith("fcgi://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("ajp://", StringComparison.OrdinalIgnoreCase)) return false;
        return UpstreamHost(url) is not { } host || !OtherPrograms.IsOtherProgram(this, host);
    }
}
