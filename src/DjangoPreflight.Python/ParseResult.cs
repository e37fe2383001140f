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
    private readonly int length; // of the text in utf8, which may be a longer pooled buffer
    private int[]? lineStarts;

    internal ParseResult(Module module, ImmutableArray<SyntaxDiagnostic> diagnostics, string? path, byte[] utf8, int length)
    {
        Module = module;
        Diagnostics = diagnostics;
        Path = path;
        this.utf8 = utf8;
        this.length = length;
    }

    /// <summary>Offsets where lines start, computed on first use (most consumers never need them).</summary>
    private int[] LineStarts => lineStarts ??= ComputeLineStarts(utf8, length);

    private static int[] ComputeLineStarts(byte[] utf8, int length)
    {
        var starts = new List<int>(length / 32 + 1) { 0 };
        int i = 0;
        while ((i = Array.IndexOf(utf8, (byte)'\n', i, length - i)) >= 0)
        {
            i++;
            if (i < length) starts.Add(i);
        }
        return starts.ToArray();
    }

    public Module Module { get; }

    public ImmutableArray<SyntaxDiagnostic> Diagnostics { get; }

    public string? Path { get; }

    public bool HasErrors => !Diagnostics.IsEmpty;

    /// <summary>Number of lines of the (decoded) source.</summary>
    public int LineCount => LineStarts.Length;

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
        var starts = LineStarts;
        if (line < 1 || line > starts.Length) return "";
        int start = starts[line - 1];
        int end = line < starts.Length ? starts[line] : length;
        while (end > start && (utf8[end - 1] == '\n' || utf8[end - 1] == '\r')) end--;
        return Encoding.UTF8.GetString(utf8, start, end - start);
    }

    private int Offset(int line, int column)
    {
        var starts = LineStarts;
        if (line < 1 || line > starts.Length || column < 0) return -1;
        int offset = starts[line - 1] + column;
        return offset > length ? -1 : offset;
    }
}
