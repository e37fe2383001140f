using System.Globalization;
using System.Numerics;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

internal sealed partial class Interpreter
{
    private PyValue CallBuiltin(PyBuiltin b, CallArgs args, Node at)
    {
        var name = b.Name;
        if (name.StartsWith("os.environ.", StringComparison.Ordinal) || name == "os.getenv" || name == "os.putenv")
            return OsEnviron(name, args, at);
        if (name.StartsWith("environ.", StringComparison.Ordinal)) return Environ(name, b.Self, args, at);
        if (name.StartsWith("decouple.", StringComparison.Ordinal)) return Decouple(name, args, at);
        if (name.StartsWith("dj_database_url.", StringComparison.Ordinal)) return DjDatabaseUrl(name, args, at);
        if (name == "pydantic.Field") return args.Get(0, "default") ?? (args.Get(-1, "default_factory") is { } f ? Call(f, new CallArgs([], []), at) : new PyUnknown("a required pydantic field"));
        if (name == "translation.gettext") return args.Get(0, "message") ?? PyNone.Instance;
        if (name.StartsWith("split_settings.", StringComparison.Ordinal)) return SplitSettings(name, args, at);
        if (name.StartsWith("configurations.values.", StringComparison.Ordinal)) return ConfigurationValue(name["configurations.values.".Length..], args);
        if (NamespaceBuiltin(name, args, at) is { } done) return done;

        // Everything below is pure: an unknown argument makes the result unknown.
        foreach (var a in args.Positional.Concat(args.Keywords.Select(k => k.Value)))
            if (a is PyUnknown u && name is not ("print" or "isinstance" or "len" or "dict" or "list" or "tuple"))
                return u;
        if (b.Self is not null) return Method(b.Self, name[(name.IndexOf('.') + 1)..], args, at);
        if (name.StartsWith("os.path.", StringComparison.Ordinal)) return OsPath(name[8..], args, at);
        switch (name)
        {
            case "pathlib.Path":
            {
                if (args.Positional.Count == 0) return new PyPath(".");
                var parts = args.Positional.Select(p => p is PyStr or PyPath ? Py.ToStr(p) : null).ToList();
                if (parts.Any(p => p is null)) throw new PyRaise("TypeError", "expected str or os.PathLike");
                return new PyPath(Methods.PurePath(parts.Aggregate("", (acc, p) => Methods.JoinPath(acc, p!))));
            }
            case "json.loads":
                return args.Get(0, "s") is PyStr js ? Json.Loads(js.Value) : new PyUnknown("json.loads of a non-string");
            case "distutils.strtobool":
            {
                var v = (Py.ToStr(args.Get(0, "val") ?? PyNone.Instance) ?? "").ToLowerInvariant();
                if (v is "y" or "yes" or "t" or "true" or "on" or "1") return new PyInt(1);
                if (v is "n" or "no" or "f" or "false" or "off" or "0") return new PyInt(0);
                throw new PyRaise("ValueError", $"invalid truth value '{v}'");
            }
            case "urllib.parse.urlparse" or "urllib.parse.urlsplit":
                return args.Get(0, "url") is PyStr us ? new PyUrl(UrlParts.Parse(us.Value)) : new PyUnknown("urlparse of a non-string");
            case "urllib.parse.unquote":
                return args.Get(0, "string") is PyStr uq ? Py.Str(UrlParts.Unquote(uq.Value, plus: false)) : new PyUnknown("unquote of a non-string");
            case "urllib.parse.unquote_plus":
                return args.Get(0, "string") is PyStr up ? Py.Str(UrlParts.Unquote(up.Value, plus: true)) : new PyUnknown("unquote of a non-string");
            case "print":
                return PyNone.Instance;
            case "collections.OrderedDict":
                return PythonBuiltin("dict", args, at) is PyDict ordered ? ordered with { TypeName = "OrderedDict" } : new PyUnknown("OrderedDict() of an unknown value");
            case "types.MappingProxyType":
                // A read-only view of one mapping: the mapping's entries, but not a dict.
                return args.Positional is [PyDict viewed] && args.Keywords.Count == 0
                    ? viewed with { TypeName = PyDict.MappingProxy }
                    : throw new PyRaise("TypeError", "mappingproxy() argument must be a mapping");
        }
        return PythonBuiltin(name, args, at);
    }

