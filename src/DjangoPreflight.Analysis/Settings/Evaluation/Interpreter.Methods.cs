using System.Globalization;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

internal sealed partial class Interpreter
{
    private PyValue Method(PyValue self, string method, CallArgs args, Node at)
    {
        switch (self)
        {
            case PyStr s: return StrMethod(s.Value, method, args);
            case PyPath p when method is "exists" or "is_file" or "is_dir":
                return FileTest(p.Value, method == "exists" ? "exists" : method == "is_file" ? "isfile" : "isdir", at);
            case PyPath p: return PathMethod(p, method, args);
            case PyDict d:
                switch (method)
                {
                    case "get":
                    {
                        var (v, unsure) = ContainerMethods.Find(d, args.Get(0, "key") ?? PyNone.Instance);
                        if (unsure) return new PyUnknown("dict.get() where a key is unknown");
                        return v ?? args.Get(1, "default") ?? PyNone.Instance;
                    }
                    case "keys": return Py.List(d.Entries.Select(e => e.Key));
                    case "values": return Py.List(d.Entries.Select(e => e.Value));
                    case "items": return Py.List(d.Entries.Select(e => Py.Tuple([e.Key, e.Value])));
                    case "copy": return new PyDict(d.Entries);
                }
                break;
            case PyList or PyTuple:
            {
                var items = self.AsSequence!.Value;
                switch (method)
                {
                    case "copy": return self is PyList pl ? new PyList(pl.Items) : self;
                    case "count" when UnknownItems.Has(items): return new PyUnknown($"count() over a {Py.TypeName(self)} that holds unknown items");
                    case "count": return new PyInt(items.Count(i => Py.Equal(i, args.Get(0, "value")!) == true));
                    case "index":
                        for (var i = 0; i < items.Length; i++)
                        {
                            var eq = Py.Equal(items[i], args.Get(0, "value")!);
                            if (eq is null) return new PyUnknown("index() over unknown values");
                            if (eq == true) return new PyInt(i);
                        }
                        throw new PyRaise("ValueError", "value is not in list");
                }
                break;
            }
            case PySet set:
            {
                var others = args.Positional.Select(Iterate).ToList();
                if (others.Any(o => o is null)) return new PyUnknown($"set.{method}() of an unknown value");
                switch (method)
                {
                    case "copy": return new PySet(set.Items);
                    case "union": return Py.Set(set.Items.Concat(others.SelectMany(o => o!)));
                    case "intersection": return Py.Set(set.Items.Where(i => others.All(o => o!.Any(j => Py.Equal(i, j) == true))));
                    case "difference": return Py.Set(set.Items.Where(i => !others.Any(o => o!.Any(j => Py.Equal(i, j) == true))));
                    case "issubset": return Py.Bool(set.Items.All(i => others[0]!.Any(j => Py.Equal(i, j) == true)));
                }
                break;
            }
            case PyInt or PyBool or PyFloat:
                break;
        }
        return new PyUnknown($"{Py.TypeName(self)}.{method}() is not modelled");
    }

