using System.Text;

namespace DjangoPreflight.Analysis.Toml;

/// <summary>
/// A strict reader of the TOML 1.0 that pyproject.toml, Pipfile and lock files use: tables, arrays of
/// tables, dotted and quoted keys, basic/literal/multi-line strings with escapes, arrays (across lines,
/// trailing comma allowed), inline tables, and booleans, numbers and dates (validated, kept raw).
/// Whatever it does not accept (duplicate keys or tables, unknown escapes, bare words as values, TOML 1.1's
/// multi-line inline tables) raises <see cref="TomlException"/> with the line: it never guesses.
/// </summary>
public sealed class TomlReader
{
    /// <summary>Nested arrays and inline tables deeper than this are refused, so hostile input cannot exhaust the stack.</summary>
    private const int MaxDepth = 100;

    private readonly string _s;
    private int _i;
    private int _line = 1;
    private int _depth;

    private TomlReader(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        _s = text.StartsWith('\uFEFF') ? text[1..] : text;
    }

    public static TomlTable Parse(string text) => new TomlReader(text).Document();

    private TomlTable Document()
    {
        var root = NewTable(1, TomlTableOrigin.Header);
        var current = root;
        while (true)
        {
            SkipBlankLines();
            if (_i >= _s.Length) return root;
            if (Peek == '[')
            {
                var line = _line;
                var arrayOfTables = At("[[");
                _i += arrayOfTables ? 2 : 1;
                var keys = Key();
                Expect(arrayOfTables ? "]]" : "]", "to close the table header");
                current = arrayOfTables ? AppendTable(root, keys, line) : DefineTable(root, keys, line);
            }
            else
            {
                KeyValue(current);
            }
            EndOfLine();
        }
    }

    // keyval = key keyval-sep val
    private void KeyValue(TomlTable table)
    {
        var line = _line;
        var keys = Key();
        if (_i >= _s.Length || Peek != '=') throw Error($"expected '=' after the key '{Dotted(keys)}'");
        _i++;
        SkipSpaces();
        var value = Value();
        var target = table;
        for (var k = 0; k < keys.Count - 1; k++) target = DottedChild(target, keys, k, line);
        if (!target.Entries.TryAdd(keys[^1], value)) throw new TomlException($"duplicate key '{Dotted(keys)}'", line);
    }

    // key = simple-key / dotted-key; simple-key = quoted-key / unquoted-key
    private List<string> Key()
    {
        var keys = new List<string>();
        while (true)
        {
            SkipSpaces();
            if (_i < _s.Length && Peek is '"' or '\'')
            {
                if (At("\"\"\"") || At("'''")) throw Error("a multi-line string cannot be a key");
                keys.Add(StringValue().Value);
            }
            else
            {
                var start = _i;
                while (_i < _s.Length && (char.IsAsciiLetterOrDigit(Peek) || Peek is '_' or '-')) _i++;
                if (_i == start)
                    throw Error(_i < _s.Length && Peek != '\n' ? $"unexpected '{Peek}' where a key was expected" : "expected a key");
                keys.Add(_s[start.._i]);
            }
            SkipSpaces();
            if (_i < _s.Length && Peek == '.') _i++;
            else return keys;
        }
    }

    private TomlValue Value()
    {
        if (_i >= _s.Length || Peek is '\n' or '#') throw Error("expected a value");
        switch (Peek)
        {
            case '"' or '\'':
                return StringValue();
            case '[':
                return Nested(ArrayValue);
            case '{':
                return Nested(InlineTable);
            default:
                return ScalarValue();
        }
    }

    private TomlValue Nested(Func<TomlValue> read)
    {
        if (++_depth > MaxDepth) throw Error($"arrays and inline tables nested deeper than {MaxDepth}");
        var value = read();
        _depth--;
        return value;
    }

