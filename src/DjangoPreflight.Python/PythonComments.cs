using System.Text;
using DjangoPreflight.Python.Parsing;

namespace DjangoPreflight.Python;

/// <summary>One <c>#</c> comment of a Python file: its 1-based line and its text from the <c>#</c> on.</summary>
public sealed record PythonComment(int Line, string Text);

/// <summary>
/// Finds the comments of a Python file with the real tokenizer, so a <c>#</c> inside a string
/// literal (f-strings and triple-quoted strings included) is never taken for a comment. Tools that
/// read directives from comments (suppressions) use it; the parser itself never needs comments.
/// </summary>
public static class PythonComments
{
    /// <summary>Reads raw file bytes (BOM and PEP 263 coding declaration honoured, as by <see cref="PythonParser.Parse(byte[], string?)"/>).
    /// Never throws: a file that does not tokenize yields the comments found before the error.</summary>
    public static IReadOnlyList<PythonComment> Read(byte[] source)
    {
        var diagnostics = new List<SyntaxDiagnostic>();
        byte[] utf8;
        try { utf8 = SourceDecoder.Decode(source ?? [], honourCodingDeclaration: true, diagnostics); }
        catch (Exception ex) when (ex is not OutOfMemoryException) { return []; }
        var found = new List<(int Line, int Start, int End)>();
        var tokenizer = new Tokenizer(utf8, utf8.Length, NameTable.ForThread(), diagnostics) { Comments = found };
        try { tokenizer.Tokenize(); }
        catch (Exception ex) when (ex is not OutOfMemoryException) { /* keep what was found before the failure */ }
        finally { tokenizer.Release(); }
        return found.Select(c => new PythonComment(c.Line, Encoding.UTF8.GetString(utf8, c.Start, c.End - c.Start).TrimEnd('\r'))).ToList();
    }
}
