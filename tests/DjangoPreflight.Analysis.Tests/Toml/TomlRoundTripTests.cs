using System.Text;
using CsCheck;
using DjangoPreflight.Analysis.Toml;

namespace DjangoPreflight.Analysis.Tests.Toml;

/// <summary>Property test (CsCheck): any document of tables, dotted keys, inline tables, arrays of tables,
/// strings, integers and booleans, with keys and strings of any characters written in any of TOML's
/// quotings, reads back as the values written, each at the line it was written on. A failure prints the
/// shrunk document and its seed.</summary>
public sealed class TomlRoundTripTests
{
    /// <summary>A value of the generated model: a string, integer, boolean, array of scalars or table.</summary>
    private abstract record Node;
    private sealed record Str(string Value, int Quoting) : Node;
    private sealed record Int(long Value) : Node;
    private sealed record Bool(bool Value) : Node;
    private sealed record Arr(Node[] Items) : Node;
    private sealed record Table((string Key, int Quoting, Node Value)[] Entries, int Form) : Node;

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Char["abcXYZ09_-"].Array[1, 8].Select(c => new string(c)),
        Gen.Char.Array[0, 12].Select(c => new string(c)).Where(s => !s.Any(char.IsSurrogate)),
        Gen.Char["a b.\"'\\\t\n\r\u0001\u007fé😀=#[]{}"].Array[0, 12].Select(c => new string(c)).Where(s => !s.Any(char.IsSurrogate)));

    private static readonly Gen<Node> Scalar = Gen.OneOf<Node>(
        Gen.Select(Text, Gen.Int[0, 2], (s, q) => (Node)new Str(s, q)),
        Gen.Long.Select(n => (Node)new Int(n)),
        Gen.Bool.Select(b => (Node)new Bool(b)));

    private static readonly Gen<Node> Value = Gen.OneOf<Node>(Scalar, Scalar, Scalar.Array[0, 4].Select(items => (Node)new Arr(items)));

    private static Gen<Table> TableOf(int depth) =>
        Gen.Select(
            Gen.Select(Text.Where(k => k.Length > 0), Gen.Int[0, 1], depth == 0 ? Value : Gen.OneOf<Node>(Value, Value, TableOf(depth - 1).Select(t => (Node)t)))
                .Array[0, 5].Select(entries => entries.DistinctBy(e => e.Item1).ToArray()),
            Gen.Int[0, 2],
            (entries, form) => new Table(entries, form));

    [Fact]
    public void Any_document_reads_back_as_written_at_the_lines_written()
    {
        TableOf(2).Sample(model =>
        {
            var (text, lines) = Render(model);
            var doc = TomlReader.Parse(text);
            AssertSame(model, doc, "", lines);
        }, iter: 500, print: model => Render(model).Text);
    }

    private static void AssertSame(Node expected, TomlValue actual, string path, Dictionary<string, int> lines)
    {
        switch (expected)
        {
            case Str s: Assert.Equal(s.Value, Assert.IsType<TomlString>(actual).Value); break;
            case Int n: Assert.Equal((TomlScalarKind.Integer, n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), (((TomlScalar)actual).Kind, ((TomlScalar)actual).Raw)); break;
            case Bool b: Assert.Equal(b.Value ? "true" : "false", ((TomlScalar)actual).Raw); break;
            case Arr a:
                var array = Assert.IsType<TomlArray>(actual);
                Assert.Equal(a.Items.Length, array.Items.Count);
                for (var i = 0; i < a.Items.Length; i++) AssertSame(a.Items[i], array.Items[i], $"{path}[{i}]", lines);
                break;
            case Table t:
                var table = Assert.IsType<TomlTable>(actual);
                Assert.Equal(t.Entries.Select(e => e.Key).Order(StringComparer.Ordinal), table.Entries.Keys.Order(StringComparer.Ordinal));
                foreach (var (key, _, value) in t.Entries)
                {
                    var child = table.Entries[key];
                    if (lines.TryGetValue(path + "/" + key, out var written)) Assert.True(written == child.Line, $"{path}/{key}: line {child.Line}, written on {written}");
                    AssertSame(value, child, path + "/" + key, lines);
                }
                break;
        }
    }

    /// <summary>The document as TOML: the root's values, then each sub-table as a [header] (form 0), as
    /// dotted keys under its parent (form 1; an empty one inline) or inline (form 2); and the line of every
    /// key-value written on a line of its own, by its path.</summary>
    private static (string Text, Dictionary<string, int> Lines) Render(Table root)
    {
        var o = new StringBuilder();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var line = 1;
        void Emit(string s) { o.Append(s).Append('\n'); line++; }
        void Body(Table t, string path, string keyPrefix, List<(Table, string, string)> headers)
        {
            foreach (var (key, quoting, value) in t.Entries)
            {
                var written = keyPrefix + Key(key, quoting);
                if (value is Table sub && sub.Form == 0 && keyPrefix.Length == 0) headers.Add((sub, path + "/" + key, written));
                else if (value is Table { Entries.Length: > 0 } dotted && dotted.Form != 2) Body(dotted, path + "/" + key, written + ".", headers);
                else
                {
                    lines[path + "/" + key] = line;
                    Emit($"{written} = {Write(value)}");
                }
            }
        }
        var pending = new List<(Table, string, string)>();
        Body(root, "", "", pending);
        while (pending.Count > 0)
        {
            var (table, path, header) = pending[0];
            pending.RemoveAt(0);
            Emit($"[{header}]");
            var nested = new List<(Table, string, string)>();
            Body(table, path, "", nested);
            pending.InsertRange(0, nested.Select(n => (n.Item1, n.Item2, header + "." + n.Item3)));
        }
        return (o.ToString(), lines);
    }

    private static string Write(Node value) => value switch
    {
        Str s => Quote(s.Value, s.Quoting),
        Int n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Bool b => b.Value ? "true" : "false",
        Arr a => "[" + string.Join(", ", a.Items.Select(Write)) + "]",
        Table t => "{" + string.Join(", ", t.Entries.Select(e => $"{Key(e.Key, e.Quoting)} = {Write(e.Value)}")) + "}",
        _ => throw new InvalidOperationException(),
    };

    private static string Key(string key, int quoting) =>
        quoting == 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? key : Quote(key, 1);

    /// <summary>A string as a literal '...' (quoting 0, when it has no quote or control character) or a basic
    /// "..." with escapes (quoting 1; also 2, which escapes every non-ASCII character as \u or \U).</summary>
    private static string Quote(string s, int quoting)
    {
        if (quoting == 0 && !s.Any(c => c == '\'' || char.IsControl(c))) return $"'{s}'";
        var o = new StringBuilder("\"");
        foreach (var rune in s.EnumerateRunes())
        {
            var c = rune.Value;
            o.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                < 0x20 or 0x7f => $"\\u{c:X4}",
                > 0x7f when quoting == 2 => c > 0xFFFF ? $"\\U{c:X8}" : $"\\u{c:X4}",
                _ => rune.ToString(),
            });
        }
        return o.Append('"').ToString();
    }
}
