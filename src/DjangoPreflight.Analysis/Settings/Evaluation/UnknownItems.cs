using System.Collections.Immutable;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>
/// Lists and tuples whose known items stay known beside additions the evaluator cannot follow
/// (<see cref="PyUnknownItems"/>): <c>MIDDLEWARE = ["...SecurityMiddleware", *CUSTOM]</c>, an append
/// under an undecidable <c>if DEBUG:</c>, a list grown in a loop over an unknown value. Django's
/// checks ask "is this item in the list?", and an item that is certainly there must not be reported
/// missing because something else may have been added.
/// </summary>
internal static class UnknownItems
{
    /// <summary>Past this many items on a side, a join does not look for the common items.</summary>
    private const int MaxJoinItems = 2_000;

    public static bool Has(ImmutableArray<PyValue> items) => items.Any(i => i is PyUnknownItems);

    public static bool Has(PyValue value) => value.AsSequence is { } items && Has(items);

    /// <summary>
    /// The join of two lists (or two tuples) that two undecided paths left: the items both hold, in
    /// their order, with unknown items where either path holds something the other does not. Null
    /// when the values are not two sequences of one type.
    /// </summary>
    public static PyValue? Join(PyValue a, PyValue b, string why)
    {
        if (!(a is PyList && b is PyList || a is PyTuple && b is PyTuple)) return null;
        var x = a.AsSequence!.Value;
        var y = b.AsSequence!.Value;
        if (x.Length > MaxJoinItems || y.Length > MaxJoinItems) return null;
        // Longest common subsequence (lists of settings are short): what both paths certainly hold.
        var lcs = new int[x.Length + 1, y.Length + 1];
        for (var i = x.Length - 1; i >= 0; i--)
            for (var j = y.Length - 1; j >= 0; j--)
                lcs[i, j] = Same(x[i], y[j]) ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var result = new List<PyValue>();
        var gap = false;
        int p = 0, q = 0;
        while (p < x.Length || q < y.Length)
        {
            if (p < x.Length && q < y.Length && Same(x[p], y[q]))
            {
                Flush();
                result.Add(x[p]);
                p++;
                q++;
            }
            else if (q == y.Length || p < x.Length && lcs[p + 1, q] >= lcs[p, q + 1]) { gap = true; p++; }
            else { gap = true; q++; }
        }
        Flush();
        return a is PyList ? Py.List(result) : Py.Tuple(result);

        void Flush()
        {
            if (gap) result.Add(new PyUnknownItems(why));
            gap = false;
        }
    }

    /// <summary>The items a *-unpacking adds: a sequence's own (unknown items included), or unknown
    /// items, said as <paramref name="what"/>, when the value is unknown; null when it is neither.</summary>
    public static IReadOnlyList<PyValue>? Spread(PyValue value, string what) => value switch
    {
        PyList or PyTuple => value.AsSequence!.Value,
        PyUnknown u => [new PyUnknownItems($"{what} ({u.Reason})")],
        // An object of a library the evaluator does not model (a config loader's attribute).
        PyModuleRef { Modelled: false } or PyInstance => [new PyUnknownItems($"{what} ({((PyOpaque)value).Describe} is not evaluated)")],
        _ => null,
    };

    /// <summary><c>list + other</c> or <c>other + list</c> where one side is unknown; null otherwise.</summary>
    public static PyValue? Concat(PyValue a, PyValue b) => (a, b) switch
    {
        (PyList l, PyUnknown u) => Py.List(l.Items.Append(new PyUnknownItems(u.Reason))),
        (PyTuple t, PyUnknown u) => Py.Tuple(t.Items.Append(new PyUnknownItems(u.Reason))),
        (PyUnknown u, PyList l) => Py.List(l.Items.Prepend(new PyUnknownItems(u.Reason))),
        (PyUnknown u, PyTuple t) => Py.Tuple(t.Items.Prepend(new PyUnknownItems(u.Reason))),
        _ => null,
    };

    /// <summary>A list that may have grown by any number of unknown items at its end.</summary>
    public static PyValue Grown(PyList list, string why) =>
        !list.Items.IsEmpty && list.Items[^1] is PyUnknownItems ? list : Py.List(list.Items.Append(new PyUnknownItems(why)));

    /// <summary>Items both paths certainly hold; unknown items are the same only when both paths carried them unchanged.</summary>
    private static bool Same(PyValue a, PyValue b) => a is PyUnknownItems ? a.Equals(b) : a is not PyUnknown && Py.Equal(a, b) == true;
}
