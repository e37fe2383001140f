using System.Collections.Immutable;
using System.Numerics;
using DjangoPreflight.Python.Ast;
using Ast = DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

internal sealed partial class Interpreter
{
    private const int MaxExpressionDepth = 150;

    private PyValue Eval(Expression e)
    {
        Step();
        if (++_depth > MaxExpressionDepth)
        {
            _depth--;
            return new PyUnknown("expression nested too deeply");
        }
        try
        {
            return EvalCore(e);
        }
        finally
        {
            _depth--;
        }
    }

    private PyValue EvalCore(Expression e)
    {
        switch (e)
        {
            case Constant c: return FromConstant(c.Value);
            case Name n: return LoadName(n);
            case Ast.Attribute a: return GetAttr(Eval(a.Value), a.Attr, a);
            case Subscript s: return EvalSubscript(s);
            case BinOp b: return BinaryOp(Eval(b.Left), b.Op, Eval(b.Right));
            case UnaryOp u: return UnaryOperation(u.Op, Eval(u.Operand));
            case BoolOp b: return EvalBoolOp(b);
            case Compare c: return EvalCompare(c);
            case IfExp i:
            {
                var test = Eval(i.Test);
                return test.Truthy switch
                {
                    true => Eval(i.Body),
                    false => Eval(i.OrElse),
                    _ when test is PyOverridable { Repository.Truthy: bool without } o
                        => Overridden(o.File, o.Reason, Eval(without ? i.Body : i.OrElse)),
                    _ => SameOrUnknown(Eval(i.Body), Eval(i.OrElse), $"condition `{Snippet(i.Test)}` at {Where(i)} is unknown"),
                };
            }
            case Ast.List l: return EvalElements(l.Elts, spread: true) is { } li ? Py.List(li) : new PyUnknown("list with an unknown *-unpacking");
            case Ast.Tuple t: return EvalElements(t.Elts, spread: true) is { } ti ? Py.Tuple(ti) : new PyUnknown("tuple with an unknown *-unpacking");
            case Ast.Set s: return EvalElements(s.Elts) is { } si ? Py.Set(si) : new PyUnknown("set with an unknown *-unpacking");
            case Ast.Dict d: return EvalDict(d);
            case JoinedStr j: return EvalFString(j);
            case FormattedValue f: return FormatField(Eval(f.Value), f.Conversion, f.FormatSpec);
            case Call c: return EvalCall(c);
            case Lambda l: return MakeFunction("<lambda>", l.Args, [], l.Body);
            case NamedExpr n:
            {
                var v = Eval(n.Value);
                AssignTo(n.Target, v, n);
                return v;
            }
            case ListComp c: return Comprehension(c.Generators, () => [Eval(c.Elt)]) is { } lc ? Py.List(lc) : new PyUnknown($"comprehension over an unknown value at {Where(c)}");
            case SetComp c: return Comprehension(c.Generators, () => [Eval(c.Elt)]) is { } sc ? Py.Set(sc) : new PyUnknown($"comprehension over an unknown value at {Where(c)}");
            case GeneratorExp c: return Comprehension(c.Generators, () => [Eval(c.Elt)]) is { } gc ? Py.List(gc) : new PyUnknown($"generator over an unknown value at {Where(c)}");
            case DictComp c:
            {
                var items = Comprehension(c.Generators, () => [Eval(c.Key), Eval(c.Value)]);
                if (items is null) return new PyUnknown($"comprehension over an unknown value at {Where(c)}");
                var entries = new List<KeyValuePair<PyValue, PyValue>>();
                for (var i = 0; i + 1 < items.Count; i += 2) entries.Add(new(items[i], items[i + 1]));
                return Py.Dict(entries);
            }
            case Starred s: return Eval(s.Value);
            default: return new PyUnknown($"{e.GetType().Name} expression is not evaluated");
        }
    }

    private static PyValue FromConstant(object? v) => v switch
    {
        null => PyNone.Instance,
        bool b => Py.Bool(b),
        long l => new PyInt(l),
        int i => new PyInt(i),
        BigInteger bi => new PyInt(bi),
        double d => new PyFloat(d),
        string s => Py.Str(s),
        ImmutableArray<byte> bytes => new PyBytes(bytes),
        _ => new PyUnknown($"literal {v} is not modelled"),
    };

