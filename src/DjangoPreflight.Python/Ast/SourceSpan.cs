namespace DjangoPreflight.Python.Ast;

/// <summary>
/// Position of a node in CPython's units: 1-based lines, 0-based columns counted in UTF-8 bytes
/// (the same values as CPython's lineno, col_offset, end_lineno, end_col_offset).
/// </summary>
public readonly record struct SourceSpan(int Lineno, int ColOffset, int EndLineno, int EndColOffset)
{
    public static SourceSpan Between(SourceSpan start, SourceSpan end) =>
        new(start.Lineno, start.ColOffset, end.EndLineno, end.EndColOffset);

    public override string ToString() => $"{Lineno}:{ColOffset}-{EndLineno}:{EndColOffset}";
}
