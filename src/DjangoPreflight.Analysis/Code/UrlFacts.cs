using DjangoPreflight.Analysis.Discovery;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using DjangoPreflight.Python.Ast;
using Attribute = DjangoPreflight.Python.Ast.Attribute;

namespace DjangoPreflight.Analysis.Code;

/// <summary>Where <c>admin.site.urls</c> (or another AdminSite's urls) is mounted: the full route
/// from the root URLconf through every include (regex anchors removed), and the line that mounts it.
/// <paramref name="Route"/> is null when some part of it is not a literal the scan could resolve (an
/// f-string or a setting such as <c>settings.ADMIN_URL</c> that the production settings leave unknown).
/// <paramref name="Written"/> is the mounting line's route as the code writes it when that is not a
/// string literal (resolved or not), null for a literal.</summary>
public sealed record AdminMount(string? Route, SourceLocation Location, string? Written = null);

/// <summary>A DRF viewset registered with a router (<c>router.register(r"users", UserViewSet)</c>) whose
/// <c>router.urls</c> the URLconf mounts: the route of its list endpoint (null when unknown, as for
/// <see cref="AdminMount.Route"/>) and the viewset's class name (last segment).</summary>
public sealed record RoutedViewSet(string? Route, string ViewSet, SourceLocation Location);

/// <summary>A route that hands every path under <paramref name="Prefix"/> to a view
/// (<c>re_path(r"^static/(?P&lt;path&gt;.*)$", serve_static)</c>, <c>path("static/&lt;path:path&gt;", ...)</c>):
/// the prefix from the root, without its leading slash, and whether the route gives the view a
/// <c>document_root</c> (django.views.static.serve reads that folder; a view without one finds the
/// files itself, as staticfiles' finders do).</summary>
public sealed record FileViewRoute(string Prefix, bool HasDocumentRoot, SourceLocation Location);

/// <summary>
/// The project's URL configuration, followed from ROOT_URLCONF through <c>include()</c> (path,
/// re_path and the old url()), including patterns added under <c>if</c> blocks, <c>+=</c>,
/// <c>.append()/.extend()</c>, <c>i18n_patterns()</c>, pattern lists held in other names of the same
/// file (<c>include(api_patterns)</c>) and DRF routers' <c>router.urls</c>. <see cref="FromRoot"/> is
/// false when ROOT_URLCONF could not be resolved and every urls.py was read on its own instead.
/// </summary>
public sealed class UrlFacts
{
    private const int MaxIncludeDepth = 12;

    public UrlFacts(bool fromRoot, string? rootPath, IReadOnlyList<AdminMount> adminMounts, IReadOnlyDictionary<string, SourceLocation> errorHandlers,
        IReadOnlyList<RoutedViewSet>? routedViewSets = null, IReadOnlyList<SourceLocation>? debugToolbarUnguarded = null,
        IReadOnlyList<FileViewRoute>? fileViewRoutes = null)
    {
        FileViewRoutes = fileViewRoutes ?? [];
        DebugToolbarUnguarded = debugToolbarUnguarded ?? [];
        FromRoot = fromRoot;
        RootPath = rootPath;
        AdminMounts = adminMounts;
        ErrorHandlers = errorHandlers;
        RoutedViewSets = routedViewSets ?? [];
    }

    public bool FromRoot { get; }

    /// <summary>The root URLconf's file, when found.</summary>
    public string? RootPath { get; }

    public IReadOnlyList<AdminMount> AdminMounts { get; }

    /// <summary>handler400/handler403/handler404/handler500 set in the root URLconf, by name.</summary>
    public IReadOnlyDictionary<string, SourceLocation> ErrorHandlers { get; }

    /// <summary>The viewsets DRF routers serve through the URLconf, ordered by location.</summary>
    public IReadOnlyList<RoutedViewSet> RoutedViewSets { get; }

    /// <summary>Where a URL module the URLconf reaches mounts django-debug-toolbar's URLs
    /// (<c>include("debug_toolbar.urls")</c>, <c>debug_toolbar_urls()</c>) outside any <c>if</c> on DEBUG
    /// or on the toolbar being installed, ordered by location.</summary>
    public IReadOnlyList<SourceLocation> DebugToolbarUnguarded { get; }