    private static PyValue SameOrUnknown(PyValue a, PyValue b, string why) =>
        Py.Equal(a, b) == true ? a : UnknownItems.Join(a, b, why) ?? new PyUnknown(why);

    private PyValue LoadName(Name n)
    {
        if (Lookup(n.Id) is { } b)
        {
            _reads.UnionWith(b.Deps);
            return b.Value;
        }
        if (KnownModules.Builtin(n.Id) is { } builtin) return builtin;
        if (_globals.Havoc is { } havoc)
            return new PyUnknown($"{n.Id} {havoc}");
        throw new PyRaise("NameError", $"name '{n.Id}' is not defined", Where(n));
    }

    /// <summary>Elements of a display, with *-unpacking; null when an unpacked value is unknown, unless
    /// <paramref name="spread"/> (a list or tuple display) keeps it as unknown items beside the known ones.</summary>
    private List<PyValue>? EvalElements(ImmutableArray<Expression> elts, bool spread = false)
    {
        var items = new List<PyValue>();
        foreach (var elt in elts)
        {
            if (elt is Starred s)
            {
                var value = Eval(s.Value);
                var inner = spread ? UnknownItems.Spread(value, $"items of `*{Snippet(s.Value)}` at {Where(s)}") ?? Iterate(value) : Iterate(value);
                if (inner is null) return null;
                items.AddRange(inner);
            }
            else items.Add(Eval(elt));
        }
        return items;
    }

    private PyValue EvalDict(Ast.Dict d)
    {
        var entries = new List<KeyValuePair<PyValue, PyValue>>();
        for (var i = 0; i < d.Values.Length; i++)
        {
            if (d.Keys[i] is null)
            {
                if (Eval(d.Values[i]) is not PyDict m) return new PyUnknown($"dict with an unknown **-unpacking at {Where(d)}");
                entries.AddRange(m.Entries);
            }
            else
            {
                var k = Eval(d.Keys[i]!);
                entries.Add(new(k, Eval(d.Values[i])));
            }
        }
        return Py.Dict(entries);
    }

    private PyValue EvalBoolOp(BoolOp b, int first = 0)
    {
        var value = Eval(b.Values[first]);
        for (var i = first + 1; i < b.Values.Length; i++)
        {
            var t = value.Truthy;
            if (t is null && value is PyOverridable { Repository.Truthy: bool without } o)
            {
                // Without the local file the fallback decides: it is the result, or the rest is.
                if (b.Op == BoolOperator.And ? !without : without) return o;
                return Overridden(o.File, o.Reason, EvalBoolOp(b, i));
            }
            if (t is null) return new PyUnknown($"`{Snippet(b)}` depends on an unknown value" + (value is PyUnknown u ? $" ({u.Reason})" : ""));
            if (b.Op == BoolOperator.And ? t == false : t == true) return value;
            value = Eval(b.Values[i]);
        }
        return value;
    }

    private PyValue EvalCompare(Compare c)
    {
        var left = Eval(c.Left);
        PyValue result = Py.True;
        for (var i = 0; i < c.Ops.Length; i++)
        {
            var right = Eval(c.Comparators[i]);
            var r = CompareOp(left, c.Ops[i], right);
            if (r is null && c.Ops.Length == 1 && OverridableCompare(left, c.Ops[i], right, $"comparison `{Snippet(c)}` depends on a local file") is { } lifted)
                return lifted;
            if (r is null) return new PyUnknown($"comparison `{Snippet(c)}` involves an unknown value" + (left is PyUnknown u ? $" ({u.Reason})" : right is PyUnknown v ? $" ({v.Reason})" : ""));
            if (r == false) return Py.False;
            left = right;
        }
        return result;
    }

