using System.Text.RegularExpressions;
using DjangoPreflight.Python.Ast;
using Attribute = DjangoPreflight.Python.Ast.Attribute;
using Tuple = DjangoPreflight.Python.Ast.Tuple;

namespace DjangoPreflight.Analysis.Code;

/// <summary>What a view's own code verifies about the request it serves, and what it does with the visitor's
/// identity (see <see cref="IdentityUse"/>), read from its syntax (its
/// body, its project-defined decorators and base classes). Each flag is set only on a construct
/// seen in the code, never guessed from a name alone.</summary>
[Flags]
public enum RequestChecks
{
    None = 0,

    /// <summary>It checks a signature: <c>hmac.new</c>, <c>hmac.compare_digest</c>,
    /// <c>constant_time_compare</c>, <c>jwt.decode</c>, a signer's <c>unsign</c>, a call named for a signature.</summary>
    Signature = 1,

    /// <summary>It authenticates the request by a credential the client sends itself, not by the session
    /// cookie: an Authorization/API-key/token/secret header, <c>request.auth</c>, a token helper given the
    /// request, or a secret the URL carries that the view looks up (<c>def hook(request, token)</c> with
    /// <c>get_object_or_404(Bot, webhook_token=token)</c>).</summary>
    Credential = 2,

    /// <summary>It refuses some callers in code: raises PermissionDenied/NotAuthenticated, answers 401/403,
    /// or calls a permission check (has_perm, check_permissions, a helper given permission codenames such
    /// as 'change_project'). Merely reading <c>is_authenticated</c> does not count: it may only choose a value.</summary>
    Permission = 4,

    /// <summary>It acts as the visitor the session cookie names: reads <c>request.user</c>, <c>request.session</c>
    /// or <c>request.COOKIES</c>, logs in or out, or has a login/permission decorator or mixin. Only such a
    /// view is what a forged cross-site request, which carries the victim's cookies and nothing else, can abuse.</summary>
    Identity = 8,

    /// <summary>It writes to the database (a model or queryset <c>save</c>, <c>create</c>, <c>update</c>,
    /// <c>delete</c>, ..., or a Django editing view such as CreateView).</summary>
    ChangesData = 16,

    /// <summary>It hands the request to code this scan does not read (a package's function, decorator or
    /// base class), which may act on the identity: what it does is unknown.</summary>
    Opaque = 32,

    /// <summary>It is a step of signing in or out: it calls <c>authenticate()</c>, <c>login()</c> or
    /// <c>logout()</c> with the request (under any name ending so: <c>auth_login</c>), which must be open to
    /// anonymous callers.</summary>
    SignsIn = 64,
}

/// <summary>Reads <see cref="RequestChecks"/> from function bodies.</summary>
public static partial class RequestCheckScanner
{
    /// <summary>The checks the bodies of the given functions (and everything nested in them) make. The
    /// decorators are not read: <c>@permission_classes([AllowAny])</c> declares, it does not check.</summary>
    public static RequestChecks Of(IEnumerable<Node> functions)
    {
        var checks = RequestChecks.None;
        foreach (var function in functions)
        {
            if (LooksUpUrlSecret(function)) checks |= RequestChecks.Credential;
            foreach (var node in Body(function).SelectMany(AstWalker.DescendantsAndSelf))
                checks |= node switch
                {
                    Call call => OfCall(call),
                    Subscript { Value: var headers, Slice: var key } when IsHeaders(headers) && IsCredentialKey(key) => RequestChecks.Credential,
                    Compare { Ops: [CmpOperator.In or CmpOperator.NotIn], Left: var key, Comparators: [var headers] } when IsHeaders(headers) && IsCredentialKey(key) => RequestChecks.Credential,
                    Attribute { Attr: "auth", Value: var r } when IsRequest(r) => RequestChecks.Credential,
                    Attribute { Attr: "HTTP_401_UNAUTHORIZED" or "HTTP_403_FORBIDDEN" } => RequestChecks.Permission,
                    // Catching a failed signature check means one is made (unsign_bounce_id(...) raising BadSignature).
                    ExceptHandler { Type: var caught } when Caught(caught).Any(n => n is "BadSignature" or "SignatureExpired" or "InvalidSignature" or "InvalidSignatureError") => RequestChecks.Signature,
                    Raise { Exc: var exc } when DottedName.LastOf(exc is Call c ? c.Func : exc) is "PermissionDenied" or "NotAuthenticated" or "AuthenticationFailed" or "PermissionError" => RequestChecks.Permission,
                    _ => RequestChecks.None,
                };
        }
        return checks;
    }

