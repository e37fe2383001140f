using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Apache;

/// <summary>One Apache httpd directive as written: its name (Apache matches names without regard to
/// case), its arguments with quotes removed, where it is, and for a section (<c>&lt;VirtualHost *:443&gt;</c>,
/// <c>&lt;Directory&gt;</c>, <c>&lt;Location&gt;</c>, <c>&lt;IfModule&gt;</c>...) the directives it holds; null
/// for a simple directive. An <c>Include</c> has been replaced by the included files' directives.</summary>
public sealed record ApacheDirective(string Name, IReadOnlyList<string> Args, SourceLocation Location, IReadOnlyList<ApacheDirective>? Section)
{
    public string Arg(int index) => index < Args.Count ? Args[index] : "";

    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for the conditional sections (<c>IfModule</c>, <c>IfDefine</c>, <c>IfVersion</c>,
    /// <c>IfFile</c>, <c>IfDirective</c>, <c>IfSection</c>) whose content Apache reads as if written in
    /// place when the condition holds; the modules and defines of the server are not in the repository,
    /// so their content is taken as written (a site's <c>&lt;IfModule mod_ssl.c&gt;</c> wraps the vhost it serves).</summary>
    public bool IsConditional => Section is not null && Name.StartsWith("If", StringComparison.OrdinalIgnoreCase);

    /// <summary>The directives of a block with conditional sections opened in place.</summary>
    public static IEnumerable<ApacheDirective> Flatten(IEnumerable<ApacheDirective> block)
    {
        foreach (var d in block)
        {
            if (d.IsConditional)
                foreach (var inner in Flatten(d.Section!)) yield return inner;
            else
                yield return d;
        }
    }
}