    private bool? CompareOp(PyValue a, CmpOperator op, PyValue b)
    {
        if (op is CmpOperator.Eq or CmpOperator.NotEq && ArgvWordTest(a, b) is { } differs)
            return op == CmpOperator.NotEq ? differs : !differs;
        switch (op)
        {
            case CmpOperator.Eq: return Py.Equal(a, b);
            case CmpOperator.NotEq: return !Py.Equal(a, b);
            case CmpOperator.Is: return Identity(a, b);
            case CmpOperator.IsNot: return !Identity(a, b);
            case CmpOperator.In: return Contains(b, a);
            case CmpOperator.NotIn: return !Contains(b, a);
        }
        var cmp = Order(a, b);
        if (cmp is null)
        {
            if (a is PyUnknown || b is PyUnknown) return null;
            throw new PyRaise("TypeError", $"'{op}' not supported between instances of '{Py.TypeName(a)}' and '{Py.TypeName(b)}'");
        }
        return op switch
        {
            CmpOperator.Lt => cmp < 0,
            CmpOperator.LtE => cmp <= 0,
            CmpOperator.Gt => cmp > 0,
            _ => cmp >= 0,
        };
    }

    /// <summary>True when a part of the serving process's argv is compared with manage.py words (they differ), else null.</summary>
    private static bool? ArgvWordTest(PyValue a, PyValue b)
    {
        var (argv, other) = a is PyArgv ? (a, b) : (b, a);
        if (argv is not PyArgv { Part: true }) return null;
        return other is PyStr || other.AsStrings is { Count: > 0 } ? true : null;
    }

    private static bool? Identity(PyValue a, PyValue b)
    {
        if (a is PyUnknown || b is PyUnknown) return null;
        return (a, b) switch
        {
            (PyNone, PyNone) => true,
            (PyNone, _) or (_, PyNone) => false,
            (PyBool x, PyBool y) => x.Value == y.Value,
            (PyBool, _) or (_, PyBool) => false,
            _ => null, // identity of other objects is not something settings should rely on
        };
    }

    /// <summary>Python ordering of two values (-1/0/1), or null when not comparable or unknown.</summary>
    internal static int? Order(PyValue a, PyValue b)
    {
        if (Py.Number(a) is { } x && Py.Number(b) is { } y) return x.CompareTo(y);
        if (a is PyFloat || b is PyFloat)
            return Py.AsDouble(a) is { } fa && Py.AsDouble(b) is { } fb ? fa.CompareTo(fb) : null;
        if (a is PyStr s && b is PyStr t) return Math.Sign(string.CompareOrdinal(s.Value, t.Value));
        if (a.AsSequence is { } la && b.AsSequence is { } lb && a.GetType() == b.GetType() && a is not PySet)
        {
            for (var i = 0; i < Math.Min(la.Length, lb.Length); i++)
            {
                var eq = Py.Equal(la[i], lb[i]);
                if (eq is null) return null;
                if (eq == false) return Order(la[i], lb[i]);
            }
            return la.Length.CompareTo(lb.Length);
        }
        return null;
    }

    private bool? Contains(PyValue container, PyValue item)
    {
        switch (container)
        {
            case PyModuleRef { Name: "os.environ" }:
                if (item is not PyStr key) return null;
                _reads.Add(key.Value);
                return _run.GetEnv(key.Value) is not null;
            case PyArgv:
                return item is PyStr ? false : null;
            case PyEnvReader:
                if (item is not PyStr k2) return null;
                _reads.Add(k2.Value);
                return _run.GetEnv(k2.Value) is not null;
            case PyStr s:
                return item is PyStr sub ? s.Value.Contains(sub.Value, StringComparison.Ordinal) : item is PyUnknown ? null : throw new PyRaise("TypeError", "'in <string>' requires string as left operand");
            case PyDict d:
            {
                var any = false;
                foreach (var (k, _) in d.Entries)
                {
                    var eq = Py.Equal(k, item);
                    if (eq == true) return true;
                    if (eq is null) any = true;
                }
                return any ? null : false;
            }
            case PyList or PyTuple or PySet:
            {
                var any = false;
                foreach (var x in container.AsSequence!.Value)
                {
                    var eq = Py.Equal(x, item);
                    if (eq == true) return true;
                    if (eq is null) any = true;
                }
                return any ? null : false;
            }
            default:
                return null;
        }
    }

