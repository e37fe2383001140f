using Tomlyn;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace DjangoPreflight.Analysis.Toml;

/// <summary>
/// Reads the TOML of pyproject.toml, Pipfile and lock files with Tomlyn (TOML 1.1, a superset of
/// the 1.0 those files are written in) and turns its syntax tree into our values, each with the line
/// it starts on, which configuration errors and findings cite. Tomlyn validates the whole document
/// first (syntax, duplicate keys and tables, escapes, dates): a document it rejects raises
/// <see cref="TomlException"/> with Tomlyn's first error and its line, so nothing is ever half read.
/// </summary>
public static class TomlReader
{
    /// <summary>Nested arrays and inline tables deeper than this are refused (by Tomlyn), so hostile
    /// input cannot exhaust the stack; no real file nests a tenth as deep.</summary>
    public const int MaxDepth = 100;

    // Tomlyn counts the document itself as the first level.
    private static readonly TomlSerializerOptions Options = new() { MaxDepth = MaxDepth + 1 };

    public static TomlTable Parse(string text)
    {
        DocumentSyntax document;
        try
        {
            document = SyntaxParser.Parse(text, Options, sourceName: null, validate: true);
        }
        catch (Tomlyn.TomlException e)
        {
            // Tomlyn throws (rather than reporting a diagnostic) only when nesting passes MaxDepth; its
            // message names its own API, so the user gets ours.
            throw new TomlException($"arrays and inline tables nested deeper than {MaxDepth}", e.Line ?? 1);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Tomlyn 2.11.1's lexer throws while describing a \U escape that names a surrogate or a
            // code point past U+10FFFF (found by the fuzz target): that is invalid TOML, said as such.
            throw new TomlException("invalid unicode escape (a surrogate or a code point past U+10FFFF)", 1);
        }
        if (document.Diagnostics.FirstOrDefault(d => d.Kind == DiagnosticMessageKind.Error) is { } error)
            throw new TomlException(error.Message, Line(error.Span));
        var root = new TomlTable([], 1);
        foreach (var keyValue in document.KeyValues) Set(root, keyValue);
        foreach (var header in document.Tables)
        {
            var line = Line(header.Span);
            var table = new TomlTable([], line);
            var keys = Keys(header.Name!);
            if (header is TableArraySyntax)
            {
                var parent = Walk(root, keys[..^1], line);
                if (parent[keys[^1]] is not TomlArray array)
                    parent.Entries[keys[^1]] = array = new TomlArray([], line) { OfTables = true };
                array.Items.Add(table);
            }
            else
            {
                // A header after a deeper one ([a] after [a.b]) keeps what was made on the way and takes its own line.
                var parent = Walk(root, keys[..^1], line);
                if (parent[keys[^1]] is TomlTable implicitly)
                    table = implicitly with { Line = line };
                parent.Entries[keys[^1]] = table;
            }
            foreach (var keyValue in header.Items) Set(table, keyValue);
        }
        return root;
    }

    /// <summary>Sets a key-value in <paramref name="table"/>, making the tables a dotted key names.</summary>
    private static void Set(TomlTable table, KeyValueSyntax keyValue)
    {
        var line = Line(keyValue.Span);
        var keys = Keys(keyValue.Key!);
        Walk(table, keys[..^1], line).Entries[keys[^1]] = Value(keyValue.Value!, line);
    }

    /// <summary>The table at <paramref name="keys"/> under <paramref name="table"/>, made where missing;
    /// through an array of tables, its last table (where <c>[a.b]</c> after <c>[[a]]</c> goes).</summary>
    private static TomlTable Walk(TomlTable table, IEnumerable<string> keys, int line)
    {
        foreach (var key in keys)
        {
            table = table[key] switch
            {
                TomlTable t => t,
                TomlArray { OfTables: true } a => (TomlTable)a.Items[^1],
                _ => (TomlTable)(table.Entries[key] = new TomlTable([], line)),
            };
        }
        return table;
    }

    private static TomlValue Value(ValueSyntax value, int line) => value switch
    {
        StringValueSyntax s => new TomlString(s.Value ?? "", line),
        BooleanValueSyntax b => new TomlScalar(b.Value ? "true" : "false", TomlScalarKind.Boolean, line),
        IntegerValueSyntax i => new TomlScalar(i.Token!.Text!, TomlScalarKind.Integer, line),
        FloatValueSyntax f => new TomlScalar(f.Token!.Text!, TomlScalarKind.Float, line),
        DateTimeValueSyntax d => new TomlScalar(d.Token!.Text!, TomlScalarKind.DateTime, line),
        ArraySyntax a => new TomlArray(a.Items.Select(item => Value(item.Value!, Line(item.Value!.Span))).ToList(), line),
        InlineTableSyntax t => Inline(t, line),
        _ => throw new TomlException($"unexpected {value.Kind}", line),
    };

    private static TomlTable Inline(InlineTableSyntax syntax, int line)
    {
        var table = new TomlTable([], line);
        foreach (var item in syntax.Items) Set(table, item.KeyValue!);
        return table;
    }

    /// <summary>"a.'b c'.d" as its parts.</summary>
    private static string[] Keys(KeySyntax key) =>
        [Name(key.Key!), .. key.DotKeys.Select(d => Name(d.Key!))];

    private static string Name(BareKeyOrStringValueSyntax key) => key switch
    {
        BareKeySyntax bare => bare.Key!.Text!,
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => throw new TomlException($"unexpected key {key.Kind}", Line(key.Span)),
    };

    /// <summary>Tomlyn counts lines from 0; ours (and every editor's) from 1.</summary>
    private static int Line(SourceSpan span) => span.Start.Line + 1;
}
