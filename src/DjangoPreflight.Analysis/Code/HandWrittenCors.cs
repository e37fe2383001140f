using DjangoPreflight.Core;
using DjangoPreflight.Python.Ast;
using Attribute = DjangoPreflight.Python.Ast.Attribute;

namespace DjangoPreflight.Analysis.Code;

/// <summary>What is wrong with an Access-Control-Allow-Origin header the code writes itself.</summary>
public enum HandWrittenCorsFault
{
    /// <summary>The value is the request's own Origin header, never compared with anything first.</summary>
    ReflectsOrigin,

    /// <summary>The value is <c>*</c> and the same function sends Access-Control-Allow-Credentials: true.</summary>
    WildcardWithCredentials,
}

/// <summary>An Access-Control-Allow-Origin header written by the project's code (a middleware, a
/// decorator, a view) that lets any origin in. <paramref name="WithCredentials"/>: the same function
/// also sends Access-Control-Allow-Credentials: true.</summary>
public sealed record HandWrittenCors(string Function, SourceLocation Location, HandWrittenCorsFault Fault, bool WithCredentials)
{
    private const string AllowOrigin = "Access-Control-Allow-Origin";
    private const string AllowCredentials = "Access-Control-Allow-Credentials";

    /// <summary>The faulty headers written by the functions of one module (methods and nested functions
    /// included, each read on its own: the origin and the credentials must meet in one function).</summary>
    internal static IEnumerable<HandWrittenCors> Of(string path, Module module)
    {
        foreach (var statement in AstWalker.DescendantsOfType<Statement>(module))
        {
            var (name, body) = statement switch
            {
                FunctionDef f => (f.Name, f.Body),
                AsyncFunctionDef f => (f.Name, f.Body),
                _ => (null, default),
            };
            if (name is null) continue;
            var nodes = OwnNodes(body);
            var writes = HeaderWrites(nodes).ToList();
            if (!writes.Any(w => w.Header.Equals(AllowOrigin, StringComparison.OrdinalIgnoreCase))) continue;
            var credentials = writes.Any(w => w.Header.Equals(AllowCredentials, StringComparison.OrdinalIgnoreCase) && IsTrue(w.Value));
            var origins = OriginNames(nodes);
            var @checked = nodes.Any(n => ChecksOrigin(n, origins));
            foreach (var (header, value, at) in writes)
            {
                if (!header.Equals(AllowOrigin, StringComparison.OrdinalIgnoreCase)) continue;
                HandWrittenCorsFault? fault = Reflects(value, origins) && !@checked ? HandWrittenCorsFault.ReflectsOrigin
                    : DottedName.String(value) == "*" && credentials ? HandWrittenCorsFault.WildcardWithCredentials
                    : null;
                if (fault is { } f) yield return new HandWrittenCors(name, new SourceLocation(path, at.Lineno, at.ColOffset + 1), f, credentials);
            }
        }
    }

