using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Nginx;

/// <summary>A <c>location</c> block: its modifier (<c>=</c>, <c>~</c>, <c>~*</c>, <c>^~</c> or empty),
/// its path or regex, and the locations nested in it.</summary>
public sealed class NginxLocation : NginxScope
{
    public NginxLocation(NginxScope parent, NginxDirective block) : base(parent, block.Block ?? [])
    {
        Location = block.Location;
        (Modifier, Path) = block.Args.Count >= 2 ? (block.Args[0], block.Args[1]) : ("", block.Arg(0));
        if (Path.StartsWith('@')) Modifier = "@";
        Locations = Directives.Where(d => d.Name == "location" && d.Block is not null).Select(d => new NginxLocation(this, d)).ToList();
    }

    public SourceLocation Location { get; }

    public string Modifier { get; }

    public string Path { get; }

    public IReadOnlyList<NginxLocation> Locations { get; }

    public bool IsRegex => Modifier is "~" or "~*";

    /// <summary>The directive that hands requests to an application server, if any.</summary>
    public NginxDirective? Upstream => Directives.FirstOrDefault(d => NginxServer.UpstreamDirectives.Contains(d.Name));

    /// <summary>The alias or effective root this location serves files from, if any.</summary>
    public NginxDirective? FileSource => Own("alias") ?? Effective("root");

    /// <summary>This location and every location nested in it, depth first.</summary>
    public IEnumerable<NginxLocation> SelfAndDescendants() => Locations.SelectMany(l => l.SelfAndDescendants()).Prepend(this);
}
