using System.Collections.Immutable;
using System.Numerics;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>Pure operations on known values: operators, slicing, paths.</summary>
internal static class Methods
{
    /// <summary>a op b; null when Python would raise TypeError.</summary>
    public static PyValue? Binary(PyValue a, Operator op, PyValue b)
    {
        // Paths first: Path / "x", "x" / Path, environ.Path + "x".
        if (op == Operator.Div && a is PyPath pa && Py.ToStr(b) is { } sb && b is PyStr or PyPath)
            return new PyPath(JoinPath(pa.Value, sb));
        if (op == Operator.Div && a is PyStr sa && b is PyPath pb)
            return new PyPath(JoinPath(sa.Value, pb.Value));
        if (op == Operator.Add && a is PyEnvironPath ea && Py.ToStr(b) is { } eb)
            return new PyEnvironPath(NormPath(JoinPath(ea.Root, eb)));
        if (op == Operator.Sub && a is PyEnvironPath es && Py.Number(b) is { } up)
            return new PyEnvironPath(NormPath(es.Root + string.Concat(Enumerable.Repeat("/..", (int)BigInteger.Min(up, 64)))));

        if (op == Operator.Mod && a is PyStr fmt) return Formatting.Percent(fmt.Value, b);

        if (Py.Number(a) is { } x && Py.Number(b) is { } y)
        {
            // Refused before computing: a product or shift past the bound would itself fill memory.
            var bits = Math.Max(x.GetBitLength(), y.GetBitLength());
            if (op switch
                {
                    Operator.Mult => x.GetBitLength() + y.GetBitLength(),
                    Operator.LShift => x.GetBitLength() + (y > Py.MaxIntBits ? Py.MaxIntBits : (long)y),
                    Operator.Pow => y.Sign > 0 && BigInteger.Abs(x) > 1 ? x.GetBitLength() * (y > Py.MaxIntBits ? Py.MaxIntBits : (long)y) : 0,
                    _ => bits + 1,
                } > Py.MaxIntBits)
                return new PyUnknown($"integer longer than {Py.MaxIntBits} bits");
            switch (op)
            {
                case Operator.Add: return new PyInt(x + y);
                case Operator.Sub: return new PyInt(x - y);
                case Operator.Mult: return new PyInt(x * y);
                case Operator.FloorDiv:
                    if (y.IsZero) throw new PyRaise("ZeroDivisionError", "integer division by zero");
                    return new PyInt(FloorDiv(x, y));
                case Operator.Mod:
                    if (y.IsZero) throw new PyRaise("ZeroDivisionError", "integer modulo by zero");
                    return new PyInt(x - FloorDiv(x, y) * y);
                case Operator.Div:
                    if (y.IsZero) throw new PyRaise("ZeroDivisionError", "division by zero");
                    return new PyFloat((double)x / (double)y);
                case Operator.Pow:
                    if (y.Sign < 0) return new PyFloat(Math.Pow((double)x, (double)y));
                    if (y > 4096 || BigInteger.Abs(x) > 1 && y > 2048) return new PyUnknown("integer too large");
                    return new PyInt(BigInteger.Pow(x, (int)y));
                case Operator.LShift:
                    if (y.Sign < 0 || y > 4096) return new PyUnknown("shift too large");
                    return new PyInt(x << (int)y);
                case Operator.RShift: return new PyInt(y > 4096 ? (x.Sign < 0 ? -1 : 0) : x >> (int)y);
                case Operator.BitOr: return a is PyBool ba && b is PyBool bb ? Py.Bool(ba.Value | bb.Value) : new PyInt(x | y);
                case Operator.BitAnd: return a is PyBool ca && b is PyBool cb ? Py.Bool(ca.Value & cb.Value) : new PyInt(x & y);
                case Operator.BitXor: return a is PyBool da && b is PyBool db ? Py.Bool(da.Value ^ db.Value) : new PyInt(x ^ y);
            }
            return null;
        }
        if ((a is PyFloat || b is PyFloat) && Py.AsDouble(a) is { } fa && Py.AsDouble(b) is { } fb)
        {
            switch (op)
            {
                case Operator.Add: return new PyFloat(fa + fb);
                case Operator.Sub: return new PyFloat(fa - fb);
                case Operator.Mult: return new PyFloat(fa * fb);
                case Operator.Div:
                    if (fb == 0) throw new PyRaise("ZeroDivisionError", "float division by zero");
                    return new PyFloat(fa / fb);
                case Operator.FloorDiv:
                    if (fb == 0) throw new PyRaise("ZeroDivisionError", "float floor division by zero");
                    return new PyFloat(Math.Floor(fa / fb));
                case Operator.Pow: return new PyFloat(Math.Pow(fa, fb));
            }
            return null;
        }
        switch (op, a, b)
        {
            case (Operator.Add, PyStr s, PyStr t): return Py.Str(s.Value + t.Value);
            case (Operator.Add, PyList l, PyList m): return Py.List(l.Items.Concat(m.Items));
            case (Operator.Add, PyTuple l, PyTuple m): return Py.Tuple(l.Items.Concat(m.Items));
            case (Operator.Add, PyBytes l, PyBytes m): return new PyBytes(l.Value.AddRange(m.Value));
            case (Operator.Mult, PyStr s, _) when Py.Number(b) is { } n: return Repeat(n, s.Value.Length, k => Py.Str(string.Concat(Enumerable.Repeat(s.Value, k))));
            case (Operator.Mult, _, PyStr s) when Py.Number(a) is { } n: return Repeat(n, s.Value.Length, k => Py.Str(string.Concat(Enumerable.Repeat(s.Value, k))));
            case (Operator.Mult, PyList l, _) when Py.Number(b) is { } n: return Repeat(n, l.Items.Length, k => Py.List(Enumerable.Repeat(l.Items, k).SelectMany(i => i)));
            case (Operator.Mult, PyTuple l, _) when Py.Number(b) is { } n: return Repeat(n, l.Items.Length, k => Py.Tuple(Enumerable.Repeat(l.Items, k).SelectMany(i => i)));
            case (Operator.BitOr, PyDict d, PyDict e): return Py.Dict(d.Entries.Concat(e.Entries));
            case (Operator.BitOr, PySet s, PySet t): return Py.Set(s.Items.Concat(t.Items));
            case (Operator.BitAnd, PySet s, PySet t): return Py.Set(s.Items.Where(i => t.Items.Any(j => Py.Equal(i, j) == true)));
            case (Operator.Sub, PySet s, PySet t): return Py.Set(s.Items.Where(i => !t.Items.Any(j => Py.Equal(i, j) == true)));
        }
        if (a is PyOpaque || b is PyOpaque) return new PyUnknown($"{op} on {Py.TypeName(a)} and {Py.TypeName(b)} is not modelled");
        return null;
    }

