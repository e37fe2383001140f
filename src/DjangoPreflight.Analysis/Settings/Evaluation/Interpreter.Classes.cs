using System.Collections.Immutable;
using DjangoPreflight.Python.Ast;
using Ast = DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>
/// Classes as settings use them: a body run in its own namespace (a later attribute may use an
/// earlier one), methods bound to instances, @staticmethod/@classmethod/@property, an __init__
/// that sets attributes on self, and decorators (typing.overload and functools' caches leave the
/// function as it is; a project decorator is called; any other makes the function unknown).
/// </summary>
internal sealed partial class Interpreter
{
    private PyValue MakeClass(ClassDef c)
    {
        var bases = c.Bases.Select(Eval).ToList();
        var pydantic = bases.Any(b => b is PyBuiltin { Name: "pydantic.BaseSettings" } || b is PyClass { IsPydanticSettings: true });
        var configuration = bases.Any(b => b is PyBuiltin { Name: "configurations.Configuration" } || b is PyClass { IsConfiguration: true });
        var attributes = new List<KeyValuePair<string, PyValue>>();
        var annotations = new List<KeyValuePair<string, string?>>();
        var sources = ImmutableDictionary.CreateBuilder<string, Binding>(StringComparer.Ordinal);
        // Python's method resolution order puts the first base last here: what it sets wins.
        foreach (var b in bases.OfType<PyClass>().Reverse())
        {
            attributes.AddRange(b.Attributes);
            annotations.AddRange(b.Annotations);
            foreach (var (k, v) in b.Sources) sources[k] = v;
        }
        foreach (var stmt in c.Body)
            if (stmt is AnnAssign { Target: Name n } a)
                annotations.Add(new(n.Id, _run.Parsed.Get(File)?.GetSourceText(a.Annotation)));
        foreach (var (name, binding) in RunClassBody(c))
        {
            var value = binding.Value;
            attributes.Add(new(name, value));
            sources[name] = binding;
            // pydantic v1's inner `class Config:` options, read as Config.<name>.
            if (name == "Config" && value is PyClass config)
                attributes.AddRange(config.Attributes.Where(kv => kv.Value is not PyFunction).Select(kv => new KeyValuePair<string, PyValue>("Config." + kv.Key, kv.Value)));
        }
        return new PyClass(c.Name, attributes, annotations, pydantic) { IsConfiguration = configuration, Sources = sources.ToImmutable() };
    }

    /// <summary>Runs the class body in a namespace of its own and returns what it bound, in order.</summary>
    private IEnumerable<KeyValuePair<string, Binding>> RunClassBody(ClassDef c)
    {
        var savedLocals = _locals;
        var savedGlobal = _declaredGlobal;
        _locals = new Dictionary<string, Binding>(StringComparer.Ordinal);
        _declaredGlobal = null;
        try
        {
            foreach (var stmt in c.Body)
            {
                try
                {
                    ExecStatement(stmt);
                }
                catch (PyRaise e)
                {
                    foreach (var name in AssignedNames([stmt]))
                        Bind(name, new PyUnknown($"raises {e.Type}: {e.Message}"), stmt);
                }
            }
            return _locals.ToList();
        }
        finally
        {
            _locals = savedLocals;
            _declaredGlobal = savedGlobal;
        }
    }

    /// <summary>A def with its decorators applied, innermost first.</summary>
    private PyValue DecoratedFunction(FunctionDef f)
    {
        PyValue fn = MakeFunction(f.Name, f.Args, f.Body, null);
        for (var i = f.DecoratorList.Length - 1; i >= 0; i--)
            fn = Decorate(f.DecoratorList[i], fn, f);
        return fn;
    }

    private PyValue Decorate(Expression decorator, PyValue fn, FunctionDef f)
    {
        var name = decorator is Ast.Call call ? Snippet(call.Func) : Snippet(decorator);
        var last = name[(name.LastIndexOf('.') + 1)..];
        // Decorators that return the function itself, or a cached wrapper that computes the same.
        if (last is "overload" or "cache" or "lru_cache" or "cached_property" or "final" or "override" or "no_type_check" or "wraps")
            return last == "cached_property" && fn is PyFunction cp ? cp with { Kind = MethodKind.Property } : fn;
        var d = Eval(decorator);
        return (d, fn) switch
        {
            (PyBuiltin { Name: "staticmethod" }, PyFunction sf) => sf with { Kind = MethodKind.Static },
            (PyBuiltin { Name: "classmethod" }, PyFunction cf) => cf with { Kind = MethodKind.Class },
            (PyBuiltin { Name: "property" }, PyFunction pf) => pf with { Kind = MethodKind.Property },
            (PyFunction or PyBound or PyClass, _) => Call(d, new CallArgs([fn], []), f),
            _ => new PyUnknown($"{f.Name} is decorated by {name}, which is not evaluated"),
        };
    }

    private PyValue Instantiate(PyClass cls, CallArgs args, Node at)
    {
        var attrs = ImmutableDictionary.CreateBuilder<string, PyValue>(StringComparer.Ordinal);
        foreach (var (k, v) in cls.Attributes)
            if (v is not PyFunction) attrs[k] = v;
        if (cls.IsPydanticSettings)
            return Pydantic(cls, args, attrs);
        var instance = new PyInstance(cls.Name, attrs.ToImmutable()) { Class = cls };
        if (ClassAttribute(cls, "__init__") is not PyFunction init) return instance;
        // __init__ sets attributes on self: the instance is what self holds when it returns.
        PyValue? self = null;
        Invoke(init, new CallArgs([instance, .. args.Positional], args.Keywords), at,
            frame => self = init.Args.PosOnlyArgs.Concat(init.Args.Args).FirstOrDefault() is { } p && frame.TryGetValue(p.Name, out var b) ? b.Value : null);
        return self ?? new PyUnknown($"instance of {cls.Name} (its __init__ is not evaluated)");
    }

    private static PyValue? ClassAttribute(PyClass cls, string name)
    {
        PyValue? found = null;
        foreach (var (k, v) in cls.Attributes)
            if (k == name) found = v;
        return found;
    }

    /// <summary>What <c>obj.attr</c> gives for an attribute found on the class: functions bind to their receiver.</summary>
    private PyValue BindAttribute(PyValue receiver, PyValue value, Node at) => value switch
    {
        PyFunction { Kind: MethodKind.Static } => value,
        PyFunction { Kind: MethodKind.Class } f => new PyBound(receiver is PyInstance { Class: { } c } ? c : receiver, f),
        PyFunction { Kind: MethodKind.Property } f when receiver is PyInstance => Invoke(f, new CallArgs([receiver], []), at),
        PyFunction f when receiver is PyInstance => new PyBound(receiver, f),
        _ => value,
    };

    private PyValue InstanceAttribute(PyInstance inst, string attr, Node at)
    {
        if (inst.Attributes.TryGetValue(attr, out var v) && v is not PyFunction) return v;
        if (inst.Class is { } cls)
        {
            if (ClassAttribute(cls, attr) is { } member) return BindAttribute(inst, member, at);
            if (ClassAttribute(cls, "__getattr__") is PyFunction getattr)
                return Invoke(getattr, new CallArgs([inst, new PyStr(attr)], []), at);
        }
        return new PyUnknown($"{inst.ClassName}.{attr} is not known");
    }
}
