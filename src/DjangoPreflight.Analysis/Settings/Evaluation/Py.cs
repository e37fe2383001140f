using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>Python semantics on <see cref="PyValue"/>s: construction, str()/repr(), ==, ordering, and export.</summary>
internal static class Py
{
    public const int MaxStringLength = 1_000_000;
    public const int MaxItems = 100_000;

    /// <summary>Containers nested deeper than this are unknown: real settings nest a few levels, and
    /// every reader of a value (display, comparison, export, redaction) recurses on it.</summary>
    public const int MaxDepth = 200;

    /// <summary>Integers longer than this many bits are unknown (about 20,000 digits): squaring in a
    /// loop would otherwise fill memory, and no setting needs more.</summary>
    public const int MaxIntBits = 65_536;

    public static int MaxDepthOf(ImmutableArray<PyValue> items)
    {
        var max = 0;
        foreach (var item in items) max = Math.Max(max, item.Depth);
        return max;
    }

    public static int MaxDepthOf(ImmutableArray<KeyValuePair<PyValue, PyValue>> entries)
    {
        var max = 0;
        foreach (var (k, v) in entries) max = Math.Max(max, Math.Max(k.Depth, v.Depth));
        return max;
    }

    /// <summary>The container, or an unknown when it nests deeper than <see cref="MaxDepth"/>.</summary>
    private static PyValue DepthBounded(PyValue container) =>
        container.Depth > MaxDepth ? new PyUnknown($"containers nested deeper than {MaxDepth} levels") : container;

    public static readonly PyBool True = new(true);
    public static readonly PyBool False = new(false);
    public static PyNone None => PyNone.Instance;

    public static PyBool Bool(bool b) => b ? True : False;
    public static PyValue Str(string s) => s.Length > MaxStringLength ? new PyUnknown($"string longer than {MaxStringLength} characters") : new PyStr(s);
    public static PyInt Int(BigInteger i) => new(i);
    public static PyValue List(IEnumerable<PyValue> items) => Bounded(items, a => new PyList(a));
    public static PyValue Tuple(IEnumerable<PyValue> items) => Bounded(items, a => new PyTuple(a));

    public static PyValue Set(IEnumerable<PyValue> items)
    {
        var unique = new List<PyValue>();
        var index = new EqualIndex();
        foreach (var item in items)
        {
            if (item is PyUnknown) return new PyUnknown("set of unknown elements");
            if (index.Find(item) < 0)
            {
                index.Add(item, unique.Count);
                unique.Add(item);
            }
            if (unique.Count > MaxItems) return new PyUnknown($"more than {MaxItems} items");
        }
        return DepthBounded(new PySet([.. unique]));
    }

    public static PyValue Dict(IEnumerable<KeyValuePair<PyValue, PyValue>> entries)
    {
        var list = new List<KeyValuePair<PyValue, PyValue>>();
        var index = new EqualIndex();
        foreach (var (k, v) in entries)
        {
            var i = k is PyUnknown ? -1 : index.Find(k);
            if (i >= 0) list[i] = new(list[i].Key, v); // Python keeps the first key object, updates the value
            else
            {
                if (k is not PyUnknown) index.Add(k, list.Count);
                list.Add(new(k, v));
            }
            if (list.Count > MaxItems) return new PyUnknown($"more than {MaxItems} items");
        }
        return DepthBounded(new PyDict([.. list]));
    }

    /// <summary>
    /// Where an element equal to a value already is. Python hashes; comparing each new element with
    /// every earlier one made <c>set(range(100000))</c> or a 100,000-key dict comprehension take
    /// billions of comparisons. Scalars (str, int, bool, float, None) are found by a key that is
    /// equal exactly when the values are (1 == 1.0 == True); other values, which are rare as keys,
    /// are compared one by one, and never equal a scalar.
    /// </summary>
    private sealed class EqualIndex
    {
        private readonly Dictionary<string, int> _scalars = new(StringComparer.Ordinal);
        private readonly List<(PyValue Value, int Index)> _others = [];

        public int Find(PyValue value)
        {
            if (Key(value) is { } key) return _scalars.TryGetValue(key, out var i) ? i : -1;
            foreach (var (other, index) in _others)
                if (Equal(other, value) == true) return index;
            return -1;
        }

        public void Add(PyValue value, int index)
        {
            if (Key(value) is { } key) _scalars.TryAdd(key, index);
            else _others.Add((value, index));
        }