    private PyValue EvalSubscript(Subscript s)
    {
        var obj = Eval(s.Value);
        if (obj is PyArgv)
        {
            if (s.Slice is not Slice) Eval(s.Slice);
            return new PyArgv(Part: true);
        }
        if (s.Slice is Slice sl)
        {
            var lower = sl.Lower is null ? null : Eval(sl.Lower);
            var upper = sl.Upper is null ? null : Eval(sl.Upper);
            var step = sl.Step is null ? null : Eval(sl.Step);
            return Methods.Slice(obj, lower, upper, step);
        }
        return GetItem(obj, Eval(s.Slice), s);
    }

    private PyValue GetItem(PyValue obj, PyValue key, Node at)
    {
        switch (obj)
        {
            case PyModuleRef { Name: "os.environ" }:
                if (key is not PyStr name) return new PyUnknown("os.environ[...] with an unknown name");
                _reads.Add(name.Value);
                return _run.GetEnv(name.Value) is { } v ? Py.Str(v)
                    : throw new PyRaise("KeyError", $"os.environ['{name.Value}'] raises KeyError when {name.Value} is not set", Where(at)) { Deliberate = true, Variable = name.Value };
            case PyDict d:
            {
                if (key is PyUnknown u) return new PyUnknown($"dict lookup with an unknown key ({u.Reason})");
                PyValue? found = null;
                var unsure = false;
                foreach (var (k, dv) in d.Entries)
                {
                    var eq = Py.Equal(k, key);
                    if (eq == true) found = dv;
                    else if (eq is null) unsure = true;
                }
                if (found is not null) return found;
                if (unsure) return new PyUnknown("dict lookup where a key is unknown");
                throw new PyRaise("KeyError", Py.Repr(key) ?? "?", Where(at));
            }
            case PyList or PyTuple:
            {
                var items = obj.AsSequence!.Value;
                if (key is PyUnknown) return new PyUnknown("index is unknown");
                if (UnknownItems.Has(items)) return new PyUnknown($"an item of a {Py.TypeName(obj)} that holds unknown items");
                if (Py.Number(key) is not { } idx) throw new PyRaise("TypeError", "indices must be integers");
                var i = (int)(idx < 0 ? idx + items.Length : idx);
                if (i < 0 || i >= items.Length) throw new PyRaise("IndexError", "index out of range", Where(at));
                return items[i];
            }
            case PyStr str:
            {
                if (key is PyUnknown) return new PyUnknown("index is unknown");
                if (Py.Number(key) is not { } idx) throw new PyRaise("TypeError", "string indices must be integers");
                var i = (int)(idx < 0 ? idx + str.Value.Length : idx);
                if (i < 0 || i >= str.Value.Length) throw new PyRaise("IndexError", "string index out of range", Where(at));
                return new PyStr(str.Value[i].ToString());
            }
            case PyInstance inst when key is PyStr ks && inst.Attributes.TryGetValue(ks.Value, out var iv):
                return iv;
            case PyGlobals g:
                if (key is not PyStr gk) return new PyUnknown("globals()[...] with an unknown name");
                if (g.Scope.Names.TryGetValue(gk.Value, out var gb)) return gb.Value;
                if (g.Scope.Havoc is { } havoc) return new PyUnknown($"{gk.Value} {havoc}");
                throw new PyRaise("KeyError", Py.Repr(key) ?? "?", Where(at));
            case PyModuleRef { Name: "sys.modules" }:
                return key is PyStr mk && _run.Index.PathOf(mk.Value) is not null ? ResolveModule(mk.Value, at) : new PyUnknown("sys.modules[...] of a module that is not the project's");
            case PyUnknown u:
                return u;
            default:
                return new PyUnknown($"subscript of {Py.TypeName(obj)} is not modelled");
        }
    }