    private static PyValue Repeat(BigInteger n, int size, Func<int, PyValue> make)
    {
        if (n <= 0) return make(0);
        if (n * size > Py.MaxStringLength) return new PyUnknown("repetition too large");
        return make((int)n);
    }

    private static BigInteger FloorDiv(BigInteger x, BigInteger y)
    {
        var q = BigInteger.DivRem(x, y, out var r);
        return !r.IsZero && (r.Sign < 0) != (y.Sign < 0) ? q - 1 : q;
    }

    public static PyValue Slice(PyValue obj, PyValue? lower, PyValue? upper, PyValue? step)
    {
        if (obj is PyUnknown u) return u;
        if (lower is PyUnknown || upper is PyUnknown || step is PyUnknown) return new PyUnknown("slice bound is unknown");
        if (UnknownItems.Has(obj)) return new PyUnknown($"a slice of a {Py.TypeName(obj)} that holds unknown items");
        int Len() => obj switch { PyStr s => s.Value.Length, _ => obj.AsSequence?.Length ?? 0 };
        var len = Len();
        var st = step is null or PyNone ? 1 : (int)(Py.Number(step) ?? 1);
        if (st == 0) throw new PyRaise("ValueError", "slice step cannot be zero");
        int Bound(PyValue? v, int dflt)
        {
            if (v is null or PyNone) return dflt;
            var n = (long)(Py.Number(v) ?? 0);
            if (n < 0) n += len;
            return (int)Math.Clamp(n, st > 0 ? 0 : -1, st > 0 ? len : len - 1);
        }
        var start = Bound(lower, st > 0 ? 0 : len - 1);
        var stop = Bound(upper, st > 0 ? len : -1);
        var idx = new List<int>();
        for (var i = start; st > 0 ? i < stop : i > stop; i += st) idx.Add(i);
        return obj switch
        {
            PyStr s => new PyStr(string.Concat(idx.Select(i => s.Value[i]))),
            PyList l => Py.List(idx.Select(i => l.Items[i])),
            PyTuple t => Py.Tuple(idx.Select(i => t.Items[i])),
            _ => new PyUnknown($"slice of {Py.TypeName(obj)} is not modelled"),
        };
    }

