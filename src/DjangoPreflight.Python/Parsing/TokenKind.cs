namespace DjangoPreflight.Python.Parsing;

internal enum TokenKind : byte
{
    EndMarker, Name, Number, String, Newline, Indent, Dedent, Error,
    // operators and delimiters
    LPar, RPar, LSqb, RSqb, LBrace, RBrace, Colon, Comma, Semi, Dot, Ellipsis, At, RArrow, ColonEqual, Equal,
    Plus, Minus, Star, Slash, DoubleSlash, Percent, DoubleStar, VBar, Amper, CircumFlex, Tilde, LeftShift, RightShift,
    Less, Greater, EqEqual, NotEqual, LessEqual, GreaterEqual,
    PlusEqual, MinEqual, StarEqual, SlashEqual, DoubleSlashEqual, PercentEqual, DoubleStarEqual, AtEqual,
    AmperEqual, VBarEqual, CircumflexEqual, LeftShiftEqual, RightShiftEqual,
    // keywords
    False, None, True, And, As, Assert, Async, Await, Break, Class, Continue, Def, Del, Elif, Else, Except,
    Finally, For, From, Global, If, Import, In, Is, Lambda, Nonlocal, Not, Or, Pass, Raise, Return, Try,
    While, With, Yield,
}

/// <summary>One token. Offsets are into the UTF-8 buffer; columns are UTF-8 byte columns.</summary>
internal struct Token
{
    public TokenKind Kind;
    public int Start;
    public int End;
    public int Line;
    public int Col;
    public int EndLine;
    public int EndCol;
    /// <summary>Interned identifier for Name and keyword tokens.</summary>
    public string? Text;
}
