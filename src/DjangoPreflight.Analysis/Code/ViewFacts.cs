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
    bool OverridesPermissions);

/// <summary><c>csrf_exempt(...)</c> applied as a call rather than a decorator (typically in a URLconf).</summary>
public sealed record CsrfExemptCall(string Target, SourceLocation Location);

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
    /// A class view may inherit from classes in other files, so classes are resolved here, across files.</summary>
    public static ViewFacts Load(IReadOnlyList<ApplicationCode> files)
    {
        var classes = new List<ClassRecord>();
        var views = new List<ViewInfo>();
        var calls = new List<CsrfExemptCall>();
        foreach (var file in files)
        {
            views.AddRange(file.FunctionViews);
            classes.AddRange(file.Classes);
            calls.AddRange(file.CsrfExemptCalls);
        }
        var byName = classes.GroupBy(c => c.Name).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
        foreach (var c in classes)
            if (ClassView(c, byName) is { } view) views.Add(view);
        return new ViewFacts(Sorted(views, v => v.Location), Sorted(calls, c => c.Location));
    }

    /// <summary>What one module contributes: its top-level function views and classes.</summary>
    internal static void Extract(string path, Module module, List<ViewInfo> functionViews, List<ClassRecord> classes)
    {
        foreach (var statement in module.Body)
        {
            if (statement is FunctionDef or AsyncFunctionDef && FunctionView(path, statement) is { } view) functionViews.Add(view);
            else if (statement is ClassDef c) classes.Add(ClassRecord.Of(path, c));
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
        public SourceLocation? CsrfExempt { get; init; }
        public DeclaredClasses? PermissionClasses { get; init; }
        public DeclaredClasses? AuthenticationClasses { get; init; }
        public DeclaredClasses? ThrottleClasses { get; init; }
        public IReadOnlyList<string>? AllowedMethods { get; init; }
        public required HashSet<string> Writes { get; init; }
        public bool OverridesPermissions { get; init; }

        public static ClassRecord Of(string path, ClassDef node)
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
                        break;
                    case AsyncFunctionDef f:
                        Method(path, f.Name, f.DecoratorList, writes, ref csrf, ref overridesPermissions);
                        break;
                }
            }
            return new ClassRecord
            {
                Name = node.Name,
                Location = At(path, node),
                BaseNames = node.Bases.Select(DottedName.LastOf).OfType<string>().ToList(),
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
        foreach (var decorator in decorators)
        {
            if (IsCsrfExempt(decorator)) csrf = At(path, decorator);
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
        return new ViewInfo(name, At(path, statement), false, isDrf, csrf, permissions, authentication, throttles, isDrf ? methods : null, false);
    }

    private static ViewInfo? ClassView(ClassRecord record, Dictionary<string, ClassRecord> byName)
    {
        // The class and its project-defined ancestors, nearest first (bounded against cycles).
        var chain = new List<ClassRecord> { record };
        var external = new List<string>();
        var pending = new Queue<ClassRecord>([record]);
        while (pending.Count > 0 && chain.Count < 16)
            foreach (var b in pending.Dequeue().BaseNames)
            {
                if (byName.TryGetValue(b, out var parent) && parent != record && !chain.Contains(parent) && !DrfBases.ContainsKey(b))
                {
                    chain.Add(parent);
                    pending.Enqueue(parent);
                }
                else external.Add(b);
            }
        var isDrf = external.Any(DrfBases.ContainsKey);
        SourceLocation? csrf = null;
        DeclaredClasses? permissions = null, authentication = null, throttles = null;
        var writes = new HashSet<string>(external.Where(DrfBases.ContainsKey).SelectMany(b => DrfBases[b]), StringComparer.Ordinal);
        IReadOnlyList<string>? allowed = null;
        var overridesPermissions = false;
        foreach (var c in chain)
        {
            csrf ??= c.CsrfExempt;
            permissions ??= c.PermissionClasses;
            authentication ??= c.AuthenticationClasses;
            throttles ??= c.ThrottleClasses;
            allowed ??= c.AllowedMethods;
            writes.UnionWith(c.Writes);
            overridesPermissions |= c.OverridesPermissions;
        }
        if (!isDrf && csrf is null) return null;
        IReadOnlyList<string> methods = WriteOrder.Where(m => writes.Contains(m) && (allowed is null || allowed.Contains(m))).ToList();
        return new ViewInfo(record.Name, record.Location, true, isDrf, csrf, permissions, authentication, throttles,
            isDrf ? methods : null, overridesPermissions);
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