    // array = [ ws-comment-newline values ws-comment-newline ]; a trailing comma is allowed
    private TomlArray ArrayValue()
    {
        var line = _line;
        _i++;
        var items = new List<TomlValue>();
        while (true)
        {
            SkipBlankLines();
            if (_i >= _s.Length) throw Error($"unterminated array (opened on line {line})");
            if (Peek == ']')
            {
                _i++;
                return new TomlArray(items, line);
            }
            items.Add(Value());
            SkipBlankLines();
            if (_i < _s.Length && Peek == ',') _i++;
            else if (_i >= _s.Length || Peek != ']') throw Error(_i >= _s.Length ? $"unterminated array (opened on line {line})" : "expected ',' or ']' in an array");
        }
    }

    // inline-table = { ws [ keyval *( ws , ws keyval ) ] ws }: one line, no trailing comma (TOML 1.0)
    private TomlTable InlineTable()
    {
        var line = _line;
        _i++;
        var table = NewTable(line, TomlTableOrigin.Inline);
        SkipSpaces();
        if (_i < _s.Length && Peek == '}')
        {
            _i++;
            return table;
        }
        while (true)
        {
            KeyValue(table);
            SkipSpaces();
            if (_i < _s.Length && Peek == ',')
            {
                _i++;
                SkipSpaces();
                if (_i < _s.Length && Peek == '}') throw Error("trailing comma in an inline table (TOML 1.0 does not allow it)");
                if (_i >= _s.Length || Peek is '\n' or '#') throw Error("an inline table must end on the line it starts (TOML 1.0)");
            }
            else if (_i < _s.Length && Peek == '}')
            {
                _i++;
                return table;
            }
            else if (_i >= _s.Length || Peek is '\n' or '#') throw Error("an inline table must end on the line it starts (TOML 1.0)");
            else throw Error("expected ',' or '}' in an inline table");
        }
    }

    private TomlScalar ScalarValue()
    {
        var line = _line;
        var start = _i;
        while (_i < _s.Length && Peek is not (',' or ']' or '}' or '\n' or '#' or ' ' or '\t')) _i++;
        // A date and a time may be separated by one space: "1979-05-27 07:32:00".
        if (_i - start == 10 && _i + 1 < _s.Length && Peek == ' ' && char.IsAsciiDigit(_s[_i + 1]) && _s[start + 4] == '-')
        {
            _i++;
            while (_i < _s.Length && Peek is not (',' or ']' or '}' or '\n' or '#' or ' ' or '\t')) _i++;
        }
        var raw = _s[start.._i];
        if (TomlScalars.Classify(raw) is { } kind) return new TomlScalar(raw, kind, line);
        var shown = raw.Length > 40 ? raw[..40] + "..." : raw;
        throw new TomlException(raw is "True" or "False" or "yes" or "no" or "on" or "off"
            ? $"invalid value '{shown}' (TOML booleans are true and false)"
            : $"invalid value '{shown}' (strings must be quoted)", line);
    }

    private TomlString StringValue()
    {
        var line = _line;
        var quote = Peek;
        var literal = quote == '\'';
        var delimiter = new string(quote, 3);
        var multi = At(delimiter);
        _i += multi ? 3 : 1;
        if (multi && _i < _s.Length && Peek == '\n') Advance(); // a newline right after the opening quotes is trimmed
        var text = new StringBuilder();
        while (true)
        {
            if (_i >= _s.Length) throw new TomlException("unterminated string", line);
            var c = Peek;
            if (multi && At(delimiter))
            {
                // Up to two quotes may precede the closing three: they belong to the string.
                var run = 0;
                while (_i + run < _s.Length && _s[_i + run] == quote) run++;
                if (run > 5) throw Error("too many quotes closing a multi-line string");
                text.Append(quote, run - 3);
                _i += run;
                return new TomlString(text.ToString(), line);
            }
            if (!multi && c == quote)
            {
                _i++;
                return new TomlString(text.ToString(), line);
            }
            if (c == '\n')
            {
                if (!multi) throw new TomlException("newline in a string (use a multi-line string, \"\"\" or ''')", line);
                text.Append(c);
                Advance();
                continue;
            }
            if (c == '\\' && !literal)
            {
                Escape(text, multi);
                continue;
            }
            if (char.IsControl(c) && c != '\t') throw Error($"control character U+{(int)c:X4} in a string (escape it)");
            text.Append(c);
            _i++;
        }
    }