    /// <summary>Routes that serve every path under a prefix through a view, outside any <c>if</c> on
    /// DEBUG (those serve nothing in production), ordered by location. <c>static()</c> is not one: it
    /// returns no pattern unless DEBUG is on.</summary>
    public IReadOnlyList<FileViewRoute> FileViewRoutes { get; }

    /// <param name="setting">The production settings' string value of a setting, for routes written as
    /// <c>settings.ADMIN_URL</c>; null when unknown.</param>
    public static UrlFacts Load(PythonSources sources, ModuleIndex index, IEnumerable<string> allFiles, string? rootUrlConf,
        Func<string, string?>? setting = null)
    {
        var walk = new Walk(sources, index, setting ?? (_ => null));
        var rootPath = rootUrlConf is null ? null : index.PathOf(rootUrlConf);
        var handlers = new SortedDictionary<string, SourceLocation>(StringComparer.Ordinal);
        if (rootPath is not null)
        {
            walk.Visit(rootPath, "", 0);
            if (sources.Get(rootPath) is { } root)
                foreach (var statement in Flatten(root.Module.Body))
                {
                    if (statement is Assign { Targets: [Name { Id: var id }] } && IsErrorHandler(id))
                        handlers[id] = new SourceLocation(rootPath, statement.Lineno, statement.ColOffset + 1);
                    // `from shop.views import handler404` binds the handler as surely as an assignment does.
                    if (statement is ImportFrom import)
                        foreach (var alias in import.Names)
                            if (IsErrorHandler(alias.AsName ?? alias.Name))
                                handlers[alias.AsName ?? alias.Name] = new SourceLocation(rootPath, statement.Lineno, statement.ColOffset + 1);
                }
        }
        else
        {
            foreach (var path in allFiles.Where(p => ProjectFiles.FileName(p) == "urls.py" && !PythonSources.IsMigrationOrTest(p)))
                walk.Visit(path, "", 0);
        }
        var mounts = Sorted(walk.Mounts.Distinct(), m => m.Location, m => m.Route ?? m.Written ?? "");
        var routed = Sorted(walk.Routed.Distinct(), r => r.Location, r => r.Route ?? "");
        var toolbar = walk.Files.SelectMany(path => sources.Get(path) is { } parsed ? UnguardedToolbar(path, parsed.Module.Body, false) : [])
            .Distinct().OrderBy(l => l.Path, StringComparer.Ordinal).ThenBy(l => l.Line).ThenBy(l => l.Column).ToList();
        var fileViews = Sorted(walk.FileViews.Distinct(), f => f.Location, f => f.Prefix);
        return new UrlFacts(rootPath is not null, rootPath, mounts, handlers, routed, toolbar, fileViews);
    }

    /// <summary>The debug toolbar's URL mounts among top-level statements (and those under if/try) that
    /// no enclosing <c>if</c> on DEBUG or on the toolbar guards.</summary>
    private static IEnumerable<SourceLocation> UnguardedToolbar(string path, IEnumerable<Statement> body, bool guarded)
    {
        foreach (var s in body)
        {
            switch (s)
            {
                case If i:
                    var guard = guarded || GuardsDebug(i.Test);
                    foreach (var l in UnguardedToolbar(path, i.Body.Concat(i.OrElse), guard)) yield return l;
                    break;
                case Try t:
                    foreach (var l in UnguardedToolbar(path, t.Body.Concat(t.OrElse).Concat(t.FinalBody).Concat(t.Handlers.SelectMany(h => h.Body)), guarded))
                        yield return l;
                    break;
                case Assign or AugAssign or Expr when !guarded:
                    foreach (var call in AstWalker.DescendantsOfType<Call>(s).Where(IsToolbarUrls))
                        yield return new SourceLocation(path, call.Lineno, call.ColOffset + 1);
                    break;
            }
        }
    }

    /// <summary>A test on DEBUG (<c>settings.DEBUG</c>, a DEBUG_TOOLBAR flag) or on the toolbar being
    /// installed (<c>"debug_toolbar" in settings.INSTALLED_APPS</c>).</summary>
    private static bool GuardsDebug(Expression test) =>
        AstWalker.DescendantsAndSelf(test).Any(n => n switch
        {
            Name { Id: var id } => id.Contains("DEBUG", StringComparison.OrdinalIgnoreCase),
            Attribute { Attr: var attr } => attr.Contains("DEBUG", StringComparison.OrdinalIgnoreCase),
            Constant c => c.StringValue?.Contains("debug_toolbar", StringComparison.Ordinal) == true,
            _ => false,
        });

