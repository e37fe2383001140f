using DjangoPreflight.Core;
using DjangoPreflight.Python;
using DjangoPreflight.Python.Ast;
using Attribute = DjangoPreflight.Python.Ast.Attribute;

namespace DjangoPreflight.Analysis.Code;

/// <summary>A class list a view declares (<c>permission_classes = [...]</c> or the matching DRF
/// decorator): the last segment of each class name, or null when it is not a literal list.</summary>
public sealed record DeclaredClasses(IReadOnlyList<string>? Names, SourceLocation Location)
{
    public bool IsEmpty => Names is { Count: 0 };

    public bool Contains(string name) => Names?.Contains(name, StringComparer.Ordinal) ?? false;
}

/// <summary>A view function or class found in the project's code. <paramref name="WriteMethods"/>
/// are the HTTP methods that change data it accepts (POST, PUT, PATCH, DELETE), sorted; null when
/// that cannot be told (a plain Django function view accepts whatever it handles).</summary>
public sealed record ViewInfo(
    string Name,
    SourceLocation Location,
    bool IsClass,
    bool IsDrf,
    SourceLocation? CsrfExempt,
    DeclaredClasses? PermissionClasses,
    DeclaredClasses? AuthenticationClasses,
    DeclaredClasses? ThrottleClasses,
    IReadOnlyList<string>? WriteMethods,
    bool OverridesPermissions)
{
    /// <summary>What the view's code verifies about the request: its body, its project-defined
    /// decorators, and for a class every method of it and of its project-defined ancestors.</summary>
    public RequestChecks Checks { get; init; }

    /// <summary>True when the view is seen to serve only safe methods (GET, HEAD, OPTIONS): a
    /// <c>require_GET</c>-style decorator, or a class whose chain handles no write method and derives
    /// only from Django's read-only views.</summary>
    public bool SafeOnly { get; init; }

    /// <summary>The names of the decorators written on a function view (last segment), in order.</summary>
    internal IReadOnlyList<string> Decorators { get; init; } = [];

    /// <summary>The functions the view hands its request to (last segment), resolved in <see cref="ViewFacts.Load"/>.</summary>
    internal IReadOnlyList<string> HandOffs { get; init; } = [];
}

/// <summary><c>csrf_exempt(...)</c> applied as a call rather than a decorator (typically in a URLconf).</summary>
public sealed record CsrfExemptCall(string Target, SourceLocation Location)
{
    /// <summary>What the wrapped view verifies, when it is a function or class of the project (see <see cref="ViewInfo.Checks"/>).</summary>
    public RequestChecks Checks { get; init; }

    /// <summary>True when the wrapped view serves only safe methods (see <see cref="ViewInfo.SafeOnly"/>).</summary>
    public bool SafeOnly { get; init; }
}

/// <summary>Views and DRF API classes of the project's application code (migrations and tests excluded).</summary>
public sealed class ViewFacts
{
    private static readonly string[] WriteOrder = ["POST", "PUT", "PATCH", "DELETE"];

    // DRF base classes → the write methods they provide on their own.
    private static readonly Dictionary<string, string[]> DrfBases = new(StringComparer.Ordinal)
    {
        ["APIView"] = [],
        ["GenericAPIView"] = [],
        ["ViewSet"] = [],
        ["GenericViewSet"] = [],
        ["ViewSetMixin"] = [],
        ["ReadOnlyModelViewSet"] = [],
        ["ListAPIView"] = [],
        ["RetrieveAPIView"] = [],
        ["ModelViewSet"] = ["POST", "PUT", "PATCH", "DELETE"],
        ["CreateAPIView"] = ["POST"],
        ["ListCreateAPIView"] = ["POST"],
        ["UpdateAPIView"] = ["PUT", "PATCH"],
        ["RetrieveUpdateAPIView"] = ["PUT", "PATCH"],
        ["DestroyAPIView"] = ["DELETE"],
        ["RetrieveDestroyAPIView"] = ["DELETE"],
        ["RetrieveUpdateDestroyAPIView"] = ["PUT", "PATCH", "DELETE"],
        ["CreateModelMixin"] = ["POST"],
        ["UpdateModelMixin"] = ["PUT", "PATCH"],
        ["DestroyModelMixin"] = ["DELETE"],
    };