    /// <summary>A parameter named for a secret (token, key, secret, signature) that the body passes as a
    /// lookup keyword: the URL carries a credential the view checks against the database.</summary>
    private static bool LooksUpUrlSecret(Node function)
    {
        var parameters = function switch
        {
            FunctionDef f => f.Args.Args.Concat(f.Args.KwOnlyArgs),
            AsyncFunctionDef f => f.Args.Args.Concat(f.Args.KwOnlyArgs),
            _ => [],
        };
        // A UUID is as unguessable as a token, whatever the parameter is called (def ping(request, code: UUID)).
        var secrets = parameters.Where(p => SecretParameter().IsMatch(p.Name) || DottedName.LastOf(p.Annotation) == "UUID")
            .Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return secrets.Count > 0 && Body(function).SelectMany(AstWalker.DescendantsOfType<Call>)
            .Any(c => c.Keywords.Any(k => k.Name is not null && k.Value is Name n && secrets.Contains(n.Id)));
    }

    private static IEnumerable<Node> Body(Node function) => function switch
    {
        FunctionDef f => f.Body,
        AsyncFunctionDef f => f.Body,
        _ => [function],
    };

    private static RequestChecks OfCall(Call call)
    {
        var dotted = DottedName.Callee(call) ?? "";
        var last = dotted[(dotted.LastIndexOf('.') + 1)..];
        if (last is "compare_digest" or "constant_time_compare" || last.StartsWith("unsign", StringComparison.Ordinal) || dotted.StartsWith("hmac.", StringComparison.Ordinal)
            || dotted == "jwt.decode" || SignatureName().IsMatch(last))
            return RequestChecks.Signature;
        if (headerGet(call) is { } key && IsCredentialKey(key)) return RequestChecks.Credential;
        // A helper that reads a token or key from the request (get_bearer_token_from_request(request)), or
        // that checks the request's headers (verify_graphql_request(request.headers)). A helper given a
        // username and password (authenticate) is not one: a forged request can carry those.
        if (TokenHelper().IsMatch(last) && call.Args.Any(a => IsRequest(a) || IsHeaders(a))
            || HeaderCheck().IsMatch(last) && call.Args.Any(IsHeaders))
            return RequestChecks.Credential;
        if (last is "HttpResponseForbidden" or "has_perm" or "has_perms" or "has_object_permission"
            || last.Contains("perm", StringComparison.OrdinalIgnoreCase) && last != "get_permissions"
            || call.Keywords.Any(k => k.Name is { } n && n.Contains("perm", StringComparison.OrdinalIgnoreCase))
            || call.Args.Any(IsPermissionCodenames)
            || call.Keywords.Any(k => k.Name == "status" && k.Value is Constant { Value: long and (401 or 403) }))
            return RequestChecks.Permission;
        return RequestChecks.None;

        // request.headers.get("X-Api-Key") / request.META.get("HTTP_AUTHORIZATION")
        static Expression? headerGet(Call c) =>
            c.Func is Attribute { Attr: "get", Value: var headers } && IsHeaders(headers) && c.Args.Length > 0 ? c.Args[0] : null;
    }

    /// <summary>The exception names an <c>except</c> clause catches.</summary>
    private static IEnumerable<string?> Caught(Expression? type) =>
        type is Tuple t ? t.Elts.Select(DottedName.LastOf) : [DottedName.LastOf(type)];

    /// <summary><c>request.headers</c>, <c>request.META</c> (or <c>self.request.…</c>).</summary>
    internal static bool IsHeaders(Expression e) => e is Attribute { Attr: "headers" or "META", Value: var r } && IsRequest(r);

    private static bool IsRequest(Expression e) => e is Name { Id: "request" } or Attribute { Attr: "request", Value: Name { Id: "self" } };

    private static bool IsCredentialKey(Expression key) => DottedName.String(key) is { } s && CredentialHeader().IsMatch(s);

    /// <summary>('change_project',): Django permission codenames passed to a check.</summary>
    private static bool IsPermissionCodenames(Expression e) =>
        DottedName.Elements(e) is { Count: > 0 } items && items.All(i => DottedName.String(i) is { } s && Codename().IsMatch(s));

    [GeneratedRegex("authorization|token|secret|signature|api[-_]?key|apikey", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex CredentialHeader();

    [GeneratedRegex("signature|hmac", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex SignatureName();

    [GeneratedRegex("token|api_?key|bearer|secret", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex TokenHelper();

    [GeneratedRegex("token|secret|signature|api_?key|_key$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex SecretParameter();

    [GeneratedRegex("verify|validate|check|auth", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex HeaderCheck();

    [GeneratedRegex(@"^(add|change|delete|view)_[a-z_]+$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Codename();
}
