using System.Collections.Immutable;
using System.Text;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Python;

/// <summary>
/// The outcome of parsing one file: the tree of everything that parsed (never null) and the syntax
/// errors found (empty when the file is valid Python). Keeps the UTF-8 text so a node's source can
/// be sliced out cheaply.
/// </summary>
public sealed class ParseResult
{
    private readonly byte[] utf8;
    private readonly int[] lineStarts;

    internal ParseResult(Module module, ImmutableArray<SyntaxDiagnostic> diagnostics, string? path, byte[] utf8, int[] lineStarts)
    {
        Module = module;
        Diagnostics = diagnostics;
        Path = path;
        this.utf8 = utf8;
        this.lineStarts = lineStarts;
    }

    public Module Module { get; }

    public ImmutableArray<SyntaxDiagnostic> Diagnostics { get; }

    public string? Path { get; }

    public bool HasErrors => !Diagnostics.IsEmpty;

    /// <summary>Number of lines of the (decoded) source.</summary>
    public int LineCount => lineStarts.Length;

    /// <summary>The exact source text a node spans (empty for nodes without a position).</summary>
    public string GetSourceText(Node node) => GetSourceText(node.Span);

    public string GetSourceText(SourceSpan span)
    {
        int start = Offset(span.Lineno, span.ColOffset);
        int end = Offset(span.EndLineno, span.EndColOffset);
        return start < 0 || end < start ? "" : Encoding.UTF8.GetString(utf8, start, end - start);
    }

    /// <summary>The text of a 1-based line without its line end, or "" when out of range.</summary>
    public string GetLine(int line)
    {
        if (line < 1 || line > lineStarts.Length) return "";
        int start = lineStarts[line - 1];
        int end = line < lineStarts.Length ? lineStarts[line] : utf8.Length;
        while (end > start && (utf8[end - 1] == '\n' || utf8[end - 1] == '\r')) end--;
        return Encoding.UTF8.GetString(utf8, start, end - start);
    }

    private int Offset(int line, int column)
    {
        if (line < 1 || line > lineStarts.Length || column < 0) return -1;
        int offset = lineStarts[line - 1] + column;
        return offset > utf8.Length ? -1 : offset;
    }
}