    private static PyValue StrMethod(string s, string method, CallArgs args)
    {
        string? Arg(int i, string name) => args.Get(i, name) switch
        {
            null or PyNone => null,
            PyStr x => x.Value,
            var other => throw new PyRaise("TypeError", $"{method}() argument must be str, not {Py.TypeName(other)}"),
        };
        switch (method)
        {
            case "lower": return Py.Str(s.ToLowerInvariant());
            case "upper": return Py.Str(s.ToUpperInvariant());
            case "casefold": return Py.Str(s.ToLowerInvariant());
            case "strip": return Py.Str(Arg(0, "chars") is { } c ? s.Trim(c.ToCharArray()) : s.Trim(PyWhitespace));
            case "lstrip": return Py.Str(Arg(0, "chars") is { } l ? s.TrimStart(l.ToCharArray()) : s.TrimStart(PyWhitespace));
            case "rstrip": return Py.Str(Arg(0, "chars") is { } r ? s.TrimEnd(r.ToCharArray()) : s.TrimEnd(PyWhitespace));
            case "title": return Py.Str(CultureInfo.InvariantCulture.TextInfo.ToTitleCase(s.ToLowerInvariant()));
            case "capitalize": return Py.Str(s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant());
            case "startswith" or "endswith":
            {
                var arg = args.Get(0, "prefix");
                var options = arg is PyTuple t ? t.Items.Select(i => (i as PyStr)?.Value).ToList() : [(arg as PyStr)?.Value];
                if (options.Any(o => o is null)) throw new PyRaise("TypeError", $"{method} arg must be str or a tuple of str");
                return Py.Bool(options.Any(o => method == "startswith" ? s.StartsWith(o!, StringComparison.Ordinal) : s.EndsWith(o!, StringComparison.Ordinal)));
            }
            case "replace":
            {
                var old = Arg(0, "old")!;
                var @new = Arg(1, "new")!;
                if (args.Positional.Count > 2) return new PyUnknown("str.replace() with a count is not modelled");
                if (old.Length == 0) return new PyUnknown("str.replace() of the empty string is not modelled");
                // The result's length is known before it is built: a megabyte replaced into each of a
                // megabyte's characters must not be built to be refused.
                if (@new.Length > old.Length && (long)CountOf(s, old) * (@new.Length - old.Length) + s.Length > Py.MaxStringLength)
                    return new PyUnknown($"string longer than {Py.MaxStringLength} characters");
                return Py.Str(s.Replace(old, @new, StringComparison.Ordinal));
            }
            case "split" or "rsplit":
            {
                var sep = Arg(0, "sep");
                var maxV = args.Get(1, "maxsplit");
                var max = maxV is null ? -1 : (int)(Py.Number(maxV) ?? -1);
                if (sep is not null && sep.Length == 0) throw new PyRaise("ValueError", "empty separator");
                return Py.List(Split(s, sep, max, method == "rsplit").Select(p => (PyValue)new PyStr(p)));
            }
            case "splitlines":
            {
                var lines = new List<PyValue>();
                var start = 0;
                for (var i = 0; i < s.Length; i++)
                {
                    if (s[i] is not ('\n' or '\r')) continue;
                    lines.Add(new PyStr(s[start..i]));
                    if (s[i] == '\r' && i + 1 < s.Length && s[i + 1] == '\n') i++;
                    start = i + 1;
                }
                if (start < s.Length) lines.Add(new PyStr(s[start..]));
                return Py.List(lines);
            }
            case "join":
            {
                var items = Iterate(args.Get(0, "iterable") ?? PyNone.Instance);
                if (items is null) return new PyUnknown("join() of an unknown value");
                if (items.Any(i => i is PyUnknown)) return new PyUnknown("join() of unknown items");
                if (items.Any(i => i is not PyStr)) throw new PyRaise("TypeError", "sequence item: expected str instance");
                if (items.Sum(i => (long)((PyStr)i).Value.Length) + (long)s.Length * Math.Max(0, items.Count - 1) > Py.MaxStringLength)
                    return new PyUnknown($"string longer than {Py.MaxStringLength} characters");
                return Py.Str(string.Join(s, items.Select(i => ((PyStr)i).Value)));
            }
            case "format":
                return Formatting.Format(s, args.Positional, args.Keywords);
            case "find": return new PyInt(s.IndexOf(Arg(0, "sub")!, StringComparison.Ordinal));
            case "rfind": return new PyInt(s.LastIndexOf(Arg(0, "sub")!, StringComparison.Ordinal));
            case "count":
            {
                var sub = Arg(0, "sub")!;
                if (sub.Length == 0) return new PyInt(s.Length + 1);
                return new PyInt(CountOf(s, sub));
            }
            case "partition" or "rpartition":
            {
                var sep = Arg(0, "sep")!;
                var i = method == "partition" ? s.IndexOf(sep, StringComparison.Ordinal) : s.LastIndexOf(sep, StringComparison.Ordinal);
                if (i < 0) return method == "partition" ? Py.Tuple([new PyStr(s), new PyStr(""), new PyStr("")]) : Py.Tuple([new PyStr(""), new PyStr(""), new PyStr(s)]);
                return Py.Tuple([new PyStr(s[..i]), new PyStr(sep), new PyStr(s[(i + sep.Length)..])]);
            }
            case "removeprefix": return Py.Str(Arg(0, "prefix") is { } p && s.StartsWith(p, StringComparison.Ordinal) ? s[p.Length..] : s);
            case "removesuffix": return Py.Str(Arg(0, "suffix") is { Length: > 0 } x && s.EndsWith(x, StringComparison.Ordinal) ? s[..^x.Length] : s);
            case "isdigit" or "isnumeric" or "isdecimal": return Py.Bool(s.Length > 0 && s.All(char.IsDigit));
            case "isalpha": return Py.Bool(s.Length > 0 && s.All(char.IsLetter));
            case "isalnum": return Py.Bool(s.Length > 0 && s.All(char.IsLetterOrDigit));
            case "isspace": return Py.Bool(s.Length > 0 && s.All(char.IsWhiteSpace));
            case "islower": return Py.Bool(s.Any(char.IsLetter) && !s.Any(char.IsUpper));
            case "isupper": return Py.Bool(s.Any(char.IsLetter) && !s.Any(char.IsLower));
            case "encode": return new PyBytes([.. System.Text.Encoding.UTF8.GetBytes(s)]);
            case "zfill":
            {
                var width = Py.Number(args.Get(0, "width") ?? new PyInt(0)) ?? 0;
                if (width > Py.MaxStringLength) return new PyUnknown($"string longer than {Py.MaxStringLength} characters");
                return Py.Str(s.Length >= width ? s : new string('0', (int)width - s.Length) + s);
            }
        }
        return new PyUnknown($"str.{method}() is not modelled");
    }

