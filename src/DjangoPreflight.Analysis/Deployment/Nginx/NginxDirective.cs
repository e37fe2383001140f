using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Nginx;

/// <summary>One nginx directive as written: its name, its arguments with quotes and escapes
/// removed, where it is, and its block (null for a simple directive ending in ';').
/// An <c>include</c> is kept as written; its files' directives follow it in <see cref="Block"/>
/// order through <see cref="Included"/>.</summary>
public sealed record NginxDirective(string Name, IReadOnlyList<string> Args, SourceLocation Location, IReadOnlyList<NginxDirective>? Block)
{
    /// <summary>For an <c>include</c>: the directives of the files it resolved to, in file-name order.</summary>
    public IReadOnlyList<NginxDirective> Included { get; init; } = [];

    public string Arg(int index) => index < Args.Count ? Args[index] : "";

    /// <summary>The directives of a block with every include expanded in place, as nginx sees them.</summary>
    public static IEnumerable<NginxDirective> Expand(IReadOnlyList<NginxDirective> directives)
    {
        foreach (var d in directives)
        {
            if (d.Name == "include")
            {
                foreach (var inner in Expand(d.Included))
                    yield return inner;
            }
            else
            {
                yield return d;
            }
        }
    }
}
