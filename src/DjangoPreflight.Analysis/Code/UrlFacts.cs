using DjangoPreflight.Analysis.Discovery;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using DjangoPreflight.Python.Ast;
using Attribute = DjangoPreflight.Python.Ast.Attribute;

namespace DjangoPreflight.Analysis.Code;

/// <summary>Where <c>admin.site.urls</c> (or another AdminSite's urls) is mounted: the full route
/// from the root URLconf through every include (regex anchors removed), and the line that mounts it.</summary>
public sealed record AdminMount(string Route, SourceLocation Location);

/// <summary>
/// The project's URL configuration, followed from ROOT_URLCONF through <c>include()</c> (path,
/// re_path and the old url()), including patterns added under <c>if</c> blocks, <c>+=</c>,
/// <c>.append()/.extend()</c> and <c>i18n_patterns()</c>. <see cref="FromRoot"/> is false when
/// ROOT_URLCONF could not be resolved and every urls.py was read on its own instead.
/// </summary>
public sealed class UrlFacts
{
    private const int MaxIncludeDepth = 12;

    public UrlFacts(bool fromRoot, string? rootPath, IReadOnlyList<AdminMount> adminMounts, IReadOnlyDictionary<string, SourceLocation> errorHandlers)
    {
        FromRoot = fromRoot;
        RootPath = rootPath;
        AdminMounts = adminMounts;
        ErrorHandlers = errorHandlers;
    }

    public bool FromRoot { get; }

    /// <summary>The root URLconf's file, when found.</summary>
    public string? RootPath { get; }

    public IReadOnlyList<AdminMount> AdminMounts { get; }

    /// <summary>handler400/handler403/handler404/handler500 set in the root URLconf, by name.</summary>
    public IReadOnlyDictionary<string, SourceLocation> ErrorHandlers { get; }

    public static UrlFacts Load(PythonSources sources, ModuleIndex index, IEnumerable<string> allFiles, string? rootUrlConf)
    {
        var walk = new Walk(sources, index);
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
        var mounts = walk.Mounts.Distinct()
            .OrderBy(m => m.Location.Path, StringComparer.Ordinal).ThenBy(m => m.Location.Line).ThenBy(m => m.Route, StringComparer.Ordinal).ToList();
        return new UrlFacts(rootPath is not null, rootPath, mounts, handlers);
    }

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

    private sealed class Walk(PythonSources sources, ModuleIndex index)
    {
        private readonly HashSet<(string, string)> _visited = [];

        public List<AdminMount> Mounts { get; } = [];

        public void Visit(string path, string prefix, int depth)
        {
            if (depth > MaxIncludeDepth || !_visited.Add((path, prefix)) || sources.Get(path) is not { } parsed) return;
            foreach (var statement in Flatten(parsed.Module.Body))
            {
                var patterns = statement switch
                {
                    Assign { Targets: [Name { Id: "urlpatterns" }] } a => a.Value,
                    AugAssign { Target: Name { Id: "urlpatterns" } } a => a.Value,
                    Expr { Value: Call { Func: Attribute { Value: Name { Id: "urlpatterns" }, Attr: "append" or "extend" } } c } => c.Args.FirstOrDefault(),
                    _ => null,
                };
                if (patterns is not null) Patterns(path, patterns, prefix, depth);
            }
        }

        private void Patterns(string path, Expression expression, string prefix, int depth)
        {
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
            }
        }

        private void Route(string path, Call call, string prefix, int depth)
        {
            var regex = DottedName.LastOf(call.Func) is "re_path" or "url";
            var route = DottedName.String(call.Args.FirstOrDefault() ?? DottedName.Keyword(call, "route"));
            var target = call.Args.Length > 1 ? call.Args[1] : DottedName.Keyword(call, "view");
            if (route is null || target is null) return;
            var full = prefix + Normalise(route, regex);
            if (target is Call { Func: var f } include && DottedName.LastOf(f) == "include" && include.Args.Length > 0)
            {
                var arg = include.Args[0] is Python.Ast.Tuple { Elts.Length: > 0 } t ? t.Elts[0] : include.Args[0];
                if (IsAdminUrls(arg))
                    Mounts.Add(new AdminMount(full, new SourceLocation(path, call.Lineno, call.ColOffset + 1)));
                else if (DottedName.String(arg) is { } module && index.PathOf(module) is { } included)
                    Visit(included, full, depth + 1);
                else if (arg is List or Python.Ast.Tuple)
                    Patterns(path, arg, full, depth);
            }
            else if (IsAdminUrls(target))
            {
                Mounts.Add(new AdminMount(full, new SourceLocation(path, call.Lineno, call.ColOffset + 1)));
            }
        }

        /// <summary><c>admin.site.urls</c>, <c>django.contrib.admin.site.urls</c>, or a custom
        /// AdminSite instance's <c>my_site.urls</c> when its name says it is an admin site.</summary>
        private static bool IsAdminUrls(Expression e) =>
            DottedName.Of(e) is { } d && d.EndsWith(".urls", StringComparison.Ordinal)
            && (d.EndsWith("site.urls", StringComparison.Ordinal) || d[..^5].Contains("admin", StringComparison.OrdinalIgnoreCase));
    }
}
