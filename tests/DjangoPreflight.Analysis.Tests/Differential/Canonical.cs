using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Analysis.Tests.Differential;

/// <summary>The canonical text dump_django.py writes for a Python value (dicts and sets sorted), or
/// null when the value (or a part of it) is unknown.</summary>
internal static class Canonical
{
    public static string? Of(PyValue v) => v switch
    {
        PyUnknown => null,
        PyPath p => $"PosixPath({PyRepr.OfString(p.Value)})",
        PyList l => All(l.Items) is { } li ? "[" + string.Join(", ", li) + "]" : null,
        PyTuple t => All(t.Items) is { } ti ? (ti.Count == 1 ? "(" + ti[0] + ",)" : "(" + string.Join(", ", ti) + ")") : null,
        PySet s => All(s.Items) is { } si ? (si.Count == 0 ? "set()" : "{" + string.Join(", ", si.Order(StringComparer.Ordinal)) + "}") : null,
        PyDict d => Dict(d),
        _ => PyRepr.Of(v),
    };

    private static List<string>? All(IEnumerable<PyValue> items)
    {
        var list = new List<string>();
        foreach (var i in items)
        {
            if (Of(i) is not { } c) return null;
            list.Add(c);
        }
        return list;
    }

    private static string? Dict(PyDict d)
    {
        var pairs = new List<(string K, string V)>();
        foreach (var (k, v) in d.Entries)
        {
            if (Of(k) is not { } ck || Of(v) is not { } cv) return null;
            pairs.Add((ck, cv));
        }
        return "{" + string.Join(", ", pairs.OrderBy(p => p.K, StringComparer.Ordinal).ThenBy(p => p.V, StringComparer.Ordinal).Select(p => $"{p.K}: {p.V}")) + "}";
    }
}
