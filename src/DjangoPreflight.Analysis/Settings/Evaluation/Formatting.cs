using System.Globalization;
using System.Text;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>str % args, str.format and f-string fields, for the specifiers settings use.</summary>
internal static class Formatting
{
    public static PyValue Percent(string fmt, PyValue args)
    {
        if (args is PyUnknown u) return u;
        var positional = args is PyTuple t ? t.Items.ToList() : [args];
        var mapping = args as PyDict;
        var next = 0;
        var sb = new StringBuilder();
        for (var i = 0; i < fmt.Length; i++)
        {
            var c = fmt[i];
            if (c != '%') { sb.Append(c); continue; }
            if (++i >= fmt.Length) throw new PyRaise("ValueError", "incomplete format");
            PyValue arg;
            if (fmt[i] == '%') { sb.Append('%'); continue; }
            if (fmt[i] == '(')
            {
                var close = fmt.IndexOf(')', i);
                if (close < 0 || mapping is null) return new PyUnknown("%-format with a mapping is not modelled here");
                var key = fmt[(i + 1)..close];
                arg = mapping.Get(key) ?? throw new PyRaise("KeyError", key);
                i = close + 1;
            }
            else
            {
                if (next >= positional.Count) throw new PyRaise("TypeError", "not enough arguments for format string");
                arg = positional[next++];
            }
            var flagsStart = i;
            while (i < fmt.Length && "-+ #0123456789.".Contains(fmt[i])) i++;
            if (i >= fmt.Length) throw new PyRaise("ValueError", "incomplete format");
            var flags = fmt[flagsStart..i];
            var conv = fmt[i];
            if (arg is PyUnknown au) return au;
            string? text = conv switch
            {
                's' when flags.Length == 0 => Py.ToStr(arg),
                'r' when flags.Length == 0 => Py.Repr(arg),
                'd' or 'i' when flags.Length == 0 => Py.Number(arg) is { } n ? n.ToString(CultureInfo.InvariantCulture) : arg is PyFloat f ? ((long)Math.Truncate(f.Value)).ToString(CultureInfo.InvariantCulture) : throw new PyRaise("TypeError", "%d format: a number is required"),
                _ => null,
            };
            if (text is null) return new PyUnknown($"%-format specifier %{flags}{conv} is not modelled");
            sb.Append(text);
        }
        if (mapping is null && next < positional.Count && args is PyTuple)
            throw new PyRaise("TypeError", "not all arguments converted during string formatting");
        return Py.Str(sb.ToString());
    }

    /// <summary>str.format with {} / {0} / {name} fields, optional !s/!r and simple specs.</summary>
    public static PyValue Format(string fmt, IReadOnlyList<PyValue> args, IReadOnlyList<KeyValuePair<string, PyValue>> kwargs)
    {
        var sb = new StringBuilder();
        var auto = 0;
        for (var i = 0; i < fmt.Length; i++)
        {
            var c = fmt[i];
            if (c == '{' && i + 1 < fmt.Length && fmt[i + 1] == '{') { sb.Append('{'); i++; continue; }
            if (c == '}' && i + 1 < fmt.Length && fmt[i + 1] == '}') { sb.Append('}'); i++; continue; }
            if (c != '{') { sb.Append(c); continue; }
            var close = fmt.IndexOf('}', i);
            if (close < 0) throw new PyRaise("ValueError", "Single '{' encountered in format string");
            var field = fmt[(i + 1)..close];
            i = close;
            string? spec = null;
            var conversion = -1;
            var colon = field.IndexOf(':');
            if (colon >= 0) { spec = field[(colon + 1)..]; field = field[..colon]; }
            var bang = field.IndexOf('!');
            if (bang >= 0) { conversion = field.Length > bang + 1 ? field[bang + 1] : -1; field = field[..bang]; }
            PyValue arg;
            if (field.Length == 0)
            {
                if (auto >= args.Count) throw new PyRaise("IndexError", "Replacement index out of range");
                arg = args[auto++];
            }
            else if (int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var idx))
            {
                if (idx >= args.Count) throw new PyRaise("IndexError", "Replacement index out of range");
                arg = args[idx];
            }
            else
            {
                var found = kwargs.FirstOrDefault(k => k.Key == field);
                if (found.Key is null) return new PyUnknown($"format field {{{field}}} is not modelled");
                arg = found.Value;
            }
            var text = Field(arg, conversion, spec);
            if (text is PyUnknown u) return u;
            sb.Append(((PyStr)text).Value);
        }
        return Py.Str(sb.ToString());
    }

    /// <summary>One replacement field: conversion ('s', 'r', 'a' or -1) then format spec.</summary>
    public static PyValue Field(PyValue value, int conversion, string? spec)
    {
        if (value is PyUnknown u) return u;
        string? text;
        if (conversion == 'r' || conversion == 'a') text = Py.Repr(value);
        else if (conversion == 's' || string.IsNullOrEmpty(spec)) text = Py.ToStr(value);
        else text = Spec(value, spec);
        if (text is null) return new PyUnknown($"format of {Py.TypeName(value)} with spec '{spec}' is not modelled");
        if (conversion != -1 && !string.IsNullOrEmpty(spec)) return new PyUnknown("conversion with a format spec is not modelled");
        return Py.Str(text);
    }

    private static string? Spec(PyValue value, string spec)
    {
        if (spec == "s" && value is PyStr s) return s.Value;
        if (spec == "d" && Py.Number(value) is { } n && value is PyInt) return n.ToString(CultureInfo.InvariantCulture);
        if (spec.Length >= 3 && spec[0] == '.' && spec[^1] == 'f' && int.TryParse(spec[1..^1], out var digits) && Py.AsDouble(value) is { } d && digits < 20)
            return d.ToString("F" + digits, CultureInfo.InvariantCulture);
        return null;
    }
}
