using DjangoPreflight.Python;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>
/// Statements that may set any name of a module: exec of code, writes through globals(),
/// setattr on the module object, a star import that cannot be read. When the evaluator can follow
/// them it does (exec of a known string runs it; globals()["X"] = v binds X); when it cannot, every
/// value the module holds becomes unknown with the reason, and so does every Django default
/// (<see cref="ModuleScope.Havoc"/>): what was not understood is never reported as a default.
/// </summary>
internal sealed partial class Interpreter
{
    /// <summary>Names that, anywhere in a block the evaluator cannot follow, mean it may write any global.</summary>
    private static readonly HashSet<string> WritesAnyGlobal = new(StringComparer.Ordinal) { "globals", "vars", "locals", "exec", "setattr" };

    /// <summary>Everything the module holds may have been changed by something not understood.</summary>
    private void HavocAll(string reason, Node at) => HavocScope(_globals, reason, Where(at));

    /// <param name="where">"file:line" of what was not understood, said in the notice.</param>
    private void HavocScope(ModuleScope scope, string reason, string where)
    {
        if (LocalFileBranch is { } file)
        {
            // The operator's override module: said once, as what it is, rather than as settings lost from here on.
            if (!_run.OverrideModules.Any(m => m.Path == file.Path)) _run.OverrideModules.Add(file);
            _run.Notices.Add($"{file.Path} is an optional override module ({file.HowLoaded}): "
                + "it may change any setting. The settings are judged as the repository sets them, which is what runs wherever it is missing or leaves a setting alone");
        }
        else _run.Notices.Add($"{where}: every setting of {scope.Module} from here on is unknown: it {reason}");
        var deps = _control.Union(_reads);
        foreach (var (name, binding) in scope.Names.ToList())
        {
            // Modules, functions and classes stay: rebinding them through exec is not something settings do.
            if (binding.Value is PyOpaque || name.StartsWith("__", StringComparison.Ordinal)) continue;
            var before = binding.Value is PyUnknown ? "" : $" (it was {Py.Repr(binding.Value) ?? Py.TypeName(binding.Value)} before)";
            scope.Names[name] = binding with { Value = new PyUnknown($"it {reason}{before}"), Deps = binding.Deps.Union(deps) };
        }
        scope.MarkHavoc(reason, LocalFileBranch);
    }

    /// <summary>Unknown code may run: every module still being imported may be its namespace.</summary>
    private void HavocRunning(string reason, Node at)
    {
        HavocAll(reason, at);
        foreach (var scope in _run.RunningScopes())
            if (!ReferenceEquals(scope, _globals)) HavocScope(scope, reason, Where(at));
    }

    /// <summary>True when a block the evaluator cannot follow may write any global by name.</summary>
    private static bool MayWriteAnyGlobal(IEnumerable<Statement> body) =>
        body.Any(s => AstWalker.DescendantsOfType<Name>(s).Any(n => WritesAnyGlobal.Contains(n.Id)));

    /// <summary>exec(code[, globals[, locals]]): a known string runs here; unknown code havocs the namespace it gets.</summary>
    private PyValue Exec(CallArgs args, Node at)
    {
        var code = args.Get(0, "source") ?? PyNone.Instance;
        var ns = args.Get(1, "globals");
        ModuleScope? target = ns switch
        {
            null when _locals is null => _globals,
            PyGlobals g => g.Scope,
            PyProjectModule m => m.Scope,
            _ => null,
        };
        if (target is null)
        {
            if (ns is PyDict) return PyNone.Instance; // a fresh dict namespace: nothing outside it changes
            HavocRunning($"may be set by exec() at {Where(at)} in a namespace that is not known", at);
            return PyNone.Instance;
        }
        if (code is PyStr text)
        {
            var parsed = PythonParser.Parse(text.Value, Where(at));
            if (!parsed.HasErrors)
            {
                var interpreter = ReferenceEquals(target, _globals) && _locals is null ? this : new Interpreter(_run, target) { _reads = _reads, _control = _control };
                interpreter.ExecBlock(parsed.Module.Body);
                return PyNone.Instance;
            }
        }
        var why = code is PyUnknown u ? $" ({u.Reason})" : "";
        HavocScope(target, $"may be set by exec() at {Where(at)} of code that is not known{why}", Where(at));
        return PyNone.Instance;
    }

