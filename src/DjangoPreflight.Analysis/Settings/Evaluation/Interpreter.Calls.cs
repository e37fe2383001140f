using System.Collections.Immutable;
using DjangoPreflight.Python.Ast;
using Ast = DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>Arguments of one call, positional then keyword, already evaluated.</summary>
internal sealed record CallArgs(IReadOnlyList<PyValue> Positional, IReadOnlyList<KeyValuePair<string, PyValue>> Keywords)
{
    /// <summary>The argument at <paramref name="index"/> or named <paramref name="name"/>, or null.</summary>
    public PyValue? Get(int index, string name)
    {
        if (index >= 0 && index < Positional.Count) return Positional[index];
        foreach (var (k, v) in Keywords)
            if (k == name) return v;
        return null;
    }

    public bool Has(int index, string name) => Get(index, name) is not null;
}

internal sealed partial class Interpreter
{
    internal static readonly HashSet<string> MutatingMethods = new(StringComparer.Ordinal)
    {
        "append", "extend", "insert", "remove", "pop", "clear", "update", "setdefault", "add", "discard", "sort", "reverse",
    };

    private PyValue EvalCall(Call c)
    {
        // Mutating methods on a list/dict/set held by a name: compute the new value and rebind.
        if (c.Func is Ast.Attribute { } m && MutatingMethods.Contains(m.Attr) && RootName(m.Value) is not null)
        {
            var receiver = Eval(m.Value);
            if (receiver is PyList or PyDict or PySet)
            {
                var margs = EvalArgs(c);
                if (margs is null)
                {
                    Havoc(m.Value, c, $"{m.Attr}() with unknown *args");
                    return new PyUnknown("call with unknown *args");
                }
                var (result, updated) = ContainerMethods.Mutate(receiver, m.Attr, margs, Iterate);
                Mutate(m.Value, _ => updated, c, inPlace: true);
                return result;
            }
            if (receiver is PyUnknown u)
            {
                // The container is unknown; it stays unknown, but now also depends on the arguments.
                EvalArgs(c);
                Mutate(m.Value, _ => u, c, inPlace: true);
                return new PyUnknown($"{m.Attr}() on an unknown value");
            }
        }
        var func = Eval(c.Func);
        var args = EvalArgs(c);
        if (args is null) return new PyUnknown($"call to {Snippet(c.Func)}() with unknown *args or **kwargs");
        return Call(func, args, c);
    }

    private CallArgs? EvalArgs(Call c)
    {
        var positional = new List<PyValue>();
        foreach (var a in c.Args)
        {
            if (a is Starred s)
            {
                if (Iterate(Eval(s.Value)) is not { } items) return null;
                positional.AddRange(items);
            }
            else positional.Add(Eval(a));
        }
        var keywords = new List<KeyValuePair<string, PyValue>>();
        foreach (var k in c.Keywords)
        {
            if (k.Name is null)
            {
                if (Eval(k.Value) is not PyDict d || d.Entries.Any(e => e.Key is not PyStr)) return null;
                keywords.AddRange(d.Entries.Select(e => new KeyValuePair<string, PyValue>(((PyStr)e.Key).Value, e.Value)));
            }
            else keywords.Add(new(k.Name, Eval(k.Value)));
        }
        return new CallArgs(positional, keywords);
    }

    internal PyValue Call(PyValue func, CallArgs args, Node at)
    {
        Step();
        if (func is PyModuleRef { Modelled: false } library && RandomSecrets.Of(library.Name, args) is { } random) return random;
        switch (func)
        {
            case PyUnknown u:
                HavocIfNamespacePassed(args, "an unknown function", at);
                return new PyUnknown($"call to an unknown function ({u.Reason})");
            case PyBuiltin { Self: PyGlobals g } gm:
                return GlobalsMethod(g, gm.Name[(gm.Name.LastIndexOf('.') + 1)..], args, at);
            case PyBuiltin { Self: PyFile file } fm:
                return FileMethod(file, fm.Name[(fm.Name.LastIndexOf('.') + 1)..]);
            case PyFunction f:
                return Invoke(f, args, at);
            case PyClass cls:
                return Instantiate(cls, args, at);
            case PyBound bound:
                return Invoke(bound.Function, new CallArgs([bound.Self, .. args.Positional], args.Keywords), at);
            case PyExceptionClass e:
                return e with { Message = args.Get(0, "message") is { } msg ? Py.ToStr(msg) ?? "" : "" };
            case PyBuiltin b:
                return CallBuiltin(b, args, at);
            case PyEnvReader env:
                return Environ("environ.Env.__call__", env, args, at);
            case PyEnvironPath path:
                return Environ("environ.Path.__call__", path, args, at);
            case PyCast cast:
                return ApplyCast(cast, args.Get(0, "value") ?? PyNone.Instance, at);
            case PyModuleRef m:
                HavocIfNamespacePassed(args, m.Name, at);
                return new PyUnknown($"call to {m.Name}() is not evaluated");
            default:
                return new PyUnknown($"call of a {Py.TypeName(func)} is not modelled");
        }
    }