    private void Escape(StringBuilder text, bool multi)
    {
        _i++;
        if (_i >= _s.Length) throw Error("unterminated string");
        var e = Peek;
        if (multi && e is ' ' or '\t' or '\n')
        {
            // A line-ending backslash trims the newline and all whitespace that follows; after it
            // only spaces may stand before the newline.
            var j = _i;
            while (j < _s.Length && _s[j] is ' ' or '\t') j++;
            if (j >= _s.Length || _s[j] != '\n') throw Error("invalid escape '\\ ' (a backslash before spaces must end the line)");
            while (_i < _s.Length && Peek is ' ' or '\t' or '\n') Advance();
            return;
        }
        _i++;
        text.Append(e switch
        {
            'n' => "\n",
            't' => "\t",
            'r' => "\r",
            'b' => "\b",
            'f' => "\f",
            '"' => "\"",
            '\\' => "\\",
            'u' => Unicode(4),
            'U' => Unicode(8),
            _ => throw Error($"invalid escape '\\{e}'"),
        });
    }

    private string Unicode(int digits)
    {
        var code = 0L;
        for (var d = 0; d < digits; d++, _i++)
        {
            if (_i >= _s.Length || !char.IsAsciiHexDigit(Peek)) throw Error($"invalid unicode escape (expected {digits} hex digits)");
            code = code * 16 + Convert.ToInt32(Peek.ToString(), 16);
        }
        if (code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF) throw Error($"invalid unicode escape U+{code:X} (not a Unicode scalar value)");
        return char.ConvertFromUtf32((int)code);
    }

    /// <summary>The table a dotted key's prefix names, creating it; tables from headers and inline tables are closed to dotted keys.</summary>
    private static TomlTable DottedChild(TomlTable table, List<string> keys, int index, int line)
    {
        var key = keys[index];
        switch (table[key])
        {
            case null:
                var created = NewTable(line, TomlTableOrigin.Dotted);
                table.Entries[key] = created;
                return created;
            case TomlTable { Origin: TomlTableOrigin.Dotted or TomlTableOrigin.Implicit } t:
                return t;
            case TomlTable { Origin: TomlTableOrigin.Inline }:
                throw new TomlException($"cannot add to the inline table '{Dotted(keys, index + 1)}'", line);
            case TomlTable:
                throw new TomlException($"cannot add to the table '[{Dotted(keys, index + 1)}]' with a dotted key after its header", line);
            default:
                throw new TomlException($"key '{Dotted(keys, index + 1)}' is not a table", line);
        }
    }

    /// <summary>A step of a <c>[header]</c>'s path: any table but an inline one, or the last table of an array of tables.</summary>
    private static TomlTable HeaderStep(TomlTable table, List<string> keys, int index, int line)
    {
        var key = keys[index];
        switch (table[key])
        {
            case null:
                var created = NewTable(line, TomlTableOrigin.Implicit);
                table.Entries[key] = created;
                return created;
            case TomlTable { Origin: TomlTableOrigin.Inline }:
                throw new TomlException($"cannot add to the inline table '{Dotted(keys, index + 1)}'", line);
            case TomlTable t:
                return t;
            case TomlArray { OfTables: true, Items: [.., TomlTable last] }:
                return last;
            default:
                throw new TomlException($"key '{Dotted(keys, index + 1)}' is not a table", line);
        }
    }