    /// <summary>globals().update(...), .get(...), .setdefault(...) and friends.</summary>
    private PyValue GlobalsMethod(PyGlobals g, string method, CallArgs args, Node at)
    {
        switch (method)
        {
            case "get":
                return args.Get(0, "key") is PyStr k
                    ? g.Scope.Names.TryGetValue(k.Value, out var b) ? b.Value : args.Get(1, "default") ?? PyNone.Instance
                    : new PyUnknown("globals().get() with an unknown name");
            case "keys":
                return Py.List(g.Scope.Names.Keys.Select(k => (PyValue)new PyStr(k)));
            case "update" or "setdefault" or "__setitem__":
            {
                var pairs = method == "update"
                    ? (args.Get(0, "other") is PyDict d ? d.Entries.ToList() : args.Positional.Count == 0 ? [] : null)
                    : [new(args.Get(0, "key") ?? PyNone.Instance, args.Get(1, "value") ?? PyNone.Instance)];
                if (method == "update" && pairs is not null)
                    pairs.AddRange(args.Keywords.Select(kw => new KeyValuePair<PyValue, PyValue>(new PyStr(kw.Key), kw.Value)));
                if (pairs is null || pairs.Any(p => p.Key is not PyStr))
                {
                    HavocScope(g.Scope, $"may be set by globals().{method}() at {Where(at)} with names that are not known", Where(at));
                    return PyNone.Instance;
                }
                foreach (var (key, value) in pairs)
                {
                    var name = ((PyStr)key).Value;
                    if (method == "setdefault" && g.Scope.Names.ContainsKey(name)) continue;
                    BindIn(g.Scope, name, value, at);
                }
                return PyNone.Instance;
            }
            case "pop":
                if (args.Get(0, "key") is PyStr pk && g.Scope.Names.Remove(pk.Value, out var popped)) return popped.Value;
                return args.Get(1, "default") ?? new PyUnknown("globals().pop() of a name that is not known");
        }
        return new PyUnknown($"globals().{method}() is not modelled");
    }

    /// <summary>Binds a name in another module's namespace (globals() of a caller, setattr on a module).</summary>
    private void BindIn(ModuleScope scope, string name, PyValue value, Node at)
    {
        if (ReferenceEquals(scope, _globals) && _locals is null)
        {
            Bind(name, value, at);
            return;
        }
        var deps = _control.Union(_reads);
        scope.Names.Remove(name);
        scope.Names[name] = new Binding(value, Loc(at), deps);
    }

    /// <summary>Something we cannot follow received a module's namespace: it may set anything in it.</summary>
    private void HavocIfNamespacePassed(CallArgs args, string callee, Node at)
    {
        foreach (var a in args.Positional.Concat(args.Keywords.Select(k => k.Value)))
        {
            var scope = a switch
            {
                PyGlobals g => g.Scope,
                PyProjectModule m when _run.IsRunning(m.Name) => m.Scope,
                _ => null,
            };
            if (scope is not null)
                HavocScope(scope, $"may be set by {callee}() at {Where(at)}, which receives the module's namespace and is not evaluated", Where(at));
        }
    }

    /// <summary>Builtins that read or write namespaces or run code; null for every other builtin.</summary>
    private PyValue? NamespaceBuiltin(string name, CallArgs args, Node at)
    {
        var a0 = args.Get(0, "object");
        switch (name)
        {
            case "globals":
                return new PyGlobals(_globals);
            case "vars" or "locals" when args.Positional.Count == 0:
                return _locals is null ? new PyGlobals(_globals) : Py.Dict(_locals.Select(kv => new KeyValuePair<PyValue, PyValue>(new PyStr(kv.Key), kv.Value.Value)));
            case "vars" when a0 is PyProjectModule pm:
                return new PyGlobals(pm.Scope);
            case "vars" when a0 is PyClass cls:
                return Py.Dict(cls.Attributes.Select(kv => new KeyValuePair<PyValue, PyValue>(new PyStr(kv.Key), kv.Value)));
            case "vars" when a0 is PyInstance inst:
                return Py.Dict(inst.Attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new KeyValuePair<PyValue, PyValue>(new PyStr(kv.Key), kv.Value)));
            case "exec":
                return Exec(args, at);
            case "eval":
                return new PyUnknown($"eval() at {Where(at)} is not evaluated");
            case "compile":
                return args.Get(0, "source") is PyStr source ? source : new PyUnknown("compile() of code that is not known");
            case "setattr":
                if (a0 is PyProjectModule target && args.Get(1, "name") is var attr && args.Get(2, "value") is { } value)
                {
                    if (attr is PyStr an) BindIn(target.Scope, an.Value, value, at);
                    else HavocScope(target.Scope, $"may be set by setattr() at {Where(at)} with a name that is not known", Where(at));
                    return PyNone.Instance;
                }
                return null;
            case "open":
                return Open(args.Get(0, "file"), at);
            case "importlib.import_module":
            {
                if (args.Get(0, "name") is not PyStr wanted) return new PyUnknown("import_module() of a name that is not known");
                var dotted = wanted.Value;
                if (dotted.StartsWith('.'))
                {
                    var level = dotted.Length - dotted.TrimStart('.').Length;
                    var package = args.Get(1, "package") is PyStr p ? p.Value : null;
                    dotted = package is null ? "" : _run.Index.Absolute(package, true, level, dotted.TrimStart('.')) ?? "";
                    if (dotted.Length == 0) throw new PyRaise("TypeError", "relative import_module() needs a known package", Where(at));
                }
                return ImportByName(dotted, at, top: false);
            }
            case "__import__":
                return args.Get(0, "name") is PyStr module ? ImportByName(module.Value, at, top: true) : new PyUnknown("__import__() of a name that is not known");
        }
        return null;
    }
}