    private PyFunction MakeFunction(string name, Arguments args, ImmutableArray<Statement> body, Expression? lambdaBody) =>
        new(name, args, body, lambdaBody,
            [.. args.Defaults.Select(Eval)],
            [.. args.KwDefaults.Select(d => d is null ? null : Eval(d))],
            _globals, File);

    /// <summary>Calls a function defined in the settings, in a fresh local frame, depth-limited.</summary>
    /// <param name="frameDone">Sees the callee's locals when it returns (what __init__ left in self).</param>
    private PyValue Invoke(PyFunction f, CallArgs args, Node at, Action<Dictionary<string, Binding>>? frameDone = null)
    {
        if (_run.CallDepth >= EvaluationRun.MaxCallDepth)
            return new PyUnknown($"calls nested deeper than {EvaluationRun.MaxCallDepth} (recursion?)");
        var locals = new Dictionary<string, Binding>(StringComparer.Ordinal);
        var deps = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, _reads);
        var parameters = f.Args.PosOnlyArgs.Concat(f.Args.Args).ToList();
        var firstDefault = parameters.Count - f.Defaults.Length;
        for (var i = 0; i < parameters.Count; i++)
        {
            var name = parameters[i].Name;
            PyValue? v = i < args.Positional.Count ? args.Positional[i] : null;
            foreach (var (k, kv) in args.Keywords)
                if (k == name) v = kv;
            v ??= i >= firstDefault ? f.Defaults[i - firstDefault] : null;
            if (v is null) throw new PyRaise("TypeError", $"{f.Name}() missing required argument '{name}'");
            locals[name] = new Binding(v, null, deps);
        }
        if (f.Args.VarArg is { } va)
            locals[va.Name] = new Binding(Py.Tuple(args.Positional.Skip(parameters.Count)), null, deps);
        else if (args.Positional.Count > parameters.Count)
            throw new PyRaise("TypeError", $"{f.Name}() takes {parameters.Count} positional arguments but {args.Positional.Count} were given");
        for (var i = 0; i < f.Args.KwOnlyArgs.Length; i++)
        {
            var name = f.Args.KwOnlyArgs[i].Name;
            var v = args.Keywords.FirstOrDefault(k => k.Key == name).Value ?? (i < f.KwDefaults.Length ? f.KwDefaults[i] : null);
            if (v is null) throw new PyRaise("TypeError", $"{f.Name}() missing keyword-only argument '{name}'");
            locals[name] = new Binding(v, null, deps);
        }
        var known = parameters.Select(p => p.Name).Concat(f.Args.KwOnlyArgs.Select(p => p.Name)).ToHashSet();
        var extra = args.Keywords.Where(k => !known.Contains(k.Key)).ToList();
        if (f.Args.KwArg is { } ka)
            locals[ka.Name] = new Binding(Py.Dict(extra.Select(e => new KeyValuePair<PyValue, PyValue>(new PyStr(e.Key), e.Value))), null, deps);
        else if (extra.Count > 0)
            throw new PyRaise("TypeError", $"{f.Name}() got an unexpected keyword argument '{extra[0].Key}'");

        // A function runs with the file it was defined in (a settings component's function called from
        // the module that included it), so what it sets is located, and quoted, from that file.
        var callee = ReferenceEquals(f.Globals, _globals) && f.File == File ? this
            : new Interpreter(_run, f.Globals, f.File == (f.Globals.Path ?? f.Globals.Module) ? null : f.File) { _reads = _reads, _control = _control };
        var result = callee.RunFrame(locals, f);
        frameDone?.Invoke(locals);
        return result;
    }

    private PyValue RunFrame(Dictionary<string, Binding> locals, PyFunction f)
    {
        var savedLocals = _locals;
        var savedGlobals = _declaredGlobal;
        var savedReturn = _returnValue;
        _locals = locals;
        _declaredGlobal = null;
        _returnValue = PyNone.Instance;
        _run.CallDepth++;
        try
        {
            if (f.LambdaBody is not null) return Eval(f.LambdaBody);
            var flow = ExecBlock(f.Body);
            return flow == Flow.Return ? _returnValue : PyNone.Instance;
        }
        finally
        {
            _run.CallDepth--;
            _locals = savedLocals;
            _declaredGlobal = savedGlobals;
            _returnValue = savedReturn;
        }
    }
}