    /// <summary>The nodes of a function's body, without those of the functions, lambdas and classes defined
    /// in it (they are read on their own).</summary>
    private static List<Node> OwnNodes(IEnumerable<Statement> body)
    {
        var nodes = new List<Node>();
        var pending = new Stack<Node>(body.Reverse());
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            nodes.Add(node);
            if (node is FunctionDef or AsyncFunctionDef or ClassDef or Lambda) continue;
            var children = AstWalker.Children(node);
            for (var i = children.Count - 1; i >= 0; i--) pending.Push(children[i]);
        }
        return nodes;
    }

    /// <summary>Headers set with a literal name: <c>response["H"] = v</c> (also on <c>.headers</c>),
    /// <c>response.setdefault("H", v)</c>, and <c>{"H": v}</c> (<c>HttpResponse(headers={...})</c>,
    /// <c>response.headers.update({...})</c>).</summary>
    private static IEnumerable<(string Header, Expression Value, Node At)> HeaderWrites(List<Node> nodes)
    {
        foreach (var node in nodes)
            switch (node)
            {
                case Assign { Value: var value } assign:
                    foreach (var target in assign.Targets)
                        if (target is Subscript { Slice: var key } && DottedName.String(key) is { } header)
                            yield return (header, value, assign);
                    break;
                case Call { Func: Attribute { Attr: "setdefault" }, Args: [var key, var value] } call when DottedName.String(key) is { } header:
                    yield return (header, value, call);
                    break;
                case Dict dict:
                    for (var i = 0; i < dict.Keys.Length; i++)
                        if (DottedName.String(dict.Keys[i]) is { } header)
                            yield return (header, dict.Values[i], dict.Keys[i]!);
                    break;
            }
    }

    private static bool IsTrue(Expression value) =>
        value is Constant { Value: true } || DottedName.String(value)?.Equals("true", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary><c>request.headers.get("Origin")</c>, <c>request.headers["Origin"]</c>,
    /// <c>request.META.get("HTTP_ORIGIN")</c>, <c>request.META["HTTP_ORIGIN"]</c> (also on self.request).</summary>
    private static bool IsOriginRead(Expression e) => e switch
    {
        Call { Func: Attribute { Attr: "get", Value: var headers }, Args: [var key, ..] } => IsOriginKey(headers, key),
        Subscript { Value: var headers, Slice: var key } => IsOriginKey(headers, key),
        _ => false,
    };

    private static bool IsOriginKey(Expression headers, Expression key) =>
        RequestCheckScanner.IsHeaders(headers) && DottedName.String(key) is { } k
        && (headers is Attribute { Attr: "META" } ? k == "HTTP_ORIGIN" : k.Equals("Origin", StringComparison.OrdinalIgnoreCase));

    /// <summary>Local names assigned the request's Origin (<c>origin = request.headers.get("Origin")</c>).</summary>
    private static HashSet<string> OriginNames(List<Node> nodes)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        // Twice, so that a copy of a copy (o = origin) is followed one step.
        for (var pass = 0; pass < 2; pass++)
            foreach (var node in nodes)
                if (node is Assign { Targets: [Name target], Value: var value } && Reflects(value, names))
                    names.Add(target.Id);
        return names;
    }

    /// <summary>The value is the request's Origin: read directly, through a local name, or as one branch
    /// of <c>or</c>/a conditional expression (<c>origin or "*"</c>).</summary>
    private static bool Reflects(Expression value, HashSet<string> origins) => value switch
    {
        Name n => origins.Contains(n.Id),
        BoolOp b => b.Values.Any(v => Reflects(v, origins)),
        IfExp i => Reflects(i.Body, origins) || Reflects(i.OrElse, origins),
        _ => IsOriginRead(value),
    };

    private static bool MentionsOrigin(Expression e, HashSet<string> origins) => e is Name n ? origins.Contains(n.Id) : IsOriginRead(e);

    /// <summary>Anything that could hold the origin against a list or a pattern counts as a check, to stay
    /// on the safe side: a comparison other than <c>is None</c> (<c>origin in ALLOWED_ORIGINS</c>,
    /// <c>origin == settings.FRONTEND</c>), a method called on it (<c>origin.endswith(...)</c>), or a call
    /// it is passed to (<c>re.match(pattern, origin)</c>, <c>is_allowed(origin)</c>). A truth test
    /// (<c>if origin:</c>) is no check: every cross-site request carries an Origin.</summary>
    private static bool ChecksOrigin(Node node, HashSet<string> origins) => node switch
    {
        Compare c when c.Ops.Any(o => o is not (CmpOperator.Is or CmpOperator.IsNot)) =>
            MentionsOrigin(c.Left, origins) || c.Comparators.Any(x => MentionsOrigin(x, origins)),
        Call { Func: Attribute { Attr: "setdefault" }, Args: [var key, _] } when DottedName.String(key) is not null => false,
        Call { Func: Attribute { Value: var receiver } } when MentionsOrigin(receiver, origins) => true,
        Call call => call.Args.Any(a => MentionsOrigin(a, origins)) || call.Keywords.Any(k => MentionsOrigin(k.Value, origins)),
        _ => false,
    };
}
