using System.Globalization;
using System.Text;

namespace DjangoPreflight.Analysis.Dependencies;

/// <summary>A TOML value with the 1-based line it starts on.</summary>
public abstract record TomlValue(int Line);

public sealed record TomlString(string Value, int Line) : TomlValue(Line);

/// <summary>Numbers, booleans and dates, kept as written: nothing we read needs their value.</summary>
public sealed record TomlScalar(string Raw, int Line) : TomlValue(Line);

public sealed record TomlArray(List<TomlValue> Items, int Line) : TomlValue(Line);

public sealed record TomlTable(Dictionary<string, TomlValue> Entries, int Line) : TomlValue(Line)
{
    public TomlValue? this[string key] => Entries.GetValueOrDefault(key);

    /// <summary>The table at a dotted path of keys ("tool", "poetry", "dependencies"), or null.</summary>
    public TomlTable? Table(params string[] path)
    {
        TomlTable? t = this;
        foreach (var key in path) t = t?[key] as TomlTable;
        return t;
    }
}

public sealed class TomlException(string message, int line) : Exception(message)
{
    public int Line { get; } = line;
}

/// <summary>
/// A TOML reader sufficient for dependency files (pyproject.toml, Pipfile, poetry.lock, uv.lock): tables,
/// arrays of tables, dotted and quoted keys, basic/literal/multi-line strings, arrays, inline tables and
/// scalars. It does not validate everything the spec forbids; malformed input raises <see cref="TomlException"/>.
/// </summary>
public sealed class TomlReader
{
    private readonly string _s;
    private int _i;
    private int _line = 1;

    private TomlReader(string text) => _s = text.Replace("\r\n", "\n", StringComparison.Ordinal);

    public static TomlTable Parse(string text) => new TomlReader(text).Document();

    private TomlTable Document()
    {
        var root = new TomlTable(new Dictionary<string, TomlValue>(StringComparer.Ordinal), 1);
        var current = root;
        while (true)
        {
            SkipBlank(newlines: true);
            if (_i >= _s.Length) return root;
            if (Peek == '[')
            {
                var arrayOfTables = At("[[");
                _i += arrayOfTables ? 2 : 1;
                var line = _line;
                var keys = Key();
                SkipBlank(newlines: false);
                Expect(arrayOfTables ? "]]" : "]");
                current = arrayOfTables ? AppendTable(root, keys, line) : OpenTable(root, keys, line);
            }
            else
            {
                KeyValue(current);
            }
            SkipBlank(newlines: false);
            if (_i < _s.Length && Peek != '\n') throw Error($"unexpected '{Peek}' after a value");
        }
    }

    private void KeyValue(TomlTable table)
    {
        var line = _line;
        var keys = Key();
        SkipBlank(newlines: false);
        Expect("=");
        SkipBlank(newlines: false);
        var value = Value();
        var target = table;
        for (var k = 0; k < keys.Count - 1; k++) target = Child(target, keys[k], line);
        target.Entries[keys[^1]] = value;
    }

    private List<string> Key()
    {
        var keys = new List<string>();
        while (true)
        {
            SkipBlank(newlines: false);
            if (Peek == '"' || Peek == '\'') keys.Add(((TomlString)StringValue()).Value);
            else
            {
                var start = _i;
                while (_i < _s.Length && (char.IsAsciiLetterOrDigit(Peek) || Peek is '_' or '-')) _i++;
                if (_i == start) throw Error("expected a key");
                keys.Add(_s[start.._i]);
            }
            SkipBlank(newlines: false);
            if (_i < _s.Length && Peek == '.') _i++;
            else return keys;
        }
    }

    private TomlValue Value()
    {
        if (_i >= _s.Length) throw Error("expected a value");
        var line = _line;
        switch (Peek)
        {
            case '"' or '\'':
                return StringValue();
            case '[':
                _i++;
                var items = new List<TomlValue>();
                while (true)
                {
                    SkipBlank(newlines: true);
                    if (_i < _s.Length && Peek == ']')
                    {
                        _i++;
                        return new TomlArray(items, line);
                    }
                    items.Add(Value());
                    SkipBlank(newlines: true);
                    if (_i < _s.Length && Peek == ',') _i++;
                    else if (_i >= _s.Length || Peek != ']') throw Error("expected ',' or ']' in an array");
                }
            case '{':
                _i++;
                var table = new TomlTable(new Dictionary<string, TomlValue>(StringComparer.Ordinal), line);
                SkipBlank(newlines: false);
                if (_i < _s.Length && Peek == '}')
                {
                    _i++;
                    return table;
                }
                while (true)
                {
                    KeyValue(table);
                    SkipBlank(newlines: false);
                    if (_i < _s.Length && Peek == ',') _i++;
                    else if (_i < _s.Length && Peek == '}')
                    {
                        _i++;
                        return table;
                    }
                    else throw Error("expected ',' or '}' in an inline table");
                }
            default:
                var start = _i;
                while (_i < _s.Length && Peek is not (',' or ']' or '}' or '\n' or '#')) _i++;
                var raw = _s[start.._i].TrimEnd();
                if (raw.Length == 0) throw Error("expected a value");
                return new TomlScalar(raw, line);
        }
    }

