using System.Collections.Immutable;
using System.Text;
using DjangoPreflight.Python.Ast;
using DjangoPreflight.Python.Parsing;

namespace DjangoPreflight.Python;

/// <summary>
/// Entry point: parses Python 3.8-3.13 source into a CPython-shaped AST with CPython's positions.
/// Never throws: syntax errors come back as diagnostics next to the tree of everything else.
/// </summary>
public static class PythonParser
{
    /// <summary>Parses raw file bytes, honouring a UTF-8 BOM and a PEP 263 coding declaration.</summary>
    public static ParseResult Parse(byte[] source, string? path = null) => Parse(source ?? [], source?.Length ?? 0, path);

    /// <summary>Parses the first <paramref name="length"/> bytes of <paramref name="buffer"/>, which
    /// may be a longer, pooled one. The result reads its source text from the buffer: the buffer
    /// must stay unchanged for as long as the result is used.</summary>
    public static ParseResult Parse(byte[] buffer, int length, string? path = null)
    {
        var diagnostics = new List<SyntaxDiagnostic>();
        byte[] utf8;
        int utf8Length;
        try { utf8 = SourceDecoder.Decode(buffer, length, honourCodingDeclaration: true, diagnostics, out utf8Length); }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            diagnostics.Add(new SyntaxDiagnostic(1, 0, $"cannot decode source: {ex.Message}"));
            (utf8, utf8Length) = ([], 0);
        }
        return ParseUtf8(utf8, utf8Length, path, diagnostics);
    }

    /// <summary>Parses already decoded text (a coding declaration in it is ignored, as by compile()).</summary>
    public static ParseResult Parse(string source, string? path = null)
    {
        var diagnostics = new List<SyntaxDiagnostic>();
        source ??= "";
        if (source.StartsWith('\uFEFF')) source = source[1..];
        var utf8 = SourceDecoder.Decode(Encoding.UTF8.GetBytes(source), honourCodingDeclaration: false, diagnostics);
        return ParseUtf8(utf8, utf8.Length, path, diagnostics);
    }

    private static ParseResult ParseUtf8(byte[] utf8, int length, string? path, List<SyntaxDiagnostic> diagnostics)
    {
        Module module;
        try
        {
            var parser = new Parser(utf8, length, NameTable.ForThread(), diagnostics);
            module = parser.ParseModule();
            parser.Release();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug in the parser must not take the scan down: report it like a syntax error.
            diagnostics.Add(new SyntaxDiagnostic(1, 0, $"internal parser error: {ex.GetType().Name}: {ex.Message}"));
            module = new Module([], default);
        }
        var sorted = diagnostics.Count == 0 ? [] : diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column).ToImmutableArray();
        return new ParseResult(module, sorted, path, utf8, length);
    }
}
