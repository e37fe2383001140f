namespace DjangoPreflight.Analysis.Deployment.Nginx;

/// <summary>
/// A context of an nginx configuration (http, server or location) with nginx's inheritance rules:
/// a simple directive (server_tokens, autoindex, root) is inherited from the nearest enclosing
/// level that sets it; an array directive (add_header, proxy_set_header, *_param) is inherited
/// only by a level that sets none of its own.
/// </summary>
public class NginxScope
{
    public NginxScope(NginxScope? parent, IReadOnlyList<NginxDirective> directives)
    {
        Parent = parent;
        Directives = NginxDirective.Expand(directives).ToList();
    }

    public NginxScope? Parent { get; }

    /// <summary>This level's own directives, includes expanded in place.</summary>
    public IReadOnlyList<NginxDirective> Directives { get; }

    /// <summary>The last directive of that name at this level (nginx keeps the last for most).</summary>
    public NginxDirective? Own(string name) => Directives.LastOrDefault(d => d.Name == name);

    public IEnumerable<NginxDirective> OwnAll(string name) => Directives.Where(d => d.Name == name);

    /// <summary>The effective simple directive: this level's, else the nearest enclosing one.</summary>
    public NginxDirective? Effective(string name) => Own(name) ?? Parent?.Effective(name);

    /// <summary>The effective array directive (add_header, proxy_set_header...): this level's list
    /// if it has any, else the enclosing level's, as nginx inherits them.</summary>
    public IReadOnlyList<NginxDirective> EffectiveArray(string name)
    {
        var own = OwnAll(name).ToList();
        return own.Count > 0 || Parent is null ? own : Parent.EffectiveArray(name);
    }

    /// <summary>The effective add_header for that header name (case-insensitive), if any.</summary>
    public NginxDirective? EffectiveHeader(string header) =>
        EffectiveArray("add_header").LastOrDefault(d => string.Equals(d.Arg(0), header, StringComparison.OrdinalIgnoreCase));
}