        private static string? Key(PyValue v) => v switch
        {
            PyStr s => "s" + s.Value,
            PyInt or PyBool => "n" + Number(v)!.Value.ToString(CultureInfo.InvariantCulture),
            PyFloat f when double.IsNaN(f.Value) => null, // never equal, not even to itself
            PyFloat f when double.IsFinite(f.Value) && Math.Floor(f.Value) == f.Value => "n" + new BigInteger(f.Value).ToString(CultureInfo.InvariantCulture),
            PyFloat f => "f" + f.Value.ToString("R", CultureInfo.InvariantCulture),
            PyNone => "none",
            _ => null,
        };
    }

    private static PyValue Bounded(IEnumerable<PyValue> items, Func<ImmutableArray<PyValue>, PyValue> make)
    {
        var b = ImmutableArray.CreateBuilder<PyValue>();
        foreach (var item in items)
        {
            b.Add(item);
            if (b.Count > MaxItems) return new PyUnknown($"more than {MaxItems} items");
        }
        return DepthBounded(make(b.ToImmutable()));
    }

    public static string TypeName(PyValue v) => v switch
    {
        PyStr => "str", PyBytes => "bytes", PyBool => "bool", PyInt => "int", PyFloat => "float", PyNone => "NoneType",
        PyList => "list", PyTuple => "tuple", PySet => "set", PyDict d => d.TypeName, PyPath => "PosixPath",
        PyOpaque o => o.Describe, _ => "unknown",
    };

    /// <summary>Python's str(v), or null when it cannot be told.</summary>
    public static string? ToStr(PyValue v) => v switch
    {
        PyStr s => s.Value,
        PyPath p => p.Value,
        PyEnvironPath e => e.Root,
        PyUnknown => null,
        _ => Repr(v),
    };

    /// <summary>Python's repr(v), or null when some part is unknown.</summary>
    public static string? Repr(PyValue v)
    {
        switch (v)
        {
            case PyStr s: return ReprStr(s.Value);
            case PyBool b: return b.Value ? "True" : "False";
            case PyInt i: return i.Value.ToString(CultureInfo.InvariantCulture);
            case PyFloat f: return ReprFloat(f.Value);
            case PyNone: return "None";
            case PyPath p: return $"PosixPath({ReprStr(p.Value)})";
            case PyBytes b: return "b" + ReprStr(Encoding.Latin1.GetString(b.Value.AsSpan()));
            case PyList l: return Join("[", l.Items, "]");
            case PyTuple t: return t.Items.Length == 1 ? Join("(", t.Items, ",)") : Join("(", t.Items, ")");
            case PySet s: return s.Items.Length == 0 ? "set()" : Join("{", s.Items, "}");
            case PyDict d:
                var parts = new List<string>();
                foreach (var (k, x) in d.Entries)
                {
                    if (Repr(k) is not { } rk || Repr(x) is not { } rx) return null;
                    parts.Add($"{rk}: {rx}");
                }
                var braces = "{" + string.Join(", ", parts) + "}";
                // Python 3.12+'s repr of the dict-like types: OrderedDict({...}), mappingproxy({...}).
                return d.TypeName == "dict" ? braces : parts.Count == 0 && d.TypeName == "OrderedDict" ? "OrderedDict()" : $"{d.TypeName}({braces})";
            case PyEnvironPath e: return $"<Path:{e.Root}>";
            default: return null;
        }
    }

    private static string? Join(string open, ImmutableArray<PyValue> items, string close)
    {
        var parts = new List<string>();
        foreach (var i in items)
        {
            if (Repr(i) is not { } r) return null;
            parts.Add(r);
        }
        return open + string.Join(", ", parts) + close;
    }