    // std-table = [ key ]
    private static TomlTable DefineTable(TomlTable root, List<string> keys, int line)
    {
        var parent = root;
        for (var k = 0; k < keys.Count - 1; k++) parent = HeaderStep(parent, keys, k, line);
        var name = Dotted(keys);
        switch (parent[keys[^1]])
        {
            case null:
                var created = NewTable(line, TomlTableOrigin.Header);
                parent.Entries[keys[^1]] = created;
                return created;
            case TomlTable { Origin: TomlTableOrigin.Implicit } implicitTable:
                // Named before by a deeper header; defined now: it takes this header's line.
                var defined = NewTable(line, TomlTableOrigin.Header);
                foreach (var (k, v) in implicitTable.Entries) defined.Entries.Add(k, v);
                parent.Entries[keys[^1]] = defined;
                return defined;
            case TomlTable { Origin: TomlTableOrigin.Header }:
                throw new TomlException($"duplicate table [{name}]", line);
            case TomlTable:
                throw new TomlException($"table [{name}] was already defined by a dotted key or an inline table", line);
            case TomlArray { OfTables: true }:
                throw new TomlException($"[{name}] is an array of tables (write [[{name}]])", line);
            default:
                throw new TomlException($"duplicate key '{name}' (it already holds a value)", line);
        }
    }

    // array-table = [[ key ]]
    private static TomlTable AppendTable(TomlTable root, List<string> keys, int line)
    {
        var parent = root;
        for (var k = 0; k < keys.Count - 1; k++) parent = HeaderStep(parent, keys, k, line);
        var name = Dotted(keys);
        TomlArray array;
        switch (parent[keys[^1]])
        {
            case null:
                array = new TomlArray([], line) { OfTables = true };
                parent.Entries[keys[^1]] = array;
                break;
            case TomlArray { OfTables: true } existing:
                array = existing;
                break;
            default:
                throw new TomlException($"[[{name}]] names a key that is not an array of tables", line);
        }
        var table = NewTable(line, TomlTableOrigin.Header);
        array.Items.Add(table);
        return table;
    }

    private static TomlTable NewTable(int line, TomlTableOrigin origin) =>
        new(new Dictionary<string, TomlValue>(StringComparer.Ordinal), line) { Origin = origin };

    private static string Dotted(List<string> keys, int count = -1) =>
        string.Join('.', keys.Take(count < 0 ? keys.Count : count).Select(k => k.Length > 0 && k.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? k : $"\"{k}\""));

    /// <summary>After a key/value pair or a header: only spaces and a comment may follow on the line.</summary>
    private void EndOfLine()
    {
        SkipSpaces();
        if (_i < _s.Length && Peek == '#') SkipComment();
        if (_i < _s.Length && Peek != '\n') throw Error($"unexpected '{Peek}' at the end of a line (one key/value pair or header per line)");
    }

    private void SkipSpaces()
    {
        while (_i < _s.Length && Peek is ' ' or '\t') _i++;
    }

    private void SkipComment()
    {
        while (_i < _s.Length && Peek != '\n')
        {
            if (char.IsControl(Peek) && Peek != '\t') throw Error($"control character U+{(int)Peek:X4} in a comment");
            _i++;
        }
    }

    /// <summary>Skips spaces, comments and newlines (between statements and inside arrays).</summary>
    private void SkipBlankLines()
    {
        while (_i < _s.Length)
        {
            var c = Peek;
            if (c is ' ' or '\t') _i++;
            else if (c == '\n') Advance();
            else if (c == '#') SkipComment();
            else return;
        }
    }

    private char Peek => _s[_i];

    private bool At(string text) => string.CompareOrdinal(_s, _i, text, 0, text.Length) == 0;

    private void Advance()
    {
        if (_s[_i] == '\n') _line++;
        _i++;
    }

    private void Expect(string text, string why)
    {
        SkipSpaces();
        if (!At(text)) throw Error($"expected '{text}' {why}");
        _i += text.Length;
    }

    private TomlException Error(string message) => new(message, _line);
}