    // ---- paths (POSIX, as the deployed server sees them) ----

    public static string JoinPath(string a, string b)
    {
        if (b.StartsWith('/')) return b;
        if (a.Length == 0) return b;
        return a.EndsWith('/') ? a + b : a + "/" + b;
    }

    /// <summary>os.path.normpath.</summary>
    public static string NormPath(string p)
    {
        if (p.Length == 0) return ".";
        var initial = p.StartsWith('/') ? (p.StartsWith("//") && !p.StartsWith("///") ? "//" : "/") : "";
        var parts = new List<string>();
        foreach (var c in p.Split('/'))
        {
            if (c is "" or ".") continue;
            if (c != ".." || initial.Length == 0 && parts.Count == 0 || parts.Count > 0 && parts[^1] == "..") parts.Add(c);
            else if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
        }
        var result = initial + string.Join('/', parts);
        return result.Length == 0 ? "." : result;
    }

    /// <summary>pathlib's normalisation: collapses '//' and '.', keeps '..'.</summary>
    public static string PurePath(string p)
    {
        if (p.Length == 0) return ".";
        var abs = p.StartsWith('/');
        var parts = p.Split('/').Where(c => c is not ("" or ".")).ToList();
        var body = string.Join('/', parts);
        var root = abs ? (p.StartsWith("//") && !p.StartsWith("///") ? "//" : "/") : "";
        var result = root + body;
        return result.Length == 0 ? "." : result;
    }

    public static string DirName(string p)
    {
        var i = p.LastIndexOf('/') + 1;
        var head = p[..i];
        if (head.Length > 0 && head.Any(c => c != '/')) head = head.TrimEnd('/');
        return head;
    }

    public static string BaseName(string p) => p[(p.LastIndexOf('/') + 1)..];

    public static PyValue PathAttribute(PyPath p, string attr)
    {
        var v = p.Value;
        switch (attr)
        {
            case "parent":
            {
                if (v is "/" or "." or "//") return p;
                var i = v.LastIndexOf('/');
                if (i < 0) return new PyPath(".");
                if (i == 0) return new PyPath("/");
                return new PyPath(v[..i]);
            }
            case "name": return new PyStr(v is "/" or "." ? "" : BaseName(v));
            case "suffix":
            {
                var name = BaseName(v);
                var dot = name.LastIndexOf('.');
                return new PyStr(dot > 0 && dot < name.Length - 1 ? name[dot..] : "");
            }
            case "stem":
            {
                var name = BaseName(v);
                var dot = name.LastIndexOf('.');
                return new PyStr(dot > 0 && dot < name.Length - 1 ? name[..dot] : name);
            }
            case "parts":
                return Py.Tuple((v.StartsWith('/') ? new[] { "/" } : []).Concat(v.Split('/', StringSplitOptions.RemoveEmptyEntries)).Select(s => (PyValue)new PyStr(s)));
            case "parents":
            {
                var list = new List<PyValue>();
                PyValue cur = p;
                for (var n = 0; n < 256; n++)
                {
                    var parent = (PyPath)PathAttribute((PyPath)cur, "parent");
                    if (parent.Value == ((PyPath)cur).Value) break;
                    list.Add(parent);
                    cur = parent;
                }
                return Py.Tuple(list);
            }
            default:
                return new PyBuiltin("Path." + attr, p);
        }
    }
}