    private PyValue GetAttr(PyValue obj, string attr, Node at)
    {
        switch (obj)
        {
            case PyUnknown u:
                return u;
            case PyModuleRef m:
                if (m.Name == "os.environ") return new PyBuiltin("os.environ." + attr);
                return ModuleAttribute(m.Name, attr, m.Modelled);
            case PyProjectModule pm:
                if (pm.Scope.Names.TryGetValue(attr, out var b))
                {
                    _reads.UnionWith(b.Deps);
                    return b.Value;
                }
                if (_run.Index.PathOf($"{pm.Name}.{attr}") is not null)
                    return new PyProjectModule($"{pm.Name}.{attr}", _run.Import($"{pm.Name}.{attr}")!);
                if (pm.Scope.Havoc is not null || _run.IsRunning(pm.Name)) return new PyUnknown($"{pm.Name}.{attr} could not be resolved");
                throw new PyRaise("AttributeError", $"module '{pm.Name}' has no attribute '{attr}'");
            case PyInstance inst:
                return InstanceAttribute(inst, attr, at);
            case PyGlobals g:
                return new PyBuiltin("globals." + attr, g);
            case PyFile f:
                return new PyBuiltin("file." + attr, f);
            case PyClass cls:
                return ClassAttribute(cls, attr) is { } member ? BindAttribute(cls, member, at) : new PyUnknown($"{cls.Name}.{attr} is not known");
            case PyBuiltin bi when bi.Self is null:
                return new PyBuiltin($"{bi.Name}.{attr}");
            case PyEnvReader:
                return new PyBuiltin("environ.Env." + attr, obj);
            case PyEnvironPath ep:
                return attr == "root" ? new PyStr(ep.Root) : new PyBuiltin("environ.Path." + attr, obj);
            case PyPath p:
                return Methods.PathAttribute(p, attr);
            case PyUrl url:
                return url.Parts.Attribute(attr);
            case PyStr or PyList or PyDict or PySet or PyTuple or PyInt or PyFloat or PyBool or PyBytes:
                return new PyBuiltin($"{Py.TypeName(obj)}.{attr}", obj);
            default:
                return new PyUnknown($"attribute {attr} of {Py.TypeName(obj)} is not modelled");
        }
    }

    private PyValue BinaryOp(PyValue a, Operator op, PyValue b)
    {
        if (op == Operator.Add && UnknownItems.Concat(a, b) is { } concatenated) return concatenated;
        if (a is PyUnknown ua) return ua;
        if (b is PyUnknown ub) return ub;
        return Methods.Binary(a, op, b) ?? throw new PyRaise("TypeError", $"unsupported operand types for {op}: '{Py.TypeName(a)}' and '{Py.TypeName(b)}'");
    }

    /// <summary><c>x op= y</c>: lists extend in place (any iterable on the right), otherwise the binary operator.</summary>
    private PyValue AugmentedOp(PyValue old, Operator op, PyValue rhs)
    {
        if (op == Operator.Add && old is PyList l)
        {
            if (rhs is PyUnknown) return UnknownItems.Concat(l, rhs)!;
            return Iterate(rhs) is { } items ? Py.List(l.Items.Concat(items)) : new PyUnknown($"list extended with {Py.TypeName(rhs)}");
        }
        if (op == Operator.BitOr && old is PyDict d && rhs is PyDict e)
            return Py.Dict(d.Entries.Concat(e.Entries));
        return BinaryOp(old, op, rhs);
    }

    private static PyValue UnaryOperation(UnaryOperator op, PyValue v)
    {
        if (op == UnaryOperator.Not && v is PyOverridable { Repository.Truthy: bool without } o)
            return new PyOverridable(o.Reason, Py.Bool(!without), o.File);
        if (v is PyUnknown u) return op == UnaryOperator.Not ? new PyUnknown($"`not` of an unknown value ({u.Reason})") : u;
        switch (op)
        {
            case UnaryOperator.Not: return Py.Bool(v.Truthy == false);
            case UnaryOperator.USub:
                if (Py.Number(v) is { } n) return new PyInt(-n);
                if (v is PyFloat f) return new PyFloat(-f.Value);
                break;
            case UnaryOperator.UAdd:
                if (Py.Number(v) is { } p) return new PyInt(p);
                if (v is PyFloat) return v;
                break;
            case UnaryOperator.Invert:
                if (Py.Number(v) is { } q) return new PyInt(-q - 1);
                if (v is PyEnvironPath ep) return new PyEnvironPath(Methods.NormPath(ep.Root + "/.."));
                break;
        }
        throw new PyRaise("TypeError", $"bad operand type for unary {op}: '{Py.TypeName(v)}'");
    }