    private TomlValue StringValue()
    {
        var line = _line;
        var quote = Peek;
        var literal = quote == '\'';
        var multi = At(new string(quote, 3));
        _i += multi ? 3 : 1;
        if (multi && _i < _s.Length && Peek == '\n') Advance(); // a newline right after the opening quotes is trimmed
        var text = new StringBuilder();
        while (true)
        {
            if (_i >= _s.Length) throw new TomlException("unterminated string", line);
            var c = Peek;
            if (multi && At(new string(quote, 3)))
            {
                // Up to two quotes may precede the closing three: they belong to the string.
                var run = 0;
                while (_i + run < _s.Length && _s[_i + run] == quote && run < 5) run++;
                text.Append(quote, run - 3);
                _i += run;
                return new TomlString(text.ToString(), line);
            }
            if (!multi && c == quote)
            {
                _i++;
                return new TomlString(text.ToString(), line);
            }
            if (!multi && c == '\n') throw new TomlException("newline in a string", line);
            if (c == '\\' && !literal)
            {
                _i++;
                if (_i >= _s.Length) throw new TomlException("unterminated string", line);
                var e = Peek;
                if (multi && (e == '\n' || e == ' ' || e == '\t'))
                {
                    // Line-ending backslash: trim the newline and the whitespace that follows.
                    while (_i < _s.Length && char.IsWhiteSpace(Peek)) Advance();
                    continue;
                }
                _i++;
                text.Append(e switch
                {
                    'n' => "\n", 't' => "\t", 'r' => "\r", 'b' => "\b", 'f' => "\f", '"' => "\"", '\\' => "\\",
                    'u' => Unicode(4), 'U' => Unicode(8),
                    _ => throw new TomlException($"invalid escape '\\{e}'", _line),
                });
                continue;
            }
            text.Append(c);
            Advance();
        }
    }

    private string Unicode(int digits)
    {
        if (_i + digits > _s.Length || !int.TryParse(_s.AsSpan(_i, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
            throw Error("invalid unicode escape");
        _i += digits;
        return char.ConvertFromUtf32(code);
    }

    private static TomlTable Child(TomlTable table, string key, int line)
    {
        switch (table[key])
        {
            case TomlTable t:
                return t;
            case TomlArray { Items: [.., TomlTable last] }:
                return last;
            case null:
                var created = new TomlTable(new Dictionary<string, TomlValue>(StringComparer.Ordinal), line);
                table.Entries[key] = created;
                return created;
            default:
                throw new TomlException($"key '{key}' is not a table", line);
        }
    }

    private static TomlTable OpenTable(TomlTable root, List<string> keys, int line)
    {
        var t = root;
        foreach (var key in keys) t = Child(t, key, line);
        return t;
    }

    private static TomlTable AppendTable(TomlTable root, List<string> keys, int line)
    {
        var parent = root;
        for (var k = 0; k < keys.Count - 1; k++) parent = Child(parent, keys[k], line);
        if (parent[keys[^1]] is not TomlArray array)
        {
            if (parent[keys[^1]] is not null) throw new TomlException($"key '{keys[^1]}' is not an array of tables", line);
            array = new TomlArray([], line);
            parent.Entries[keys[^1]] = array;
        }
        var table = new TomlTable(new Dictionary<string, TomlValue>(StringComparer.Ordinal), line);
        array.Items.Add(table);
        return table;
    }

    private void SkipBlank(bool newlines)
    {
        while (_i < _s.Length)
        {
            var c = Peek;
            if (c is ' ' or '\t' or '\r') _i++;
            else if (c == '\n' && newlines) Advance();
            else if (c == '#')
                while (_i < _s.Length && Peek != '\n') _i++;
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

    private void Expect(string text)
    {
        if (!At(text)) throw Error($"expected '{text}'");
        _i += text.Length;
    }

    private TomlException Error(string message) => new(message, _line);
}
