namespace DjangoPreflight.Python;

/// <summary>A syntax error: 1-based line, 0-based column in UTF-8 bytes (CPython's units), and a message.</summary>
public sealed record SyntaxDiagnostic(int Line, int Column, string Message)
{
    public override string ToString() => $"{Line}:{Column}: {Message}";
}