    private static bool IsToolbarUrls(Call call) =>
        DottedName.LastOf(call.Func) switch
        {
            "debug_toolbar_urls" => true,
            "include" => call.Args.Length > 0 && (DottedName.String(call.Args[0]) ?? DottedName.Of(call.Args[0])) == "debug_toolbar.urls",
            _ => false,
        };

    private static List<T> Sorted<T>(IEnumerable<T> items, Func<T, SourceLocation> at, Func<T, string> route) =>
        items.OrderBy(i => at(i).Path, StringComparer.Ordinal).ThenBy(i => at(i).Line).ThenBy(route, StringComparer.Ordinal).ToList();

    private static bool IsErrorHandler(string name) => name is "handler400" or "handler403" or "handler404" or "handler500";

    /// <summary>Top-level statements plus those under if/else and try (conditional URL patterns).</summary>
    private static IEnumerable<Statement> Flatten(IEnumerable<Statement> body)
    {
        foreach (var s in body)
        {
            yield return s;
            var nested = s switch
            {
                If i => i.Body.Concat(i.OrElse),
                Try t => t.Body.Concat(t.OrElse).Concat(t.FinalBody).Concat(t.Handlers.SelectMany(h => h.Body)),
                _ => [],
            };
            foreach (var n in Flatten(nested)) yield return n;
        }
    }

    private static string Normalise(string route, bool regex) =>
        regex ? route.TrimStart('^').Replace("\\/", "/", StringComparison.Ordinal).TrimEnd('$') : route;

