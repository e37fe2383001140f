using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Python.Ast;
using Attribute = DjangoPreflight.Python.Ast.Attribute;

namespace DjangoPreflight.Rules.Auth;

/// <summary>
/// DP515: CSRF_FAILURE_VIEW cannot be imported (security.E102) or does not take
/// <c>(request, reason=...)</c> (security.E101): Django's check_csrf_failure_view, which every
/// <c>manage.py</c> command runs, on every supported version. Django resolves the path with
/// <c>get_callable</c>: a path without a dot, or whose parent package does not import, is E102; a
/// module of an existing package that is missing, or a module without the view, raises
/// ViewDoesNotExist, which is no ImportError, so Django's check crashes instead: reported here
/// without a Django ID. Only views in the project's own code are judged; a view in an installed
/// package, a class, or a function behind an unknown decorator cannot be read and is left alone.
/// </summary>
public sealed class CsrfFailureViewInvalid : ProjectRule
{
    public const string DjangoDefault = "django.views.csrf.csrf_failure";

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP515",
        Title: "CSRF_FAILURE_VIEW cannot be used",
        Category: Category.Auth,
        DefaultSeverity: Severity.Medium,
        DjangoIds: ["security.E101", "security.E102"],
        Seeds: ["+"],
        Docs: new RuleDocs(
            Why: """
                Django calls CSRF_FAILURE_VIEW as view(request, reason=...) whenever it rejects a request
                for a missing or wrong CSRF token. A path that does not import, or a view with another
                signature, turns every such rejection into a server error, and Django's system checks
                fail, so migrate and the other management commands refuse to run.
                """,
            Fix: """
                Point CSRF_FAILURE_VIEW at a function defined as def csrf_failure(request, reason=""),
                with its full dotted path, or remove the setting to use Django's own page.
                """,
            Before: """
                CSRF_FAILURE_VIEW = "shop.views.csrf_failure"   # def csrf_failure(request): ...
                """,
            After: """
                CSRF_FAILURE_VIEW = "shop.views.csrf_failure"   # def csrf_failure(request, reason=""): ...
                """));

    // Decorators of django.views.decorators that keep the view's signature (functools.wraps).
    private static readonly HashSet<string> SignatureKeepingDecorators = new(StringComparer.Ordinal)
    {
        "requires_csrf_token", "csrf_exempt", "csrf_protect", "ensure_csrf_cookie", "never_cache", "xframe_options_exempt",
        "xframe_options_deny", "xframe_options_sameorigin",
    };

    public override IEnumerable<Finding> Check(ProjectContext project)
    {
        if (project.Settings.Production is not { } settings || !settings.IsSet("CSRF_FAILURE_VIEW")) yield break;
        if (settings["CSRF_FAILURE_VIEW"]!.Value is not PyStr { Value: var path } || path == DjangoDefault) yield break;
        var at = settings.LocationOf("CSRF_FAILURE_VIEW");
        var dot = path.LastIndexOf('.');
        if (dot < 0)
        {
            yield return Finding($"CSRF_FAILURE_VIEW is '{path}', not a dotted path: Django cannot import it (security.E102), so every CSRF failure is a server error.",
                at, setting: "CSRF_FAILURE_VIEW", djangoId: "security.E102");
            yield break;
        }
        var (module, view) = (path[..dot], path[(dot + 1)..]);
        var index = project.SettingsLayout.Index;
        if (index.PathOf(module) is not { } file)
        {
            var top = module.Split('.')[0];
            if (index.PathOf(top) is null) yield break; // an installed package: not read
            var parentDot = module.LastIndexOf('.');
            if (parentDot >= 0 && index.PathOf(module[..parentDot]) is null)
                yield return Finding($"CSRF_FAILURE_VIEW is '{path}', but the project has no module {module[..parentDot]}: Django cannot import it (security.E102), so every CSRF failure is a server error.",
                    at, setting: "CSRF_FAILURE_VIEW", djangoId: "security.E102");
            else
                yield return FindingBeyondDjango($"CSRF_FAILURE_VIEW is '{path}', but the project has no module {module}: Django's check raises ViewDoesNotExist instead of reporting it, and every CSRF failure is a server error.",
                    at, setting: "CSRF_FAILURE_VIEW");
            yield break;
        }
        if (project.Python.Get(file) is not { } parsed) yield break;
        switch (Binding(parsed.Module, view))
        {
            case null:
                yield return FindingBeyondDjango($"CSRF_FAILURE_VIEW is '{path}', but {file} defines no {view}: Django's check raises ViewDoesNotExist instead of reporting it, and every CSRF failure is a server error.",
                    at, setting: "CSRF_FAILURE_VIEW");
                break;
            case FunctionDef f when KeepsSignature(f.DecoratorList) && !AcceptsRequestAndReason(f.Args):
                yield return Finding($"CSRF_FAILURE_VIEW is '{path}', whose {view}() cannot be called as {view}(request, reason=...): Django's system checks fail with security.E101, and every CSRF failure is a server error.",
                    at, setting: "CSRF_FAILURE_VIEW", djangoId: "security.E101");
                break;
            case AsyncFunctionDef a when KeepsSignature(a.DecoratorList) && !AcceptsRequestAndReason(a.Args):
                yield return Finding($"CSRF_FAILURE_VIEW is '{path}', whose {view}() cannot be called as {view}(request, reason=...): Django's system checks fail with security.E101, and every CSRF failure is a server error.",
                    at, setting: "CSRF_FAILURE_VIEW", djangoId: "security.E101");
                break;
        }
    }

    /// <summary>The module-level statement that last binds <paramref name="name"/>: a def, or another
    /// statement (a class, an assignment, an import: not read further); null when nothing binds it and
    /// no star import or conditional code could.</summary>
    private static Statement? Binding(Module module, string name)
    {
        Statement? last = null;
        foreach (var statement in module.Body)
        {
            switch (statement)
            {
                case FunctionDef f when f.Name == name:
                case AsyncFunctionDef a when a.Name == name:
                case ClassDef c when c.Name == name:
                    last = statement;
                    break;
                case Assign assign when assign.Targets.Any(t => t is Name n && n.Id == name):
                    last = statement;
                    break;
                case ImportFrom from when from.Names.Any(n => n.Name == "*" || (n.AsName ?? n.Name) == name):
                case Import import when import.Names.Any(n => (n.AsName ?? n.Name.Split('.')[0]) == name):
                    last = statement;
                    break;
                case If or Try or TryStar or With or AsyncWith or For or AsyncFor or While or Match or AnnAssign or AugAssign:
                    // Code that may bind the name in a way not followed here.
                    last ??= statement;
                    break;
            }
        }
        return last;
    }

    private static bool KeepsSignature(IEnumerable<Expression> decorators) =>
        decorators.All(d => (d is Call c ? c.Func : d) switch
        {
            Name n => SignatureKeepingDecorators.Contains(n.Id),
            Attribute a => SignatureKeepingDecorators.Contains(a.Attr),
            _ => false,
        });

    /// <summary>Python's <c>inspect.signature(view).bind(None, reason=None)</c> succeeds.</summary>
    public static bool AcceptsRequestAndReason(Arguments args)
    {
        var positional = args.PosOnlyArgs.Concat(args.Args).ToList();
        var defaults = args.Defaults.Length; // the last N positional parameters have defaults
        // The request goes to the first positional parameter, or to *args.
        if (positional.Count == 0 && args.VarArg is null) return false;
        var bound = positional.Count > 0 ? 1 : 0;
        // reason= goes to a keyword-capable parameter of that name (not positional-only, not the one just bound), or **kwargs.
        var reasonIndex = args.Args.Select((a, i) => (a.Name, Index: args.PosOnlyArgs.Length + i)).FirstOrDefault(p => p.Name == "reason").Index;
        var reasonPositional = args.Args.Any(a => a.Name == "reason");
        var reasonKwOnly = args.KwOnlyArgs.Any(a => a.Name == "reason");
        if (reasonPositional && reasonIndex < bound) return false; // multiple values for 'reason'
        if (!reasonPositional && !reasonKwOnly && args.KwArg is null) return false;
        // Every other parameter without a default must be bound.
        for (var i = bound; i < positional.Count; i++)
        {
            var hasDefault = i >= positional.Count - defaults;
            if (!hasDefault && !(reasonPositional && i == reasonIndex)) return false;
        }
        for (var i = 0; i < args.KwOnlyArgs.Length; i++)
            if (args.KwDefaults[i] is null && args.KwOnlyArgs[i].Name != "reason") return false;
        return true;
    }
}
