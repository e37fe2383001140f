namespace DjangoPreflight.Python.Ast;

/// <summary>
/// Base of every syntax node. Node kinds and fields follow CPython's <c>ast</c> module; the
/// hierarchy is closed (every concrete node is sealed) so consumers can switch on it.
/// Kinds that carry no position in CPython (arguments, comprehension, withitem, match_case)
/// still get the span of their text here, for convenience.
/// </summary>
public abstract record Node(SourceSpan Span)
{
    public int Lineno => Span.Lineno;
    public int ColOffset => Span.ColOffset;
    public int EndLineno => Span.EndLineno;
    public int EndColOffset => Span.EndColOffset;
}

/// <summary>CPython's <c>stmt</c>.</summary>
public abstract record Statement(SourceSpan Span) : Node(Span);

/// <summary>CPython's <c>expr</c>.</summary>
public abstract record Expression(SourceSpan Span) : Node(Span);

/// <summary>CPython's <c>pattern</c> (match statements).</summary>
public abstract record Pattern(SourceSpan Span) : Node(Span);

/// <summary>CPython's <c>type_param</c> (PEP 695, Python 3.12+).</summary>
public abstract record TypeParam(SourceSpan Span) : Node(Span);

public enum ExprContext { Load, Store, Del }

public enum BoolOperator { And, Or }

public enum Operator { Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, FloorDiv }

public enum UnaryOperator { Invert, Not, UAdd, USub }

public enum CmpOperator { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn }

/// <summary>The value of Python's <c>...</c> constant.</summary>
public sealed class Ellipsis
{
    public static readonly Ellipsis Instance = new();
    private Ellipsis() { }
    public override string ToString() => "Ellipsis";
}
