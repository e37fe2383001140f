using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Apache;

/// <summary>
/// One Apache httpd configuration as httpd would load it: a file no other Apache file of the project
/// includes, with its includes in place. Either a whole server configuration (httpd.conf,
/// apache2.conf, or a file that loads modules or sets ServerRoot) or a site file (sites-available,
/// conf.d) that the server's main file includes. What the deployment rules ask of it: its virtual
/// hosts, the server-wide directives they inherit, and whether it hides its version.
/// </summary>
public sealed class ApacheConfig
{
    public ApacheConfig(string path, IReadOnlyList<ApacheDirective> top)
    {
        Path = path;
        var flat = ApacheDirective.Flatten(top).ToList();
        Global = flat.Where(d => !d.Is("VirtualHost")).ToList();
        var name = ProjectFiles.FileName(path);
        IsWholeConfig = name is "httpd.conf" or "apache2.conf" || Global.Any(d => d.Is("ServerRoot") || d.Is("LoadModule"));
        VirtualHosts = flat.Where(d => d.Is("VirtualHost") && d.Section is not null).Select(d => new ApacheVirtualHost(d, this)).ToList();
        // Without virtual hosts, the main server answers on the ports it listens on (80 unless told):
        // a conf.d file with only a WSGIScriptAlias serves the app from it.
        if (VirtualHosts.Count == 0 && Global.Any(d => d.Section is null && (d.Is("WSGIScriptAlias") || d.Is("WSGIScriptAliasMatch") || d.Is("ProxyPass") || d.Is("Alias")) || d.Is("Location")))
        {
            var listens = Global.Where(d => d.Is("Listen") && d.Args.Count > 0).Select(d => d.Arg(0).Contains(':') ? d.Arg(0) : "*:" + d.Arg(0)).ToList();
            VirtualHosts = [new ApacheVirtualHost(new ApacheDirective("VirtualHost", listens.Count > 0 ? listens : ["*:80"], Location, []), this)];
        }
        Files = Descendants(top).Select(d => d.Location.Path ?? "").Where(p => p.Length > 0).Prepend(path).Distinct().ToList();
    }

    /// <summary>The root file, relative to the project.</summary>
    public string Path { get; }

    public SourceLocation Location => new(Path, 1);

    /// <summary>The server-wide directives (outside every VirtualHost, conditional sections opened):
    /// what each virtual host inherits unless it sets its own.</summary>
    public IReadOnlyList<ApacheDirective> Global { get; }

    /// <summary>The virtual hosts, or, in a configuration that has none but runs, proxies or serves
    /// something, the main server (its addresses from Listen, else *:80).</summary>
    public IReadOnlyList<ApacheVirtualHost> VirtualHosts { get; }

    /// <summary>True when the file is the server's main configuration, so nothing outside it can set a
    /// server-wide directive or put another virtual host first; false for a site file.</summary>
    public bool IsWholeConfig { get; }

    /// <summary>Every file the configuration is made of: the root and what it includes.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The role of the root file (production, development, test...) and why.</summary>
    public RoleJudgement Role { get; private set; } = new(FileRole.Unknown, "nothing says which environment it is for");

    internal ApacheConfig WithRole(RoleJudgement role)
    {
        Role = role;
        return this;
    }

    public bool SpeaksForProduction => Role.Role.SpeaksForProduction();

    /// <summary>The <c>ServerTokens</c> in force (server config only; the last one wins), or null when unset.</summary>
    public ApacheDirective? ServerTokens => Global.LastOrDefault(d => d.Is("ServerTokens") && d.Section is null);

    /// <summary>True when the Server header shows the exact version: ServerTokens Full (httpd's default),
    /// OS or Min(imal). Prod(uctOnly), Major and Minor show no exact version.</summary>
    public bool DisclosesVersion => ServerTokens?.Arg(0).ToLowerInvariant() is null or "full" or "os" or "min" or "minimal";

    /// <summary>The virtual host httpd answers a request for an unknown Host with on each port: the
    /// first one listed for it (name-based virtual hosting), public addresses only.</summary>
    public IEnumerable<(int Port, ApacheVirtualHost Host)> DefaultHosts =>
        VirtualHosts.Where(v => !v.IsLocalOnly).SelectMany(v => v.Ports.Select(p => (Port: p, Host: v)))
            .GroupBy(x => x.Port).OrderBy(g => g.Key).Select(g => g.First());

    private static IEnumerable<ApacheDirective> Descendants(IEnumerable<ApacheDirective> block) =>
        block.SelectMany(d => Descendants(d.Section ?? []).Prepend(d));
}