    private PyValue OsEnviron(string name, CallArgs args, Node at)
    {
        var keyV = args.Get(0, "key");
        if (name is "os.environ.get" or "os.getenv" or "os.environ.setdefault" or "os.environ.pop" or "os.putenv" or "os.environ.__contains__")
        {
            if (keyV is not PyStr key) return new PyUnknown($"{name}() with an unknown variable name");
            _reads.Add(key.Value);
            var value = _run.GetEnv(key.Value);
            var dflt = args.Get(1, name == "os.getenv" ? "default" : name == "os.environ.setdefault" ? "value" : "default");
            switch (name)
            {
                case "os.environ.setdefault":
                    if (value is not null) return new PyStr(value);
                    if (dflt is PyStr ds) { _run.SetEnv(key.Value, ds.Value); return ds; }
                    _run.SetEnv(key.Value, null);
                    return dflt is null ? throw new PyRaise("TypeError", "str expected, not NoneType") : new PyUnknown("os.environ.setdefault with a non-string value");
                case "os.putenv":
                    if (args.Get(1, "value") is PyStr pv) _run.SetEnv(key.Value, pv.Value);
                    return PyNone.Instance;
                case "os.environ.pop":
                    _run.SetEnv(key.Value, null);
                    if (value is not null) return new PyStr(value);
                    return dflt ?? throw new PyRaise("KeyError", $"'{key.Value}'", Where(at));
                case "os.environ.__contains__":
                    return Py.Bool(value is not null);
                default:
                    return value is not null ? new PyStr(value) : dflt ?? PyNone.Instance;
            }
        }
        return new PyUnknown($"{name}() is not modelled (the whole environment)");
    }

    private PyValue OsPath(string fn, CallArgs args, Node at)
    {
        string? S(int i) => i < args.Positional.Count ? Py.ToStr(args.Positional[i]) is { } s && args.Positional[i] is PyStr or PyPath ? s : throw new PyRaise("TypeError", "expected str, bytes or os.PathLike object") : null;
        switch (fn)
        {
            case "join":
            {
                var result = S(0) ?? throw new PyRaise("TypeError", "join() missing argument");
                for (var i = 1; i < args.Positional.Count; i++) result = Methods.JoinPath(result, S(i)!);
                return Py.Str(result);
            }
            case "dirname": return Py.Str(Methods.DirName(S(0)!));
            case "basename": return Py.Str(Methods.BaseName(S(0)!));
            case "normpath": return Py.Str(Methods.NormPath(S(0)!));
            case "abspath" or "realpath":
            {
                var p = S(0)!;
                // Relative paths depend on the working directory of the deployed process.
                return p.StartsWith('/') ? Py.Str(Methods.NormPath(p)) : new PyUnknown($"os.path.{fn} of a relative path depends on the working directory");
            }
            case "splitext":
            {
                var p = S(0)!;
                var name = Methods.BaseName(p);
                var dot = name.LastIndexOf('.');
                if (dot <= 0 || name.Trim('.').Length == 0) return Py.Tuple([new PyStr(p), new PyStr("")]);
                var cut = p.Length - (name.Length - dot);
                return Py.Tuple([new PyStr(p[..cut]), new PyStr(p[cut..])]);
            }
            case "isabs": return Py.Bool(S(0)!.StartsWith('/'));
            case "exists" or "lexists" or "isfile" or "isdir": return FileTest(S(0)!, fn == "lexists" ? "exists" : fn, at);
            default:
                return new PyUnknown($"os.path.{fn}() depends on the deployed file system");
        }
    }

