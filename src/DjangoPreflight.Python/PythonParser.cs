using System.Collections.Immutable;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Python;

/// <summary>Entry point: parses Python 3.8-3.13 source into a CPython-shaped AST. Never throws.</summary>
public static class PythonParser
{
    /// <summary>Parses raw file bytes, honouring a UTF-8 BOM and a PEP 263 coding declaration.</summary>
    public static ParseResult Parse(byte[] source, string? path = null)
    {
        return new ParseResult(new Module([], default), [new SyntaxDiagnostic(1, 0, "parser not implemented yet")], path, source, [0]);
    }

    /// <summary>Parses already decoded source text.</summary>
    public static ParseResult Parse(string source, string? path = null) =>
        Parse(System.Text.Encoding.UTF8.GetBytes(source), path);
}
