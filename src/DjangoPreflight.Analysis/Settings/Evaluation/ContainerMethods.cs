using System.Collections.Immutable;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>Methods that change a list, dict or set: they return the call's result and the new container.</summary>
internal static class ContainerMethods
{
    public static (PyValue Result, PyValue Updated) Mutate(PyValue receiver, string method, CallArgs args, Func<PyValue, IReadOnlyList<PyValue>?> iterate)
    {
        var none = (PyValue)PyNone.Instance;
        PyValue Arg(int i, string name) => args.Get(i, name) ?? throw new PyRaise("TypeError", $"{method}() missing argument");
        switch (receiver)
        {
            case PyList l:
                switch (method)
                {
                    case "append": return (none, Py.List(l.Items.Append(Arg(0, "object"))));
                    case "extend":
                    {
                        var src = Arg(0, "iterable");
                        if (src is PyUnknown) return (none, UnknownItems.Concat(l, src)!);
                        return iterate(src) is { } items ? (none, Py.List(l.Items.Concat(items))) : (none, new PyUnknown($"list extended with {Py.TypeName(src)}"));
                    }
                    case "insert":
                    {
                        if (Py.Number(Arg(0, "index")) is not { } idx) return (none, new PyUnknown("insert at an unknown index"));
                        // With unknown items in the list, only the front is a known place.
                        if (idx != 0 && UnknownItems.Has(l.Items)) return (none, new PyUnknown("insert into a list that holds unknown items"));
                        var n = l.Items.Length;
                        var i = (int)Math.Clamp((long)(idx < 0 ? idx + n : idx), 0, n);
                        return (none, new PyList(l.Items.Insert(i, Arg(1, "object"))));
                    }
                    case "remove":
                    {
                        var x = Arg(0, "value");
                        for (var i = 0; i < l.Items.Length; i++)
                        {
                            var eq = Py.Equal(l.Items[i], x);
                            if (eq is null) return (none, new PyUnknown("remove() of an unknown value"));
                            if (eq == true) return (none, new PyList(l.Items.RemoveAt(i)));
                        }
                        throw new PyRaise("ValueError", "list.remove(x): x not in list");
                    }
                    case "pop":
                    {
                        if (UnknownItems.Has(l.Items)) return (new PyUnknown("pop from a list that holds unknown items"), new PyUnknown("pop from a list that holds unknown items"));
                        if (l.Items.Length == 0) throw new PyRaise("IndexError", "pop from empty list");
                        var idxV = args.Get(0, "index");
                        if (idxV is not null && Py.Number(idxV) is null) return (new PyUnknown("pop at unknown index"), new PyUnknown("pop at unknown index"));
                        var i = idxV is null ? l.Items.Length - 1 : (int)Py.Number(idxV)!.Value;
                        if (i < 0) i += l.Items.Length;
                        if (i < 0 || i >= l.Items.Length) throw new PyRaise("IndexError", "pop index out of range");
                        return (l.Items[i], new PyList(l.Items.RemoveAt(i)));
                    }
                    case "clear": return (none, new PyList([]));
                    case "reverse": return (none, new PyList([.. l.Items.Reverse()]));
                    case "sort":
                    {
                        if (args.Keywords.Count > 0) return (none, new PyUnknown("sort() with a key is not modelled"));
                        var sorted = Sort(l.Items);
                        return (none, sorted is null ? new PyUnknown("sort() of values that cannot be ordered") : new PyList(sorted.Value));
                    }
                }
                break;
            case PyDict d:
                switch (method)
                {
                    case "update":
                    {
                        var entries = d.Entries.ToList();
                        if (args.Positional.Count > 0)
                        {
                            var src = args.Positional[0];
                            if (src is PyDict sd) entries.AddRange(sd.Entries);
                            else if (iterate(src) is { } pairs && pairs.All(p => p.AsSequence is { Length: 2 }))
                                entries.AddRange(pairs.Select(p => new KeyValuePair<PyValue, PyValue>(p.AsSequence!.Value[0], p.AsSequence!.Value[1])));
                            else return (none, new PyUnknown($"dict updated with {Py.TypeName(src)}"));
                        }
                        entries.AddRange(args.Keywords.Select(k => new KeyValuePair<PyValue, PyValue>(new PyStr(k.Key), k.Value)));
                        return (none, Py.Dict(entries));
                    }
                    case "setdefault":
                    {
                        var key = Arg(0, "key");
                        var dflt = args.Get(1, "default") ?? none;
                        var found = Find(d, key);
                        if (found.Unsure) return (new PyUnknown("setdefault() with an unknown key"), new PyUnknown("setdefault() with an unknown key"));
                        return found.Value is { } v ? (v, d) : (dflt, Py.Dict(d.Entries.Append(new(key, dflt))));
                    }
                    case "pop":
                    {
                        var key = Arg(0, "key");
                        var found = Find(d, key);
                        if (found.Unsure) return (new PyUnknown("pop() with an unknown key"), new PyUnknown("pop() with an unknown key"));
                        if (found.Value is null)
                            return args.Get(1, "default") is { } dv ? (dv, d) : throw new PyRaise("KeyError", Py.Repr(key) ?? "?");
                        return (found.Value, new PyDict([.. d.Entries.Where(e => Py.Equal(e.Key, key) != true)]));
                    }
                    case "clear": return (none, new PyDict([]));
                }
                break;
            case PySet s:
                switch (method)
                {
                    case "add": return (none, Py.Set(s.Items.Append(Arg(0, "elem"))));
                    case "update":
                    {
                        var all = new List<PyValue>(s.Items);
                        foreach (var a in args.Positional)
                        {
                            if (iterate(a) is not { } items) return (none, new PyUnknown("set updated with an unknown value"));
                            all.AddRange(items);
                        }
                        return (none, Py.Set(all));
                    }
                    case "discard" or "remove":
                    {
                        var x = Arg(0, "elem");
                        if (s.Items.Any(i => Py.Equal(i, x) is null)) return (none, new PyUnknown("set member is unknown"));
                        if (method == "remove" && !s.Items.Any(i => Py.Equal(i, x) == true)) throw new PyRaise("KeyError", Py.Repr(x) ?? "?");
                        return (none, new PySet([.. s.Items.Where(i => Py.Equal(i, x) != true)]));
                    }
                    case "clear": return (none, new PySet([]));
                }
                break;
        }
        var why = new PyUnknown($"{Py.TypeName(receiver)}.{method}() is not modelled");
        return (why, why);
    }

    public static (PyValue? Value, bool Unsure) Find(PyDict d, PyValue key)
    {
        if (key is PyUnknown) return (null, true);
        PyValue? found = null;
        var unsure = false;
        foreach (var (k, v) in d.Entries)
        {
            var eq = Py.Equal(k, key);
            if (eq == true) found = v;
            else if (eq is null) unsure = true;
        }
        return (found, found is null && unsure);
    }

    public static ImmutableArray<PyValue>? Sort(IEnumerable<PyValue> items)
    {
        var ok = true;
        // OrderBy is stable, like Python's sort.
        var list = items.OrderBy(x => x, Comparer<PyValue>.Create((a, b) =>
        {
            var c = Interpreter.Order(a, b);
            if (c is null) ok = false;
            return c ?? 0;
        })).ToList();
        return ok ? [.. list] : null;
    }
}