    /// <summary>What one URL module binds at its top level: every value given to each name (assignment,
    /// <c>+=</c>, <c>.append()</c>/<c>.extend()</c>), the string constants, and its DRF routers'
    /// registrations.</summary>
    private sealed class FileBindings
    {
        public Dictionary<string, List<Expression>> Values { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> Strings { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<Call>> Registrations { get; } = new(StringComparer.Ordinal);

        public static FileBindings Of(Module module)
        {
            var b = new FileBindings();
            // A constant is a name only ever given one string literal: any other value, anywhere in the
            // file (under an if, through +=), makes it a variable.
            var variables = new HashSet<string>(StringComparer.Ordinal);
            foreach (var statement in Flatten(module.Body))
            {
                switch (statement)
                {
                    case Assign { Targets: [Name { Id: var id }], Value: var value }:
                        b.Add(id, value);
                        if (DottedName.String(value) is not { } text || b.Strings.GetValueOrDefault(id, text) != text) variables.Add(id);
                        else b.Strings[id] = text;
                        break;
                    case AugAssign { Target: Name { Id: var id }, Value: var value }:
                        b.Add(id, value);
                        variables.Add(id);
                        break;
                    case Expr { Value: Call { Func: Attribute { Value: Name { Id: var id }, Attr: "append" or "extend" } } call } when call.Args.Length > 0:
                        b.Add(id, call.Args[0]);
                        break;
                    case Expr { Value: Call { Func: Attribute { Value: Name { Id: var id }, Attr: "register" } } call }:
                        if (!b.Registrations.TryGetValue(id, out var calls)) b.Registrations[id] = calls = [];
                        calls.Add(call);
                        break;
                }
            }
            foreach (var name in module.Body.SelectMany(AstWalker.DescendantsOfType<NamedExpr>).Select(n => n.Target).OfType<Name>())
                variables.Add(name.Id);
            foreach (var name in variables) b.Strings.Remove(name);
            return b;
        }

        private void Add(string id, Expression value)
        {
            if (!Values.TryGetValue(id, out var list)) Values[id] = list = [];
            list.Add(value);
        }

        /// <summary>A name bound to a router: <c>router = DefaultRouter()</c>, <c>routers.SimpleRouter()</c>,
        /// drf-nested-routers' <c>NestedSimpleRouter(router, ...)</c>, or any class named ...Router.</summary>
        public bool IsRouter(string name) =>
            Values.TryGetValue(name, out var values) && values.Any(v => v is Call c && DottedName.LastOf(c.Func) is { } f && f.EndsWith("Router", StringComparison.Ordinal));
    }

    private sealed class Walk(PythonSources sources, ModuleIndex index, Func<string, string?> setting)
    {
        // Pattern lists that name one another (a = b + b; b = c + c; ...) must not multiply the work.
        private const int MaxExpansions = 20_000;

        private readonly HashSet<(string, string?)> _visited = [];
        private readonly Dictionary<string, FileBindings?> _bindings = new(StringComparer.Ordinal);
        private readonly HashSet<(string, string)> _expanding = [];
        private int _expansions;

        public List<AdminMount> Mounts { get; } = [];

        public List<RoutedViewSet> Routed { get; } = [];

        public List<FileViewRoute> FileViews { get; } = [];

        /// <summary>The URL modules visited, in the order first reached.</summary>
        public List<string> Files { get; } = [];

        public void Visit(string path, string? prefix, int depth)
        {
            if (depth > MaxIncludeDepth || !_visited.Add((path, prefix)) || Bindings(path) is not { } bindings) return;
            if (!Files.Contains(path)) Files.Add(path);
            Expand(path, bindings, "urlpatterns", prefix, depth);
        }

        private FileBindings? Bindings(string path)
        {
            if (_bindings.TryGetValue(path, out var known)) return known;
            var parsed = sources.Get(path);
            return _bindings[path] = parsed is null ? null : FileBindings.Of(parsed.Module);
        }

        /// <summary>Every value a name of the file is given, walked as patterns; a name already being
        /// walked (<c>urlpatterns = urlpatterns + [...]</c>) is not walked again inside itself.</summary>
        private void Expand(string path, FileBindings bindings, string name, string? prefix, int depth)
        {
            if (!bindings.Values.TryGetValue(name, out var values) || !_expanding.Add((path, name))) return;
            foreach (var value in values) Patterns(path, value, prefix, depth);
            _expanding.Remove((path, name));
        }

        private void Patterns(string path, Expression expression, string? prefix, int depth)
        {
            if (++_expansions > MaxExpansions) return;
            switch (expression)
            {
                case List or Python.Ast.Tuple:
                    foreach (var e in DottedName.Elements(expression)!) Patterns(path, e, prefix, depth);
                    break;
                case BinOp { Op: Operator.Add } b:
                    Patterns(path, b.Left, prefix, depth);
                    Patterns(path, b.Right, prefix, depth);
                    break;
                case Starred s:
                    Patterns(path, s.Value, prefix, depth);
                    break;
                case Call c when DottedName.LastOf(c.Func) == "i18n_patterns":
                    foreach (var a in c.Args) Patterns(path, a, prefix, depth);
                    break;
                case Call c when DottedName.LastOf(c.Func) is "path" or "re_path" or "url":
                    Route(path, c, prefix, depth);
                    break;
                case Name n when Bindings(path) is { } bindings:
                    Expand(path, bindings, n.Id, prefix, depth);
                    break;
                case Attribute { Attr: "urls", Value: Name router } when Bindings(path) is { } bindings && bindings.IsRouter(router.Id):
                    Router(path, bindings, router.Id, prefix);
                    break;
            }
        }

        /// <summary>The viewsets registered with a router, mounted under <paramref name="prefix"/>.</summary>
        private void Router(string path, FileBindings bindings, string router, string? prefix)
        {
            foreach (var call in bindings.Registrations.GetValueOrDefault(router) ?? [])
            {
                var route = call.Args.FirstOrDefault() ?? DottedName.Keyword(call, "prefix");
                var viewset = DottedName.LastOf(call.Args.Length > 1 ? call.Args[1] : DottedName.Keyword(call, "viewset"));
                if (viewset is null) continue;
                var text = prefix is null ? null : RouteText(bindings, route) is { } r ? prefix + Normalise(r, regex: true).TrimEnd('/') + "/" : null;
                Routed.Add(new RoutedViewSet(text, viewset, new SourceLocation(path, call.Lineno, call.ColOffset + 1)));
            }
        }

        private void Route(string path, Call call, string? prefix, int depth)
        {
            var regex = DottedName.LastOf(call.Func) is "re_path" or "url";
            var routeExpression = call.Args.FirstOrDefault() ?? DottedName.Keyword(call, "route");
            var target = call.Args.Length > 1 ? call.Args[1] : DottedName.Keyword(call, "view");
            if (routeExpression is null || target is null) return;
            var route = RouteText(Bindings(path), routeExpression);
            var full = prefix is null || route is null ? null : prefix + Normalise(route, regex);
            var at = new SourceLocation(path, call.Lineno, call.ColOffset + 1);
            if (target is Call { Func: var f } include && DottedName.LastOf(f) == "include" && include.Args.Length > 0)
            {
                var arg = include.Args[0] is Python.Ast.Tuple { Elts.Length: > 0 } t ? t.Elts[0] : include.Args[0];
                if (IsAdminUrls(arg))
                    Mounts.Add(Admin(full, at, path, routeExpression));
                else if (DottedName.String(arg) is { } module && index.PathOf(module) is { } included)
                    Visit(included, full, depth + 1);
                else if (arg is List or Python.Ast.Tuple or Name or Attribute && depth < MaxIncludeDepth)
                    Patterns(path, arg, full, depth + 1);
            }
            else if (IsAdminUrls(target))
            {
                Mounts.Add(Admin(full, at, path, routeExpression));
            }
            else if (full is not null && CatchAllPrefix(full) is { } served && !UnderDebugGuard(path, call.Lineno))
            {
                var kwargs = call.Args.Length > 2 ? call.Args[2] : DottedName.Keyword(call, "kwargs");
                var documentRoot = kwargs is Dict d && d.Keys.Any(k => k is Constant { StringValue: "document_root" });
                FileViews.Add(new FileViewRoute(served, documentRoot, at));
            }
        }

        /// <summary>The part of a full route before a capture that takes the rest of the path
        /// (<c>&lt;path:name&gt;</c>, <c>(?P&lt;name&gt;.*)</c>, <c>(.*)</c>, <c>(?P&lt;name&gt;.+)</c>) ending it; null otherwise.</summary>
        private static string? CatchAllPrefix(string route)
        {
            var text = route.TrimStart('/');
            var open = text.StartsWith('<') || text.StartsWith('(') ? 0 : text.IndexOf("/<", StringComparison.Ordinal) is var a and >= 0 ? a + 1
                : text.IndexOf("/(", StringComparison.Ordinal) is var b and >= 0 ? b + 1 : -1;
            if (open < 0) return null;
            var capture = text[open..];
            var catchAll = capture.StartsWith("<path:", StringComparison.Ordinal) && capture.IndexOf('>') == capture.Length - 1
                           || capture.StartsWith('(') && capture.IndexOf(')') == capture.Length - 1
                           && (capture.EndsWith(".*)", StringComparison.Ordinal) || capture.EndsWith(".+)", StringComparison.Ordinal));
            return catchAll ? text[..open] : null;
        }

        /// <summary>True when the line lies inside an <c>if</c> of the file whose test reads DEBUG.</summary>
        private bool UnderDebugGuard(string path, int line) =>
            sources.Get(path) is { } parsed && AstWalker.DescendantsOfType<If>(parsed.Module).Any(i => GuardsDebug(i.Test) && i.Lineno <= line && line <= i.EndLineno);

        /// <summary>The mount, with the route as written when it is not a plain literal.</summary>
        private AdminMount Admin(string? full, SourceLocation at, string path, Expression routeExpression) =>
            new(full, at, routeExpression is Constant ? null : sources.Get(path)?.GetSourceText(routeExpression));

        /// <summary>A route's text: a string literal, a string constant of the file, a setting the
        /// production settings know (<c>settings.ADMIN_URL</c>), or an f-string made of those; null otherwise.</summary>
        private string? RouteText(FileBindings? bindings, Expression? e) => e switch
        {
            Constant c => c.StringValue,
            Name n => bindings?.Strings.GetValueOrDefault(n.Id),
            Attribute { Value: Name { Id: "settings" }, Attr: var name } => setting(name),
            JoinedStr j => Concatenated(j.Values.Select(v => RouteText(bindings, v is FormattedValue { Conversion: -1, FormatSpec: null } fv ? fv.Value : v))),
            _ => null,
        };

        private static string? Concatenated(IEnumerable<string?> parts)
        {
            var text = new System.Text.StringBuilder();
            foreach (var part in parts)
            {
                if (part is null) return null;
                text.Append(part);
            }
            return text.ToString();
        }

        /// <summary><c>admin.site.urls</c>, <c>django.contrib.admin.site.urls</c>, or a custom
        /// AdminSite instance's <c>my_site.urls</c> when its name says it is an admin site.</summary>
        private static bool IsAdminUrls(Expression e) =>
            DottedName.Of(e) is { } d && d.EndsWith(".urls", StringComparison.Ordinal)
            && (d.EndsWith("site.urls", StringComparison.Ordinal) || d[..^5].Contains("admin", StringComparison.OrdinalIgnoreCase));
    }
}
