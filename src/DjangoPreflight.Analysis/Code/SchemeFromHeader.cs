using DjangoPreflight.Core;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Code;

/// <summary>
/// A WSGI entry point that sets <c>environ['wsgi.url_scheme']</c> from a request header by hand
/// (<c>scheme = environ.get('HTTP_X_SCHEME', ''); environ['wsgi.url_scheme'] = scheme</c>): Django
/// then takes the request for HTTPS whenever the client says so, as with SECURE_PROXY_SSL_HEADER.
/// <paramref name="Header"/> is the header as sent (X-Scheme); <paramref name="Location"/> where it is read.
/// </summary>
public sealed record SchemeFromHeader(string Header, SourceLocation Location)
{
    /// <summary>The scheme headers a wsgi.py reads into wsgi.url_scheme, directly or through a local name.</summary>
    internal static IEnumerable<SchemeFromHeader> Of(string path, Module module)
    {
        if (!path.EndsWith("wsgi.py", StringComparison.Ordinal)) yield break;
        foreach (var function in AstWalker.DescendantsOfType<FunctionDef>(module))
        {
            // Names bound to a header read in this function: scheme = environ.get('HTTP_X_SCHEME', '').
            var reads = new Dictionary<string, SchemeFromHeader>(StringComparer.Ordinal);
            foreach (var assign in AstWalker.DescendantsOfType<Assign>(function))
            {
                if (assign.Targets is [Name local] && HeaderRead(path, assign.Value) is { } read) reads[local.Id] = read;
                if (assign.Targets is not [Subscript { Slice: var key } target] || DottedName.String(key) != "wsgi.url_scheme"
                    || target.Value is not Name) continue;
                var source = assign.Value is Name n && reads.TryGetValue(n.Id, out var named) ? named : HeaderRead(path, assign.Value);
                if (source is not null) yield return source;
            }
        }
    }

    /// <summary><c>environ.get('HTTP_X_...')</c> or <c>environ['HTTP_X_...']</c>, as the header it reads.</summary>
    private static SchemeFromHeader? HeaderRead(string path, Expression value)
    {
        var key = value switch
        {
            Call { Func: Python.Ast.Attribute { Attr: "get", Value: Name }, Args: [var first, ..] } => DottedName.String(first),
            Subscript { Value: Name, Slice: var slice } => DottedName.String(slice),
            _ => null,
        };
        if (key is null || !key.StartsWith("HTTP_", StringComparison.Ordinal) || key.Length == 5) return null;
        var header = string.Join('-', key[5..].Split('_').Select(w => w.Length == 0 ? w : w[..1] + w[1..].ToLowerInvariant()));
        return new SchemeFromHeader(header, new SourceLocation(path, value.Lineno, value.ColOffset + 1));
    }
}