    /// <summary>The items of an iterable, or null when it cannot be told.</summary>
    internal static IReadOnlyList<PyValue>? Iterate(PyValue v) => v switch
    {
        PyList or PyTuple when UnknownItems.Has(v) => null,
        PyList l => l.Items,
        PyTuple t => t.Items,
        PySet s => s.Items,
        PyDict d => d.Entries.Select(e => e.Key).ToList(),
        PyStr s => s.Value.Select(c => (PyValue)new PyStr(c.ToString())).ToList(),
        _ => null,
    };

    private List<PyValue>? Comprehension(ImmutableArray<Ast.Comprehension> gens, Func<PyValue[]> produce)
    {
        // Comprehensions have their own scope in Python 3: run them in a throwaway local frame.
        var savedLocals = _locals;
        _locals = savedLocals is null ? new Dictionary<string, Binding>(StringComparer.Ordinal) : new Dictionary<string, Binding>(savedLocals, StringComparer.Ordinal);
        var savedGlobalDecl = _declaredGlobal;
        _declaredGlobal = null;
        try
        {
            var output = new List<PyValue>();
            return Generate(gens, 0, produce, output) ? output : null;
        }
        finally
        {
            _locals = savedLocals;
            _declaredGlobal = savedGlobalDecl;
        }
    }

    private bool Generate(ImmutableArray<Ast.Comprehension> gens, int index, Func<PyValue[]> produce, List<PyValue> output)
    {
        if (index == gens.Length)
        {
            output.AddRange(produce());
            return output.Count <= Py.MaxItems;
        }
        var gen = gens[index];
        var items = Iterate(Eval(gen.Iter));
        if (items is null) return false;
        foreach (var item in items)
        {
            Step();
            AssignTo(gen.Target, item, gen);
            var keep = true;
            foreach (var cond in gen.Ifs)
            {
                var t = Eval(cond).Truthy;
                if (t is null) return false;
                if (t == false) { keep = false; break; }
            }
            if (keep && !Generate(gens, index + 1, produce, output)) return false;
        }
        return true;
    }

    // ---- assignment ----

    private void AssignTo(Expression target, PyValue value, Node at)
    {
        switch (target)
        {
            case Name n:
                if (n.Id == "__file__" || n.Id == "__name__") return;
                Bind(n.Id, value, at);
                return;
            case Ast.Tuple or Ast.List:
            {
                var elts = target is Ast.Tuple t ? t.Elts : ((Ast.List)target).Elts;
                var items = Iterate(value);
                var star = elts.IndexOf(elts.FirstOrDefault(x => x is Starred)!);
                if (items is null || (star < 0 ? items.Count != elts.Length : items.Count < elts.Length - 1))
                {
                    if (items is not null && value is not PyUnknown)
                        throw new PyRaise("ValueError", $"cannot unpack {items.Count} values into {elts.Length} targets");
                    foreach (var elt in elts) AssignTo(elt is Starred st ? st.Value : elt, new PyUnknown("unpacking of an unknown value"), at);
                    return;
                }
                if (star < 0)
                {
                    for (var i = 0; i < elts.Length; i++) AssignTo(elts[i], items[i], at);
                    return;
                }
                var after = elts.Length - star - 1;
                for (var i = 0; i < star; i++) AssignTo(elts[i], items[i], at);
                AssignTo(((Starred)elts[star]).Value, Py.List(items.Skip(star).Take(items.Count - star - after)), at);
                for (var i = 0; i < after; i++) AssignTo(elts[star + 1 + i], items[items.Count - after + i], at);
                return;
            }
            case Starred s:
                AssignTo(s.Value, value, at);
                return;
            case Subscript or Ast.Attribute:
                Mutate(target, _ => value, at, inPlace: false, replaces: true);
                return;
        }
    }

