using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Caddy;

/// <summary>
/// One Caddyfile: its global options (the leading block without an address), its snippets
/// (<c>(name) { }</c>, expanded where a site imports them) and its sites, with what the deployment
/// rules ask of Caddy: whether it redirects plain HTTP (automatic HTTPS), where it proxies and
/// whether the client's X-Forwarded-* headers reach the upstream, and which paths it serves as files.
/// </summary>
public sealed class CaddyConfig
{
    public CaddyConfig(string path, IReadOnlyList<CaddyDirective> top)
    {
        Path = path;
        var snippets = new Dictionary<string, IReadOnlyList<CaddyDirective>>(StringComparer.Ordinal);
        foreach (var d in top.Where(d => d.Name.StartsWith('(') && d.Name.EndsWith(')') && d.Block is not null))
            snippets[d.Name[1..^1]] = d.Block!;
        var blocks = top.Where(d => !(d.Name.StartsWith('(') && d.Name.EndsWith(')'))).ToList();
        // The global options block is the first block, when it has no address.
        if (blocks.FirstOrDefault() is { Name: "", Block: { } global })
        {
            Global = global;
            blocks = blocks.Skip(1).ToList();
        }
        Sites = blocks.Where(d => d.Block is not null && d.Name.Length > 0)
            .Select(d => new CaddySite(Addresses(d), d.Location, CaddyDirective.Expand(d.Block!, snippets).ToList(), this)).ToList();
    }

    public string Path { get; }

    public SourceLocation Location => new(Path, 1);

    public IReadOnlyList<CaddyDirective> Global { get; } = [];

    public IReadOnlyList<CaddySite> Sites { get; }

    /// <summary>The role of the file (production, development, test...) and why.</summary>
    public RoleJudgement Role { get; private set; } = new(FileRole.Unknown, "nothing says which environment it is for");

    internal CaddyConfig WithRole(RoleJudgement role)
    {
        Role = role;
        return this;
    }

    public bool SpeaksForProduction => Role.Role.SpeaksForProduction();

    /// <summary>The global <c>auto_https</c> option (off, disable_redirects...), if set.</summary>
    public CaddyDirective? AutoHttps => Global.LastOrDefault(d => d.Name == "auto_https");

    /// <summary>The global <c>servers { trusted_proxies ... }</c> option, if set: clients in those ranges
    /// may send X-Forwarded-* headers that Caddy passes on.</summary>
    public CaddyDirective? TrustedProxies =>
        Global.Where(d => d.Name == "servers").SelectMany(d => d.Block ?? []).LastOrDefault(d => d.Name == "trusted_proxies");

    /// <summary>A site's addresses: the words of its line, commas removed.</summary>
    private static List<string> Addresses(CaddyDirective site) =>
        site.Args.Prepend(site.Name).SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    /// <summary>An environment placeholder's default (<c>{$VAR:default}</c>), the word itself when it holds
    /// none, and null for a placeholder without a default: Caddy takes its value from outside the repository.</summary>
    public static string? Resolved(string word)
    {
        if (!word.StartsWith("{$", StringComparison.Ordinal) || !word.EndsWith('}')) return word.Contains("{$", StringComparison.Ordinal) ? null : word;
        var colon = word.IndexOf(':');
        return colon < 0 ? null : word[(colon + 1)..^1];
    }
}
