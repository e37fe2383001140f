using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Caddy;

/// <summary>One Caddyfile line: its first word (a directive, a site address, a snippet's name, a
/// matcher's definition), the words after it with quotes removed, where it is, and its block (null
/// when the line opens none).</summary>
public sealed record CaddyDirective(string Name, IReadOnlyList<string> Args, SourceLocation Location, IReadOnlyList<CaddyDirective>? Block)
{
    public string Arg(int index) => index < Args.Count ? Args[index] : "";

    /// <summary>The directives of a block with <c>import</c>s of the file's snippets expanded in place
    /// (a snippet importing itself, directly or not, is expanded once).</summary>
    public static IEnumerable<CaddyDirective> Expand(IReadOnlyList<CaddyDirective> block, IReadOnlyDictionary<string, IReadOnlyList<CaddyDirective>> snippets, HashSet<string>? open = null)
    {
        open ??= [];
        foreach (var d in block)
        {
            if (d.Name == "import" && snippets.TryGetValue(d.Arg(0), out var snippet) && open.Add(d.Arg(0)))
            {
                foreach (var inner in Expand(snippet, snippets, open)) yield return inner;
                open.Remove(d.Arg(0));
            }
            else if (d.Name != "import")
            {
                yield return d;
            }
        }
    }

    /// <summary>This directive and every directive nested in its block, depth first.</summary>
    public IEnumerable<CaddyDirective> SelfAndDescendants() => (Block ?? []).SelectMany(d => d.SelfAndDescendants()).Prepend(this);
}