    public static string ReprStr(string s)
    {
        var quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder().Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote) sb.Append('\\').Append(c);
                    else if (c < 0x20 || c == 0x7f) sb.Append($"\\x{(int)c:x2}");
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append(quote).ToString();
    }

    /// <summary>Python's float repr: shortest round-trip digits, exponent form below 1e-4 or from 1e16.</summary>
    public static string ReprFloat(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsPositiveInfinity(d)) return "inf";
        if (double.IsNegativeInfinity(d)) return "-inf";
        if (d == 0) return double.IsNegative(d) ? "-0.0" : "0.0";
        var r = d.ToString("E16", CultureInfo.InvariantCulture);
        // Find the shortest precision that round-trips.
        for (var p = 0; p <= 16; p++)
        {
            var candidate = d.ToString("E" + p, CultureInfo.InvariantCulture);
            if (double.Parse(candidate, CultureInfo.InvariantCulture) == d) { r = candidate; break; }
        }
        var neg = r.StartsWith('-');
        if (neg) r = r[1..];
        var ePos = r.IndexOf('E');
        var digits = r[..ePos].Replace(".", "").TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        var exp = int.Parse(r[(ePos + 1)..], CultureInfo.InvariantCulture);
        string text;
        if (exp < -4 || exp >= 16)
        {
            var mant = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            text = $"{mant}e{(exp < 0 ? "-" : "+")}{Math.Abs(exp):00}";
        }
        else if (exp < 0)
            text = "0." + new string('0', -exp - 1) + digits;
        else if (digits.Length <= exp + 1)
            text = digits + new string('0', exp + 1 - digits.Length) + ".0";
        else
            text = digits[..(exp + 1)] + "." + digits[(exp + 1)..];
        return neg ? "-" + text : text;
    }

    /// <summary>Python ==; null when unknown parts make it undecidable.</summary>
    public static bool? Equal(PyValue a, PyValue b)
    {
        if (a is PyUnknown || b is PyUnknown) return null;
        if (Number(a) is { } x && Number(b) is { } y) return x == y;
        if (a is PyFloat || b is PyFloat)
        {
            var fa = AsDouble(a); var fb = AsDouble(b);
            if (fa is not null && fb is not null) return fa == fb;
        }
        switch (a, b)
        {
            case (PyStr s, PyStr t): return s.Value == t.Value;
            case (PyBytes s, PyBytes t): return s.Value.SequenceEqual(t.Value);
            case (PyNone, PyNone): return true;
            case (PyPath p, PyPath q): return p.Value == q.Value;
            case (PyList l, PyList m): return SeqEqual(l.Items, m.Items);
            case (PyTuple l, PyTuple m): return SeqEqual(l.Items, m.Items);
            case (PySet s, PySet t):
                if (s.Items.Length != t.Items.Length) return false;
                foreach (var i in s.Items)
                {
                    var any = false;
                    foreach (var j in t.Items)
                        if (Equal(i, j) is true) { any = true; break; }
                    if (!any) return false;
                }
                return true;
            case (PyDict d, PyDict e):
                if (d.Entries.Length != e.Entries.Length) return false;
                foreach (var (k, v) in d.Entries)
                {
                    var match = e.Entries.FirstOrDefault(x => Equal(x.Key, k) == true);
                    if (match.Key is null) return false;
                    var eq = Equal(v, match.Value);
                    if (eq != true) return eq;
                }
                return true;
            case (PyOpaque o, PyOpaque p): return ReferenceEquals(o, p) || o.Equals(p) ? true : null;
            case (PyOpaque, _) or (_, PyOpaque): return null;
            default: return false;
        }
    }

    private static bool? SeqEqual(ImmutableArray<PyValue> a, ImmutableArray<PyValue> b)
    {
        if (UnknownItems.Has(a) || UnknownItems.Has(b)) return null;
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
        {
            var e = Equal(a[i], b[i]);
            if (e != true) return e;
        }
        return true;
    }

    /// <summary>int or bool as an integer (bool is an int in Python).</summary>
    public static BigInteger? Number(PyValue v) => v switch
    {
        PyInt i => i.Value,
        PyBool b => b.Value ? BigInteger.One : BigInteger.Zero,
        _ => null,
    };

    public static double? AsDouble(PyValue v) => v switch
    {
        PyFloat f => f.Value,
        PyInt i => (double)i.Value,
        PyBool b => b.Value ? 1 : 0,
        _ => null,
    };

    /// <summary>Turns evaluation-only values into unknowns, recursively, so nothing internal leaks into a setting.</summary>
    public static PyValue Export(PyValue v) => v switch
    {
        PyEnvironPath e => new PyPath(e.Root),
        PyOpaque o => new PyObjectValue($"a {o.Describe}, not a plain value"),
        PyOverridable o => o with { Repository = Export(o.Repository) },
        PyList l => l.Items.Any(NeedsExport) ? new PyList([.. l.Items.Select(Export)]) : l,
        PyTuple t => t.Items.Any(NeedsExport) ? new PyTuple([.. t.Items.Select(Export)]) : t,
        PySet s => s.Items.Any(NeedsExport) ? new PySet([.. s.Items.Select(Export)]) : s,
        PyDict d => d.Entries.Any(e => NeedsExport(e.Key) || NeedsExport(e.Value))
            ? d with { Entries = [.. d.Entries.Select(e => new KeyValuePair<PyValue, PyValue>(Export(e.Key), Export(e.Value)))] }
            : d,
        _ => v,
    };

    private static bool NeedsExport(PyValue v) => v is PyOpaque or PyList or PyTuple or PySet or PyDict;
}