    // Handler method names → the HTTP method they serve (APIView handlers and ViewSet actions).
    private static readonly Dictionary<string, string> Handlers = new(StringComparer.Ordinal)
    {
        ["post"] = "POST",
        ["put"] = "PUT",
        ["patch"] = "PATCH",
        ["delete"] = "DELETE",
        ["create"] = "POST",
        ["update"] = "PUT",
        ["partial_update"] = "PATCH",
        ["destroy"] = "DELETE",
    };

    public ViewFacts(IReadOnlyList<ViewInfo> views, IReadOnlyList<CsrfExemptCall> csrfExemptCalls)
    {
        Views = views;
        CsrfExemptCalls = csrfExemptCalls;
    }

    /// <summary>Every view found, ordered by location.</summary>
    public IReadOnlyList<ViewInfo> Views { get; }

    public IReadOnlyList<CsrfExemptCall> CsrfExemptCalls { get; }

    /// <summary>Assembles the views from every application file's extract (see <see cref="ApplicationCode"/>).
    /// A class view may inherit from classes in other files, so classes are resolved here, across files.
    /// <paramref name="routedViewSets"/>: class names a DRF router serves, DRF viewsets whatever their bases
    /// (a base from a package this scan does not read, or a project base defined under a name used twice).</summary>
    public static ViewFacts Load(IReadOnlyList<ApplicationCode> files, IReadOnlyCollection<string>? routedViewSets = null)
    {
        var classes = new List<ClassRecord>();
        var functionViews = new List<ViewInfo>();
        var calls = new List<CsrfExemptCall>();
        var functions = new List<FunctionRecord>();
        foreach (var file in files)
        {
            functionViews.AddRange(file.FunctionViews);
            classes.AddRange(file.Classes);
            calls.AddRange(file.CsrfExemptCalls);
            functions.AddRange(file.Functions);
        }
        var byName = new ClassIndex(classes);
        var index = new FunctionIndex(functions);
        var views = functionViews.Select(v => v with { Checks = v.Checks | index.Decorators(v.Decorators) | index.HandOffs(v.HandOffs) }).ToList();
        foreach (var c in classes)
            if (ClassView(c, byName, routedViewSets?.Contains(c.Name) == true, index) is { } view) views.Add(view);
        calls = calls.Select(call => Resolve(call, byName, views, index)).ToList();
        return new ViewFacts(Sorted(views, v => v.Location), Sorted(calls, c => c.Location));
    }

    /// <summary>The project's classes by name. A name defined more than once is told apart by the module
    /// the base comes from (the file named like it) or, failing that, by the file of the class naming it.</summary>
    private sealed class ClassIndex(IEnumerable<ClassRecord> classes)
    {
        private readonly Dictionary<string, List<ClassRecord>> byName = classes.GroupBy(c => c.Name)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        public ClassRecord? Find(string name, string? hint, string? fromPath)
        {
            if (!byName.TryGetValue(name, out var candidates)) return null;
            if (candidates.Count == 1) return candidates[0];
            if (hint is not null && candidates.Where(c => InModule(c.Location.Path, hint)).ToList() is [var hinted]) return hinted;
            return candidates.Where(c => c.Location.Path == fromPath).ToList() is [var local] ? local : null;
        }

        private static bool InModule(string? path, string module) =>
            path is not null && (path == module + ".py" || path.EndsWith("/" + module + ".py", StringComparison.Ordinal)
                                 || path.EndsWith("/" + module + "/__init__.py", StringComparison.Ordinal));
    }

    /// <summary>A top-level function of the project that a view may reach: a decorator (a function defining
    /// its wrapper) or a function given the request. Its flags are its own body's; its decorators and the
    /// functions it hands the request to are resolved by <see cref="FunctionIndex"/>.</summary>
    internal sealed record FunctionRecord(string Name, RequestChecks Checks, IReadOnlyList<string> HandOffs, IReadOnlyList<string> Decorators);

    /// <summary>The project's functions by name (a name defined twice is not resolved), and what a view
    /// gains from the decorators and functions it names: their checks, followed through the functions they
    /// hand the request on to. A name the project does not define is a package's: see <see cref="DecoratorChecks"/>.</summary>
    private sealed class FunctionIndex(IEnumerable<FunctionRecord> functions)
    {
        private readonly Dictionary<string, FunctionRecord> byName = functions.GroupBy(f => f.Name).Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);

        private readonly Dictionary<string, RequestChecks> resolved = new(StringComparer.Ordinal);

