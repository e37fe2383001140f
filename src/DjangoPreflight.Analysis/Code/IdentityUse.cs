using DjangoPreflight.Python.Ast;
using Attribute = DjangoPreflight.Python.Ast.Attribute;

namespace DjangoPreflight.Analysis.Code;

/// <summary>What functions do with the visitor's cookie-borne identity, which is all CSRF protection
/// guards: a forged cross-site request carries the victim's cookies and nothing else. Read are the
/// <see cref="RequestChecks.Identity"/>, <see cref="RequestChecks.ChangesData"/>, <see cref="RequestChecks.SignsIn"/>
/// and <see cref="RequestChecks.Opaque"/> flags, and the names of the functions the request is handed to,
/// which <see cref="ViewFacts"/> resolves among the project's functions across files.</summary>
internal static class IdentityUse
{
    /// <summary>Attributes of the request that carry the session's identity.</summary>
    private static readonly HashSet<string> IdentityAttributes = new(StringComparer.Ordinal) { "user", "session", "COOKIES", "auser" };

    /// <summary>Django functions that act on the session's identity when given the request.</summary>
    private static readonly HashSet<string> IdentityCallees = new(StringComparer.Ordinal)
    {
        "get_user", "aget_user", "update_session_auth_hash", "get_token", "rotate_token",
    };

    /// <summary>Django functions that take the request only to build a response, read its headers or
    /// queue a message: they act as nobody. (Template context processors may read request.user to show
    /// a page, which a cross-site request cannot read.)</summary>
    private static readonly HashSet<string> ResponseCallees = new(StringComparer.Ordinal)
    {
        "render", "render_to_response", "render_to_string", "redirect", "TemplateResponse", "SimpleTemplateResponse",
        "RequestContext", "get_current_site", "url_has_allowed_host_and_scheme", "is_safe_url",
        "add_message", "debug", "info", "success", "warning", "error", "get_messages",
        "patch_vary_headers", "patch_cache_control", "get_host",
    };

    /// <summary>Model and queryset methods that write to the database.</summary>
    private static readonly HashSet<string> WriteCalls = new(StringComparer.Ordinal)
    {
        "save", "delete", "create", "update", "get_or_create", "update_or_create", "bulk_create", "bulk_update",
        "asave", "adelete", "acreate", "aupdate", "aget_or_create", "aupdate_or_create", "abulk_create", "abulk_update",
    };

    public static (RequestChecks Flags, IReadOnlyList<string> HandOffs) Of(IEnumerable<Node> functions)
    {
        var flags = RequestChecks.None;
        var handOffs = new List<string>();
        foreach (var function in functions)
        {
            var requests = RequestNames(function);
            // Calls to a parameter of the function or of a function nested in it are calls to the
            // view a decorator wraps, which is read on its own.
            var parameters = AstWalker.DescendantsAndSelf(function).SelectMany(Parameters).ToHashSet(StringComparer.Ordinal);
            foreach (var node in Body(function).SelectMany(AstWalker.DescendantsAndSelf))
                switch (node)
                {
                    case Attribute { Attr: var attr, Value: var r } when IdentityAttributes.Contains(attr) && IsRequest(r, requests):
                        flags |= RequestChecks.Identity;
                        break;
                    case Call call:
                        flags |= OfCall(call, requests, parameters, handOffs);
                        break;
                }
        }
        return (flags, handOffs);
    }

    private static RequestChecks OfCall(Call call, HashSet<string> requests, HashSet<string> parameters, List<string> handOffs)
    {
        var flags = RequestChecks.None;
        var last = DottedName.LastOf(call.Func);
        if (call.Func is Attribute { Attr: var method } && WriteCalls.Contains(method)) flags |= RequestChecks.ChangesData;
        if (last == "getattr" && call.Args is [var target, var attr, ..] && IsRequest(target, requests) && DottedName.String(attr) is { } a && IdentityAttributes.Contains(a))
            return flags | RequestChecks.Identity;
        var arguments = call.Args.Concat(call.Keywords.Select(k => k.Value))
            .SelectMany(a => a is Dict d ? d.Values : [a]);
        if (!arguments.Any(a => IsRequest(a, requests))) return flags;
        // Methods of the view's own class are read with it; super()'s are its bases', judged by name.
        if (call.Func is Attribute { Value: Name { Id: "self" or "cls" } or Call { Func: Name { Id: "super" } } }) return flags;
        if (call.Func is Name { Id: var callee } && parameters.Contains(callee)) return flags;
        if (last is null) return flags | RequestChecks.Opaque;
        // Checking credentials is a sign-in step; logging in or out also acts on the session.
        if (last is "authenticate" or "aauthenticate") return flags | RequestChecks.SignsIn;
        if (last is "login" or "logout" or "alogin" or "alogout"
            || last.EndsWith("_login", StringComparison.Ordinal) || last.EndsWith("_logout", StringComparison.Ordinal))
            return flags | RequestChecks.Identity | RequestChecks.SignsIn;
        if (IdentityCallees.Contains(last)) return flags | RequestChecks.Identity;
        if (!ResponseCallees.Contains(last) && !last.StartsWith("Http", StringComparison.Ordinal) && !last.EndsWith("Response", StringComparison.Ordinal))
            handOffs.Add(last);
        return flags;
    }

    /// <summary>The names the request goes by: <c>request</c>, and the first parameter of a function (the
    /// second of a method), whatever it is called.</summary>
    private static HashSet<string> RequestNames(Node function)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "request" };
        var args = function switch
        {
            FunctionDef f => f.Args.PosOnlyArgs.Concat(f.Args.Args).ToList(),
            AsyncFunctionDef f => f.Args.PosOnlyArgs.Concat(f.Args.Args).ToList(),
            _ => [],
        };
        var first = args.FirstOrDefault(a => a.Name is not ("self" or "cls"));
        if (first is not null) names.Add(first.Name);
        return names;
    }

    private static IEnumerable<string> Parameters(Node node) => node switch
    {
        FunctionDef f => Names(f.Args),
        AsyncFunctionDef f => Names(f.Args),
        _ => [],
    };

    private static IEnumerable<string> Names(Arguments a) =>
        a.PosOnlyArgs.Concat(a.Args).Concat(a.KwOnlyArgs).Select(x => x.Name)
            .Concat(a.VarArg is { } v ? [v.Name] : []).Concat(a.KwArg is { } k ? [k.Name] : [])
            .Where(n => n is not ("self" or "cls"));

    private static IEnumerable<Node> Body(Node function) => function switch
    {
        FunctionDef f => f.Body,
        AsyncFunctionDef f => f.Body,
        _ => [function],
    };

    private static bool IsRequest(Expression e, HashSet<string> requests) =>
        e is Name { Id: var id } && requests.Contains(id) || e is Attribute { Attr: "request", Value: Name { Id: "self" } };
}