    /// <summary>
    /// Changes what <paramref name="target"/> (a name, or an item/attribute path under a name) holds,
    /// by rebuilding the containers along the path and rebinding the root name. Aliases of the same
    /// list are not followed; settings rarely rely on them.
    /// </summary>
    /// <param name="inPlace">True when the object the target holds is changed in place (a list append,
    /// an item set): every other name bound to that same object sees the change, as in Python.</param>
    private void Mutate(Expression target, Func<PyValue?, PyValue> update, Node at, bool inPlace, bool replaces = false)
    {
        switch (target)
        {
            case Name n:
                var current = Lookup(n.Id);
                if (current is not null) _reads.UnionWith(current.Deps);
                var updated = update(current?.Value);
                if (inPlace && current is not null) _run.ReplaceIdentity(current.Value, updated, _locals);
                Bind(n.Id, updated, at);
                return;
            case Subscript { Value: Ast.Attribute { Attr: "environ", Value: Name { Id: "os" } } } env:
            {
                var key = Eval(env.Slice);
                if (key is PyStr k && update(null) is var v)
                    _run.SetEnv(k.Value, v is PyStr sv ? sv.Value : null);
                return;
            }
            case Subscript { Value: Call { Func: Ast.Attribute { Attr: "setdefault" } sd, Args.Length: >= 1 } call } s when RootName(sd.Value) is not null:
            {
                // d.setdefault(k, {})[key] = v: the item under k (created if missing) is changed in place.
                var k = Eval(call.Args[0]);
                var dflt = call.Args.Length > 1 ? Eval(call.Args[1]) : PyNone.Instance;
                var key = Eval(s.Slice);
                Mutate(sd.Value, container => SetItem(container, k,
                    inner => SetItem(inner ?? dflt, key, update, at, replaces, inPlace), at, replaces: true, itemInPlace: true), at, inPlace: true);
                return;
            }
            case Subscript { Value: Ast.Call } s when Eval(s.Value) is PyGlobals g:
                GlobalsMethod(g, "__setitem__", new CallArgs([Eval(s.Slice), update(null)], []), at);
                return;
            case Subscript s:
            {
                if (s.Slice is Slice)
                {
                    Havoc(s, at, "slice assignment is not modelled");
                    return;
                }
                var key = Eval(s.Slice);
                Mutate(s.Value, container => SetItem(container, key, update, at, replaces, inPlace), at, inPlace: true);
                return;
            }
            case Ast.Attribute a:
                Mutate(a.Value, obj => obj is PyInstance inst
                    ? inst with { Attributes = inst.Attributes.SetItem(a.Attr, update(inst.Attributes.GetValueOrDefault(a.Attr))) }
                    : obj ?? new PyUnknown("attribute of an undefined name"), at, inPlace: true);
                return;
            default:
                Havoc(target, at, "assignment target is not modelled");
                return;
        }
    }

    private PyValue SetItem(PyValue? container, PyValue key, Func<PyValue?, PyValue> update, Node at, bool replaces, bool itemInPlace)
    {
        switch (container)
        {
            case null:
                throw new PyRaise("NameError", "name is not defined", Where(at));
            case PyDict d:
            {
                if (key is PyUnknown) return new PyUnknown("dict item set with an unknown key");
                PyValue? old = null;
                foreach (var (k, v) in d.Entries)
                    if (Py.Equal(k, key) == true) old = v;
                if (old is null && !replaces)
                    throw new PyRaise("KeyError", Py.Repr(key) ?? "?", Where(at));
                var item = update(old);
                if (itemInPlace && old is not null) _run.ReplaceIdentity(old, item, _locals);
                return Py.Dict(d.Entries.Append(new(key, item)));
            }
            case PyList l:
            {
                if (Py.Number(key) is not { } idx) return new PyUnknown("list item set with an unknown index");
                var i = (int)(idx < 0 ? idx + l.Items.Length : idx);
                if (i < 0 || i >= l.Items.Length) throw new PyRaise("IndexError", "list assignment index out of range", Where(at));
                var item = update(l.Items[i]);
                if (itemInPlace) _run.ReplaceIdentity(l.Items[i], item, _locals);
                return new PyList(l.Items.SetItem(i, item));
            }
            case PyUnknown u:
                return u;
            default:
                return new PyUnknown($"item assignment on {Py.TypeName(container)} is not modelled");
        }
    }
}