    /// <summary>Non-overlapping occurrences of a non-empty <paramref name="sub"/>, as str.count.</summary>
    private static int CountOf(string s, string sub)
    {
        var n = 0;
        for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    internal static readonly char[] PyWhitespace = [' ', '\t', '\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x1f', '\x85', '\u00a0'];

    /// <summary>str.split / rsplit, with Python's whitespace rule when <paramref name="sep"/> is null.</summary>
    internal static List<string> Split(string s, string? sep, int max, bool fromRight)
    {
        var result = new List<string>();
        if (sep is null)
        {
            var words = new List<(int Start, int End)>();
            var i = 0;
            while (i < s.Length)
            {
                while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
                if (i >= s.Length) break;
                var start = i;
                while (i < s.Length && !char.IsWhiteSpace(s[i])) i++;
                words.Add((start, i));
            }
            if (max < 0 || words.Count <= max + 1) return words.Select(w => s[w.Start..w.End]).ToList();
            if (!fromRight)
            {
                result.AddRange(words.Take(max).Select(w => s[w.Start..w.End]));
                result.Add(s[words[max].Start..].TrimEnd(PyWhitespace));
            }
            else
            {
                var keep = words.Count - max;
                result.Add(s[..words[keep - 1].End].TrimStart(PyWhitespace));
                result.AddRange(words.Skip(keep).Select(w => s[w.Start..w.End]));
            }
            return result;
        }
        var parts = s.Split(sep);
        if (max < 0 || parts.Length <= max + 1) return [.. parts];
        if (!fromRight)
        {
            result.AddRange(parts.Take(max));
            result.Add(string.Join(sep, parts.Skip(max)));
        }
        else
        {
            result.Add(string.Join(sep, parts.Take(parts.Length - max)));
            result.AddRange(parts.Skip(parts.Length - max));
        }
        return result;
    }

    private static PyValue PathMethod(PyPath p, string method, CallArgs args)
    {
        switch (method)
        {
            case "resolve" or "absolute":
                return p.Value.StartsWith('/') ? new PyPath(method == "resolve" ? Methods.NormPath(p.Value) : p.Value)
                    : new PyUnknown($"Path.{method}() of a relative path depends on the working directory");
            case "joinpath":
            {
                var result = p.Value;
                foreach (var a in args.Positional)
                    result = Methods.JoinPath(result, Py.ToStr(a) ?? throw new PyRaise("TypeError", "expected str"));
                return new PyPath(Methods.PurePath(result));
            }
            case "as_posix" or "__str__" or "__fspath__": return new PyStr(p.Value);
            case "with_name":
                return args.Get(0, "name") is PyStr wn ? new PyPath(Methods.JoinPath(((PyPath)Methods.PathAttribute(p, "parent")).Value, wn.Value)) : new PyUnknown("with_name()");
            case "with_suffix":
            {
                if (args.Get(0, "suffix") is not PyStr ws) return new PyUnknown("with_suffix()");
                var stem = ((PyStr)Methods.PathAttribute(p, "stem")).Value;
                return new PyPath(Methods.JoinPath(((PyPath)Methods.PathAttribute(p, "parent")).Value, stem + ws.Value));
            }
            case "is_absolute": return Py.Bool(p.Value.StartsWith('/'));
        }
        return new PyUnknown($"Path.{method}() depends on the deployed file system");
    }
}