    private PyValue PythonBuiltin(string name, CallArgs args, Node at)
    {
        var a0 = args.Positional.Count > 0 ? args.Positional[0] : null;
        switch (name)
        {
            case "str":
                if (a0 is null) return new PyStr("");
                if (args.Positional.Count > 1) return new PyUnknown("str() with an encoding is not modelled");
                return Py.ToStr(a0) is { } s ? Py.Str(s) : new PyUnknown($"str() of {Py.TypeName(a0)}");
            case "bool":
                if (a0 is null) return Py.False;
                return a0.Truthy is { } t ? Py.Bool(t) : new PyUnknown("bool() of an unknown value");
            case "int":
                return a0 is null ? new PyInt(0) : ToInt(a0, args.Get(1, "base"));
            case "float":
                return a0 is null ? new PyFloat(0) : ToFloat(a0);
            case "list" or "tuple" or "set" or "frozenset":
            {
                if (a0 is null) return name == "list" ? Py.List([]) : name == "tuple" ? Py.Tuple([]) : Py.Set([]);
                if (a0 is PyUnknown u) return u;
                // A copy keeps what is known of a list or tuple; a set of unknown items is unknown.
                if (name is "list" or "tuple" && UnknownItems.Has(a0)) return name == "list" ? Py.List(a0.AsSequence!.Value) : Py.Tuple(a0.AsSequence!.Value);
                var items = Iterate(a0) ?? throw new PyRaise("TypeError", $"'{Py.TypeName(a0)}' object is not iterable");
                return name == "list" ? Py.List(items) : name == "tuple" ? Py.Tuple(items) : Py.Set(items);
            }
            case "dict":
            {
                var entries = new List<KeyValuePair<PyValue, PyValue>>();
                if (a0 is PyUnknown u) return u;
                if (a0 is PyDict d) entries.AddRange(d.Entries);
                else if (a0 is not null)
                {
                    var items = Iterate(a0);
                    if (items is null || items.Any(i => i.AsSequence is not { Length: 2 })) return new PyUnknown("dict() of an unknown iterable");
                    entries.AddRange(items.Select(i => new KeyValuePair<PyValue, PyValue>(i.AsSequence!.Value[0], i.AsSequence!.Value[1])));
                }
                entries.AddRange(args.Keywords.Select(k => new KeyValuePair<PyValue, PyValue>(new PyStr(k.Key), k.Value)));
                return Py.Dict(entries);
            }
            case "len":
                if (a0 is PyUnknown lu) return lu;
                if (a0 is not null && UnknownItems.Has(a0)) return new PyUnknown($"len() of a {Py.TypeName(a0)} that holds unknown items");
                return a0 switch
                {
                    PyStr ls => new PyInt(ls.Value.Length),
                    PyDict d => new PyInt(d.Entries.Length),
                    PyBytes bs => new PyInt(bs.Value.Length),
                    _ when a0?.AsSequence is { } seq => new PyInt(seq.Length),
                    _ => new PyUnknown("len() of an unsupported value"),
                };
            case "repr":
                return Py.Repr(a0 ?? PyNone.Instance) is { } r ? Py.Str(r) : new PyUnknown("repr() of an unsupported value");
            case "abs":
                return Py.Number(a0 ?? PyNone.Instance) is { } n ? new PyInt(BigInteger.Abs(n)) : a0 is PyFloat f ? new PyFloat(Math.Abs(f.Value)) : new PyUnknown("abs()");
            case "sorted":
            {
                var items = a0 is null ? null : Iterate(a0);
                if (items is null || args.Get(-1, "key") is not null) return new PyUnknown("sorted() is not modelled here");
                var sorted = ContainerMethods.Sort(items);
                if (sorted is null) return new PyUnknown("sorted() of values that cannot be ordered");
                var reverse = args.Get(-1, "reverse")?.Truthy == true;
                return Py.List(reverse ? sorted.Value.Reverse() : sorted.Value);
            }
            case "min" or "max":
            {
                var items = args.Positional.Count == 1 ? Iterate(a0!) : args.Positional;
                if (items is null || items.Count == 0 || args.Keywords.Count > 0) return new PyUnknown($"{name}() is not modelled here");
                var best = items[0];
                foreach (var i in items.Skip(1))
                {
                    var c = Order(i, best);
                    if (c is null) return new PyUnknown($"{name}() of values that cannot be ordered");
                    if (name == "min" ? c < 0 : c > 0) best = i;
                }
                return best;
            }
            case "sum":
            {
                var items = a0 is null ? null : Iterate(a0);
                if (items is null) return new PyUnknown("sum() of an unknown value");
                PyValue total = args.Get(1, "start") ?? new PyInt(0);
                foreach (var i in items) total = BinaryOp(total, Operator.Add, i);
                return total;
            }
            case "any" or "all":
            {
                var items = a0 is null ? null : Iterate(a0);
                if (items is null) return new PyUnknown($"{name}() of an unknown value");
                var unknown = false;
                foreach (var i in items)
                {
                    var truth = i.Truthy;
                    if (truth is null) unknown = true;
                    else if (name == "any" ? truth == true : truth == false) return Py.Bool(name == "any");
                }
                return unknown ? new PyUnknown($"{name}() over unknown values") : Py.Bool(name == "all");
            }
            case "range":
            {
                var nums = args.Positional.Select(Py.Number).ToList();
                if (nums.Any(n => n is null) || nums.Count is 0 or > 3) return new PyUnknown("range() of unknown bounds");
                BigInteger start = nums.Count > 1 ? nums[0]!.Value : 0, stop = nums.Count > 1 ? nums[1]!.Value : nums[0]!.Value, step = nums.Count > 2 ? nums[2]!.Value : 1;
                if (step.IsZero) throw new PyRaise("ValueError", "range() arg 3 must not be zero");
                var count = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
                if (count > Py.MaxItems) return new PyUnknown("range() too large");
                var list = new List<PyValue>();
                for (var i = start; step > 0 ? i < stop : i > stop; i += step) list.Add(new PyInt(i));
                return Py.List(list);
            }
            case "enumerate":
            {
                var items = a0 is null ? null : Iterate(a0);
                if (items is null) return new PyUnknown("enumerate() of an unknown value");
                var start = Py.Number(args.Get(1, "start") ?? new PyInt(0)) ?? 0;
                return Py.List(items.Select((v, i) => Py.Tuple([new PyInt(start + i), v])));
            }
            case "zip":
            {
                var lists = args.Positional.Select(Iterate).ToList();
                if (lists.Any(l => l is null)) return new PyUnknown("zip() of an unknown value");
                var count = lists.Count == 0 ? 0 : lists.Min(l => l!.Count);
                return Py.List(Enumerable.Range(0, count).Select(i => Py.Tuple(lists.Select(l => l![i]))));
            }
            case "reversed":
                return a0 is PyList or PyTuple or PyStr && Iterate(a0) is { } rev ? Py.List(rev.Reverse()) : new PyUnknown("reversed() of an unknown value");
            case "isinstance":
            {
                if (a0 is PyUnknown u) return new PyUnknown($"isinstance() of an unknown value ({u.Reason})");
                var types = args.Get(1, "class_or_tuple") is PyTuple tt ? tt.Items.ToList() : [args.Get(1, "class_or_tuple") ?? PyNone.Instance];
                var actual = Py.TypeName(a0 ?? PyNone.Instance);
                var matches = false;
                foreach (var ty in types)
                {
                    if (ty is not PyBuiltin { Self: null } tb) return new PyUnknown("isinstance() with a type that is not modelled");
                    matches |= tb.Name == actual || tb.Name == "int" && actual == "bool" || tb.Name == "dict" && a0 is PyDict { IsDictInstance: true };
                }
                return Py.Bool(matches);
            }
            case "round":
                if (a0 is PyInt) return a0;
                if (a0 is PyFloat rf && args.Positional.Count == 1) return new PyInt(new BigInteger(Math.Round(rf.Value, MidpointRounding.ToEven)));
                return new PyUnknown("round() with digits is not modelled");
            case "getattr":
            {
                if (args.Get(1, "name") is not PyStr attr) return new PyUnknown("getattr() with an unknown name");
                try
                {
                    var v = GetAttr(a0 ?? PyNone.Instance, attr.Value, at);
                    if (v is PyUnknown && args.Positional.Count > 2) return new PyUnknown($"getattr({attr.Value}) may fall back to its default");
                    return v;
                }
                catch (PyRaise e) when (e.IsA("AttributeError") && args.Positional.Count > 2)
                {
                    return args.Positional[2];
                }
            }
            case "open":
                return new PyUnknown("reads a file at run time");
            case "map":
            {
                var items = args.Positional.Count == 2 ? Iterate(args.Positional[1]) : null;
                if (items is null) return new PyUnknown("map() is not modelled here");
                return Py.List(items.Select(i => Call(a0!, new CallArgs([i], []), at)));
            }
            case "filter":
            {
                var items = args.Positional.Count == 2 ? Iterate(args.Positional[1]) : null;
                if (items is null) return new PyUnknown("filter() is not modelled here");
                var kept = new List<PyValue>();
                foreach (var i in items)
                {
                    var keep = (a0 is PyNone ? i : Call(a0!, new CallArgs([i], []), at)).Truthy;
                    if (keep is null) return new PyUnknown("filter() over unknown values");
                    if (keep == true) kept.Add(i);
                }
                return Py.List(kept);
            }
        }
        return new PyUnknown($"{name}() is not modelled");
    }