        public RequestChecks Decorators(IEnumerable<string> names) =>
            names.Aggregate(RequestChecks.None, (a, d) => a | (byName.ContainsKey(d) ? Resolve(d, []) : DecoratorChecks(d)));

        public RequestChecks HandOffs(IEnumerable<string> names) => HandOffs(names, []);

        private RequestChecks HandOffs(IEnumerable<string> names, HashSet<string> visiting) =>
            names.Aggregate(RequestChecks.None, (a, h) => a | (byName.ContainsKey(h) ? Resolve(h, visiting) : RequestChecks.Opaque));

        private RequestChecks Resolve(string name, HashSet<string> visiting)
        {
            if (resolved.TryGetValue(name, out var known)) return known;
            if (!visiting.Add(name)) return RequestChecks.None; // a cycle adds nothing new
            var f = byName[name];
            var checks = f.Checks | HandOffs(f.HandOffs, visiting)
                | f.Decorators.Aggregate(RequestChecks.None, (a, d) => a | (byName.ContainsKey(d) ? Resolve(d, visiting) : DecoratorChecks(d)));
            visiting.Remove(name);
            return resolved[name] = checks;
        }
    }

    /// <summary>Django's decorators that require a signed-in user (they act on the session's identity).</summary>
    private static readonly HashSet<string> IdentityDecorators = new(StringComparer.Ordinal)
    {
        "login_required", "permission_required", "user_passes_test", "staff_member_required", "superuser_required",
    };

    /// <summary>Django's and Python's decorators that change how a view answers, never who it acts as.</summary>
    private static readonly HashSet<string> NeutralDecorators = new(StringComparer.Ordinal)
    {
        "csrf_exempt", "csrf_protect", "requires_csrf_token", "ensure_csrf_cookie", "login_not_required", "never_cache", "cache_page", "cache_control",
        "require_GET", "require_POST", "require_safe", "require_http_methods", "condition", "etag", "last_modified",
        "vary_on_headers", "vary_on_cookie", "gzip_page", "xframe_options_exempt", "xframe_options_deny", "xframe_options_sameorigin",
        "sensitive_variables", "sensitive_post_parameters", "atomic", "non_atomic_requests", "wraps", "staticmethod", "classmethod",
        "api_view", "permission_classes", "authentication_classes", "throttle_classes", "renderer_classes", "parser_classes",
    };

    /// <summary>What a decorator the project does not define adds: a login decorator acts on the identity;
    /// one of Django's neutral ones nothing; any other is a package's, whose effect is unknown.</summary>
    private static RequestChecks DecoratorChecks(string name) =>
        IdentityDecorators.Contains(name) ? RequestChecks.Identity : NeutralDecorators.Contains(name) ? RequestChecks.None : RequestChecks.Opaque;

    /// <summary>What the view a <c>csrf_exempt(...)</c> call wraps verifies: <c>Name.as_view()</c> is a
    /// class, <c>views.name</c> a function; one defined by the project under that name only.</summary>
    private static CsrfExemptCall Resolve(CsrfExemptCall call, ClassIndex byName, List<ViewInfo> views,
        FunctionIndex index)
    {
        var target = call.Target;
        var asView = target.IndexOf(".as_view", StringComparison.Ordinal);
        var name = asView >= 0 ? target[..asView] : target;
        name = name[(name.LastIndexOf('.') + 1)..];
        if (asView >= 0 && byName.Find(name, null, call.Location.Path) is { } record)
        {
            var (chain, external) = Chain(record, byName);
            return call with { Checks = ChainChecks(chain, external, index), SafeOnly = ReadOnly(chain, external) };
        }
        if (views.FirstOrDefault(v => !v.IsClass && v.Name == name) is { } view)
            return call with { Checks = view.Checks, SafeOnly = view.SafeOnly };
        // A function that is no view of its own (no exemption or DRF decorator): what it reaches, or unknown.
        return call with { Checks = index.HandOffs([name]) };
    }

    /// <summary>The methods of a class view that see a request: what they verify is what the view verifies
    /// (a helper they call, such as self.verify_signature(), shows in the call).</summary>
    private static readonly HashSet<string> RequestHandlers = new(StringComparer.Ordinal)
    {
        "dispatch", "setup", "initial", "get", "post", "put", "patch", "delete", "create", "update", "partial_update",
        "destroy", "perform_create", "perform_update", "perform_destroy", "get_object", "get_queryset",
    };

    /// <summary>What one module contributes: its top-level function views and classes.</summary>
    internal static void Extract(string path, Module module, List<ViewInfo> functionViews, List<ClassRecord> classes,
        List<FunctionRecord> functions)
    {
        foreach (var statement in module.Body)
        {
            if (statement is FunctionDef or AsyncFunctionDef)
            {
                if (FunctionView(path, statement) is { } view) functionViews.Add(view);
                // Only a decorator's shape (a function defining its wrapper) and functions given the request
                // are read: views find their decorators and helpers among these, and reading every function
                // would cost a large project dearly.
                var (name, body, args, decorators) = statement is FunctionDef f ? (f.Name, f.Body, f.Args, f.DecoratorList)
                    : (((AsyncFunctionDef)statement).Name, ((AsyncFunctionDef)statement).Body, ((AsyncFunctionDef)statement).Args, ((AsyncFunctionDef)statement).DecoratorList);
                if (body.Any(s => s is FunctionDef or AsyncFunctionDef) || args.PosOnlyArgs.Concat(args.Args).FirstOrDefault()?.Name == "request")
                {
                    var (use, handOffs) = IdentityUse.Of([statement]);
                    functions.Add(new FunctionRecord(name, RequestCheckScanner.Of([statement]) | use, handOffs, DecoratorNames(decorators)));
                }
            }
            else if (statement is ClassDef c) classes.Add(ClassRecord.Of(path, c, ImportedFrom(module)));
        }
    }

    /// <summary><c>csrf_exempt(view)</c> written as a call, or null.</summary>
    internal static CsrfExemptCall? CsrfExemptCallOf(string path, ParseResult parsed, Call call) =>
        call.Args.Length == 1 && IsCsrfExempt(call.Func) ? new CsrfExemptCall(parsed.GetSourceText(call.Args[0]), At(path, call)) : null;

    private static List<T> Sorted<T>(IEnumerable<T> items, Func<T, SourceLocation> at) =>
        items.OrderBy(i => at(i).Path, StringComparer.Ordinal).ThenBy(i => at(i).Line).ThenBy(i => at(i).Column).ToList();

    /// <summary>What a class view's chain reads from one class, taken from its node so the file's tree
    /// need not be kept: per class, the first declaration of each class list wins, as in the chain.</summary>
    internal sealed class ClassRecord
    {
        public required string Name { get; init; }
        public required SourceLocation Location { get; init; }
        public required IReadOnlyList<string> BaseNames { get; init; }

        /// <summary>For each base, the last segment of the module it comes from (<c>mixins</c> for
        /// <c>mixins.AuthMixin</c> or <c>from ..mixins import AuthMixin</c>), or null: it tells apart
        /// classes of the same name.</summary>
        public IReadOnlyList<string?> BaseHints { get; init; } = [];
        public SourceLocation? CsrfExempt { get; init; }
        public DeclaredClasses? PermissionClasses { get; init; }
        public DeclaredClasses? AuthenticationClasses { get; init; }
        public DeclaredClasses? ThrottleClasses { get; init; }
        public IReadOnlyList<string>? AllowedMethods { get; init; }
        public required HashSet<string> Writes { get; init; }
        public bool OverridesPermissions { get; init; }

        /// <summary>What the class's methods verify about the request (all of them: a helper method counts).</summary>
        public RequestChecks Checks { get; init; }

        /// <summary>The class defines <c>dispatch</c> itself, which hides an exemption its parents' dispatch carries.</summary>
        public bool DefinesDispatch { get; init; }

        /// <summary>What the class's other methods verify, by name, with the <c>self.</c> methods each calls: a
        /// handler calling <c>self.get_and_check_task(...)</c> verifies what that helper does, wherever in the chain it is.</summary>
        public IReadOnlyDictionary<string, (RequestChecks Checks, IReadOnlyList<string> Calls)> Helpers { get; init; } =
            new Dictionary<string, (RequestChecks, IReadOnlyList<string>)>();

        /// <summary>The <c>self.</c> methods the class's request handlers call.</summary>
        public IReadOnlyList<string> HandlerCalls { get; init; } = [];

        /// <summary>The functions the class's methods hand the request to (see <see cref="IdentityUse"/>).</summary>
        public IReadOnlyList<string> HandOffs { get; init; } = [];

        /// <summary>Every write handler the class defines does what its <c>get</c> does, reading the same
        /// parameters from the body instead of the query string: writing through it does nothing a GET cannot.</summary>
        public bool WritesMirrorGet { get; init; }

        public static ClassRecord Of(string path, ClassDef node, IReadOnlyDictionary<string, string>? importedFrom = null)
        {
            SourceLocation? csrf = null;
            DeclaredClasses? permissions = null, authentication = null, throttles = null;
            IReadOnlyList<string>? allowed = null;
            var writes = new HashSet<string>(StringComparer.Ordinal);
            var overridesPermissions = false;
            foreach (var decorator in node.DecoratorList)
                if (decorator is Call call && DottedName.LastOf(call.Func) == "method_decorator" && call.Args.Length > 0 && IsCsrfExempt(call.Args[0]))
                    csrf ??= At(path, decorator);
            foreach (var statement in node.Body)
            {
                switch (statement)
                {
                    case Assign { Targets: [Name target] } assign:
                        var declared = Declared(path, assign, assign.Value);
                        switch (target.Id)
                        {
                            case "permission_classes": permissions ??= declared; break;
                            case "authentication_classes": authentication ??= declared; break;
                            case "throttle_classes": throttles ??= declared; break;
                            case "http_method_names":
                                allowed ??= DottedName.Elements(assign.Value)?.Select(DottedName.String).OfType<string>().Select(s => s.ToUpperInvariant()).ToList();
                                break;
                        }
                        break;
                    case FunctionDef f:
                        Method(path, f.Name, f.DecoratorList, writes, ref csrf, ref overridesPermissions);
                        // get_throttles() chooses the throttles in code: some are set, which ones is not known.
                        if (f.Name == "get_throttles") throttles ??= new DeclaredClasses(null, At(path, f));
                        break;
                    case AsyncFunctionDef f:
                        Method(path, f.Name, f.DecoratorList, writes, ref csrf, ref overridesPermissions);
                        break;
                }
            }
            // Identity and data changes are read from every method: a helper method acts for the handler calling it.
            var (use, handOffs) = IdentityUse.Of(node.Body.Where(s => s is FunctionDef or AsyncFunctionDef));
            var methods = node.Body.Select(s => s switch { FunctionDef f => (f.Name, (Node)f), AsyncFunctionDef a => (a.Name, a), _ => ("", s) })
                .Where(m => m.Item1.Length > 0).ToList();
            return new ClassRecord
            {
                Helpers = methods.Where(m => !RequestHandlers.Contains(m.Item1)).GroupBy(m => m.Item1)
                    .ToDictionary(g => g.Key, g => (RequestCheckScanner.Of([g.Last().Item2]), SelfCalls(g.Last().Item2)), StringComparer.Ordinal),
                HandlerCalls = methods.Where(m => RequestHandlers.Contains(m.Item1)).SelectMany(m => SelfCalls(m.Item2)).Distinct().ToList(),
                Checks = use | RequestCheckScanner.Of(node.Body.Where(s => s is FunctionDef { Name: var n } && RequestHandlers.Contains(n) || s is AsyncFunctionDef { Name: var a } && RequestHandlers.Contains(a))),
                HandOffs = handOffs,
                WritesMirrorGet = MirrorsGet(node),
                DefinesDispatch = node.Body.Any(s => s is FunctionDef { Name: "dispatch" } or AsyncFunctionDef { Name: "dispatch" }),
                Name = node.Name,
                Location = At(path, node),
                BaseNames = node.Bases.Select(DottedName.LastOf).OfType<string>().ToList(),
                BaseHints = node.Bases.Where(b => DottedName.LastOf(b) is not null).Select(b => DottedName.Of(b) is { } d && d.LastIndexOf('.') is var dot and > 0
                    ? d[..dot][(d[..dot].LastIndexOf('.') + 1)..]
                    : importedFrom?.GetValueOrDefault(DottedName.LastOf(b)!)).ToList(),
                CsrfExempt = csrf,
                PermissionClasses = permissions,
                AuthenticationClasses = authentication,
                ThrottleClasses = throttles,
                AllowedMethods = allowed,
                Writes = writes,
                OverridesPermissions = overridesPermissions,
            };
        }
    }

    private static SourceLocation At(string path, Node node) => new(path, node.Lineno, node.ColOffset + 1);

    /// <summary>Top-level <c>from x.y import Name</c> of a module: Name → y.</summary>
    private static Dictionary<string, string> ImportedFrom(Module module)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in module.Body.OfType<ImportFrom>())
            if (f.ModuleName is { Length: > 0 } from)
                foreach (var alias in f.Names)
                    map[alias.AsName ?? alias.Name] = from[(from.LastIndexOf('.') + 1)..];
        return map;
    }

    /// <summary>The names of the <c>self.name(...)</c> methods a method calls.</summary>
    private static IReadOnlyList<string> SelfCalls(Node method) =>
        AstWalker.DescendantsOfType<Call>(method).Select(c => c.Func is Attribute { Attr: var a, Value: Name { Id: "self" } } ? a : null)
            .OfType<string>().Distinct().ToList();

    /// <summary>What the helper methods the chain's handlers call (through <c>self.</c>, transitively) verify,
    /// each found in the nearest class of the chain that defines it.</summary>
    private static RequestChecks HelperChecks(List<ClassRecord> chain)
    {
        var checks = RequestChecks.None;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(chain.SelectMany(c => c.HandlerCalls));
        while (pending.Count > 0 && seen.Count < 64)
        {
            var name = pending.Dequeue();
            if (!seen.Add(name) || chain.FirstOrDefault(c => c.Helpers.ContainsKey(name)) is not { } owner) continue;
            var (own, calls) = owner.Helpers[name];
            checks |= own;
            foreach (var next in calls) pending.Enqueue(next);
        }
        return checks;
    }

    /// <summary>The class defines <c>get</c> and write handlers whose bodies, once <c>request.POST</c> or
    /// <c>request.data</c> is read as <c>request.GET</c>, are the same statements as get's.</summary>
    private static bool MirrorsGet(ClassDef node)
    {
        var get = node.Body.OfType<FunctionDef>().FirstOrDefault(f => f.Name == "get");
        var writes = node.Body.OfType<FunctionDef>().Where(f => Handlers.ContainsKey(f.Name)).ToList();
        if (get is null || writes.Count == 0 || node.Body.OfType<AsyncFunctionDef>().Any(f => Handlers.ContainsKey(f.Name))) return false;
        var shape = Shape(get.Body, "GET");
        return writes.All(w => w.Args.Args.Select(a => a.Name).SequenceEqual(get.Args.Args.Select(a => a.Name))
                                && (Shape(w.Body, "POST") == shape || Shape(w.Body, "data") == shape));
    }

    /// <summary>The statements' syntax as a sequence of node kinds and names, with <c>request.{query}</c>
    /// read as <c>request.GET</c>; positions left out.</summary>
    private static string Shape(IEnumerable<Statement> body, string query) =>
        string.Join(" ", body.SelectMany(AstWalker.DescendantsAndSelf).Select(n => n switch
        {
            Attribute { Attr: var a, Value: Name { Id: "request" } } when a == query => "Attribute:GET",
            Attribute a => "Attribute:" + a.Attr,
            Name n2 => "Name:" + n2.Id,
            Constant c => "Constant:" + c.Value,
            Keyword k => "Keyword:" + k.Name,
            _ => n.GetType().Name,
        }));

    private static bool IsCsrfExempt(Expression e) => DottedName.LastOf(e) == "csrf_exempt";

    private static ViewInfo? FunctionView(string path, Statement statement)
    {
        var (name, decorators) = statement switch
        {
            FunctionDef f => (f.Name, f.DecoratorList),
            AsyncFunctionDef f => (f.Name, f.DecoratorList),
            _ => ("", default),
        };
        SourceLocation? csrf = null;
        DeclaredClasses? permissions = null, authentication = null, throttles = null;
        IReadOnlyList<string>? methods = null;
        var isDrf = false;
        var safeOnly = false;
        foreach (var decorator in decorators)
        {
            if (IsCsrfExempt(decorator)) csrf = At(path, decorator);
            if (DottedName.LastOf(decorator) is "require_GET" or "require_safe") safeOnly = true;
            if (decorator is Call { Func: var f, Args: [var methodList] } && DottedName.LastOf(f) == "require_http_methods"
                && DottedName.Elements(methodList) is { } allowed && allowed.All(m => DottedName.String(m)?.ToUpperInvariant() is "GET" or "HEAD" or "OPTIONS"))
                safeOnly = true;
            if (decorator is not Call call) continue;
            switch (DottedName.LastOf(call.Func))
            {
                case "api_view":
                    isDrf = true;
                    // @api_view() accepts GET only; @api_view(["GET", "POST"]) the listed methods.
                    var listed = call.Args.Length > 0 ? DottedName.Elements(call.Args[0]) : DottedName.Elements(DottedName.Keyword(call, "http_method_names")) ?? [];
                    methods = listed is null ? null : Writes(listed.Select(DottedName.String).Select(s => s?.ToUpperInvariant()));
                    break;
                case "permission_classes": permissions = Declared(path, call, call.Args.FirstOrDefault()); break;
                case "authentication_classes": authentication = Declared(path, call, call.Args.FirstOrDefault()); break;
                case "throttle_classes": throttles = Declared(path, call, call.Args.FirstOrDefault()); break;
            }
        }
        if (csrf is null && !isDrf) return null;
        var (use, handOffs) = IdentityUse.Of([statement]);
        return new ViewInfo(name, At(path, statement), false, isDrf, csrf, permissions, authentication, throttles, isDrf ? methods : null, false)
        {
            Checks = RequestCheckScanner.Of([statement]) | use,
            SafeOnly = safeOnly,
            Decorators = DecoratorNames(decorators),
            HandOffs = handOffs,
        };
    }

    private static List<string> DecoratorNames(IEnumerable<Expression> decorators) =>
        decorators.Select(d => DottedName.LastOf(d is Call c ? c.Func : d)).OfType<string>().ToList();

    /// <summary>The class and its project-defined ancestors, nearest first (bounded against cycles), and
    /// the names of the bases the project does not define.</summary>
    private static (List<ClassRecord> Chain, List<string> External) Chain(ClassRecord record, ClassIndex byName)
    {
        var chain = new List<ClassRecord> { record };
        var external = new List<string>();
        var pending = new Queue<ClassRecord>([record]);
        while (pending.Count > 0 && chain.Count < 16)
        {
            var child = pending.Dequeue();
            for (var i = 0; i < child.BaseNames.Count; i++)
            {
                var b = child.BaseNames[i];
                var hint = i < child.BaseHints.Count ? child.BaseHints[i] : null;
                var parent = byName.Find(b, hint, child.Location.Path);
                if (parent is not null && parent != record && !chain.Contains(parent) && !DrfBases.ContainsKey(b))
                {
                    chain.Add(parent);
                    pending.Enqueue(parent);
                }
                // A project class met again through another path (a diamond) is in the chain already.
                else if (parent is null || parent == record || DrfBases.ContainsKey(b)) external.Add(b);
            }
        }
        return (chain, external);
    }

    /// <summary>Django's class views that handle only GET/HEAD/OPTIONS unless a subclass adds a handler, and
    /// its access mixins, which add no handler.</summary>
    private static readonly HashSet<string> ReadOnlyBases = new(StringComparer.Ordinal)
    {
        "View", "TemplateView", "RedirectView", "ListView", "DetailView", "object",
        "LoginRequiredMixin", "PermissionRequiredMixin", "UserPassesTestMixin", "AccessMixin",
    };

    /// <summary>Django's access mixins: the view acts on the signed-in user.</summary>
    private static readonly HashSet<string> IdentityBases = new(StringComparer.Ordinal)
    {
        "LoginRequiredMixin", "PermissionRequiredMixin", "UserPassesTestMixin", "AccessMixin",
    };

    /// <summary>Django's generic views and mixins that write to the database on a POST.</summary>
    private static readonly HashSet<string> EditingBases = new(StringComparer.Ordinal)
    {
        "CreateView", "UpdateView", "DeleteView", "BaseCreateView", "BaseUpdateView", "BaseDeleteView", "ModelFormMixin", "DeletionMixin",
    };

    /// <summary>Django's generic views and mixins that neither act on the identity nor write by themselves.</summary>
    private static readonly HashSet<string> NeutralBases = new(StringComparer.Ordinal)
    {
        "View", "TemplateView", "RedirectView", "ListView", "DetailView", "FormView", "ArchiveIndexView", "object", "ContextMixin",
        "TemplateResponseMixin", "SingleObjectMixin", "MultipleObjectMixin", "SingleObjectTemplateResponseMixin", "FormMixin",
        "ProcessFormView", "BaseFormView", "BaseDetailView", "BaseListView", "RedirectView", "JsonResponseMixin",
    };

    private static bool ReadOnly(List<ClassRecord> chain, List<string> external) =>
        chain.All(c => c.Writes.Count == 0 || c.WritesMirrorGet) && external.All(ReadOnlyBases.Contains);

    /// <summary>What a class view verifies and does: its chain's methods, the functions they hand the request
    /// to, and what the bases the project does not define are known to add (a package's base: unknown).</summary>
    private static RequestChecks ChainChecks(List<ClassRecord> chain, List<string> external, FunctionIndex index) =>
        chain.Aggregate(HelperChecks(chain), (a, c) => a | c.Checks | index.HandOffs(c.HandOffs))
        | external.Aggregate(RequestChecks.None, (a, b) => a | (IdentityBases.Contains(b) ? RequestChecks.Identity
            : EditingBases.Contains(b) ? RequestChecks.ChangesData : NeutralBases.Contains(b) ? RequestChecks.None : RequestChecks.Opaque));

    /// <summary>The exemption Django sees: as_view() copies it from the class's dispatch, so a class nearer
    /// in the chain that defines dispatch without the exemption hides its parents'.</summary>
    private static SourceLocation? CsrfExemption(List<ClassRecord> chain)
    {
        foreach (var c in chain)
        {
            if (c.CsrfExempt is { } at) return at;
            if (c.DefinesDispatch) return null;
        }
        return null;
    }

    private static ViewInfo? ClassView(ClassRecord record, ClassIndex byName, bool routed, FunctionIndex index)
    {
        var (chain, external) = Chain(record, byName);
        var isDrf = routed || external.Any(DrfBases.ContainsKey);
        DeclaredClasses? permissions = null, authentication = null, throttles = null;
        var writes = new HashSet<string>(external.Where(DrfBases.ContainsKey).SelectMany(b => DrfBases[b]), StringComparer.Ordinal);
        IReadOnlyList<string>? allowed = null;
        var overridesPermissions = false;
        var checks = ChainChecks(chain, external, index);
        foreach (var c in chain)
        {
            permissions ??= c.PermissionClasses;
            authentication ??= c.AuthenticationClasses;
            throttles ??= c.ThrottleClasses;
            allowed ??= c.AllowedMethods;
            writes.UnionWith(c.Writes);
            overridesPermissions |= c.OverridesPermissions;
        }
        var csrf = CsrfExemption(chain);
        if (!isDrf && csrf is null) return null;
        IReadOnlyList<string> methods = WriteOrder.Where(m => writes.Contains(m) && (allowed is null || allowed.Contains(m))).ToList();
        return new ViewInfo(record.Name, record.Location, true, isDrf, csrf, permissions, authentication, throttles,
            isDrf ? methods : null, overridesPermissions) { Checks = checks, SafeOnly = ReadOnly(chain, external) };
    }

    private static void Method(string path, string name, System.Collections.Immutable.ImmutableArray<Expression> decorators,
        HashSet<string> writes, ref SourceLocation? csrf, ref bool overridesPermissions)
    {
        if (Handlers.TryGetValue(name, out var method)) writes.Add(method);
        if (name is "get_permissions" or "check_permissions") overridesPermissions = true;
        foreach (var decorator in decorators)
        {
            if (decorator is not Call call) continue;
            var callee = DottedName.LastOf(call.Func);
            if (callee == "method_decorator" && call.Args.Length > 0 && IsCsrfExempt(call.Args[0]) && name is "dispatch" or "post" or "put" or "patch" or "delete")
                csrf ??= At(path, decorator);
            // @action(methods=["post"]) adds an extra endpoint; without methods= it serves GET.
            if (callee == "action" && DottedName.Elements(DottedName.Keyword(call, "methods")) is { } listed)
                foreach (var m in Writes(listed.Select(DottedName.String).Select(s => s?.ToUpperInvariant())) ?? [])
                    writes.Add(m);
        }
    }

    private static IReadOnlyList<string>? Writes(IEnumerable<string?> methods)
    {
        var list = methods.ToList();
        return list.Any(m => m is null) ? null : WriteOrder.Where(list.Contains).ToList();
    }

    private static DeclaredClasses Declared(string path, Node at, Expression? value)
    {
        var elements = DottedName.Elements(value);
        var names = elements?.Select(DottedName.LastOf).ToList();
        return new DeclaredClasses(names is null || names.Any(n => n is null) ? null : names!.OfType<string>().ToList(), At(path, at));
    }
}