    internal static PyValue ToInt(PyValue v, PyValue? baseV = null)
    {
        switch (v)
        {
            case PyUnknown u: return u;
            case PyBool b: return new PyInt(b.Value ? 1 : 0);
            case PyInt: return v;
            case PyFloat f:
                if (double.IsNaN(f.Value) || double.IsInfinity(f.Value)) throw new PyRaise("ValueError", "cannot convert float to integer");
                return new PyInt(new BigInteger(Math.Truncate(f.Value)));
            case PyStr s:
            {
                var radix = baseV is null ? 10 : (int)(Py.Number(baseV) ?? 10);
                var text = s.Value.Trim().Replace("_", "");
                if (s.Value.Trim().StartsWith('_') || s.Value.Trim().EndsWith('_') || s.Value.Contains("__", StringComparison.Ordinal)) text = "";
                var neg = text.StartsWith('-');
                if (text.StartsWith('-') || text.StartsWith('+')) text = text[1..];
                if (radix == 10 && text.Length > 0 && text.All(char.IsAsciiDigit) && text.Length < 4300)
                {
                    var n = BigInteger.Parse(text, CultureInfo.InvariantCulture);
                    return new PyInt(neg ? -n : n);
                }
                if (radix == 16 && text.Length > 0 && text.All(char.IsAsciiHexDigit))
                    return new PyInt((neg ? -1 : 1) * BigInteger.Parse("0" + text, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                if (radix != 10 && radix != 16) return new PyUnknown($"int() with base {radix} is not modelled");
                throw new PyRaise("ValueError", $"invalid literal for int() with base {radix}: {Py.ReprStr(s.Value)}");
            }
            default:
                throw new PyRaise("TypeError", $"int() argument must be a string or a number, not '{Py.TypeName(v)}'");
        }
    }

    internal static PyValue ToFloat(PyValue v)
    {
        switch (v)
        {
            case PyUnknown u: return u;
            case PyFloat: return v;
            case PyInt or PyBool: return new PyFloat(Py.AsDouble(v)!.Value);
            case PyStr s:
            {
                var t = s.Value.Trim().ToLowerInvariant();
                if (t is "inf" or "+inf" or "infinity" or "+infinity") return new PyFloat(double.PositiveInfinity);
                if (t is "-inf" or "-infinity") return new PyFloat(double.NegativeInfinity);
                if (t is "nan" or "+nan" or "-nan") return new PyFloat(double.NaN);
                if (t.Length > 0 && t.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or '+' or '-' or '_')
                    && double.TryParse(t.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                    return new PyFloat(d);
                throw new PyRaise("ValueError", $"could not convert string to float: {Py.ReprStr(s.Value)}");
            }
            default:
                throw new PyRaise("TypeError", $"float() argument must be a string or a number, not '{Py.TypeName(v)}'");
        }
    }
}
