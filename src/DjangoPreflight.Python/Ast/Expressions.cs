using System.Collections.Immutable;

namespace DjangoPreflight.Python.Ast;

public sealed record BoolOp(BoolOperator Op, ImmutableArray<Expression> Values, SourceSpan Span) : Expression(Span);

public sealed record NamedExpr(Expression Target, Expression Value, SourceSpan Span) : Expression(Span);

public sealed record BinOp(Expression Left, Operator Op, Expression Right, SourceSpan Span) : Expression(Span);

public sealed record UnaryOp(UnaryOperator Op, Expression Operand, SourceSpan Span) : Expression(Span);

public sealed record Lambda(Arguments Args, Expression Body, SourceSpan Span) : Expression(Span);

public sealed record IfExp(Expression Test, Expression Body, Expression OrElse, SourceSpan Span) : Expression(Span);

/// <summary>A dict display; a null key marks a <c>**mapping</c> entry.</summary>
public sealed record Dict(ImmutableArray<Expression?> Keys, ImmutableArray<Expression> Values, SourceSpan Span) : Expression(Span);

public sealed record Set(ImmutableArray<Expression> Elts, SourceSpan Span) : Expression(Span);

public sealed record ListComp(Expression Elt, ImmutableArray<Comprehension> Generators, SourceSpan Span) : Expression(Span);

public sealed record SetComp(Expression Elt, ImmutableArray<Comprehension> Generators, SourceSpan Span) : Expression(Span);

public sealed record DictComp(Expression Key, Expression Value, ImmutableArray<Comprehension> Generators, SourceSpan Span) : Expression(Span);

public sealed record GeneratorExp(Expression Elt, ImmutableArray<Comprehension> Generators, SourceSpan Span) : Expression(Span);

public sealed record Await(Expression Value, SourceSpan Span) : Expression(Span);

public sealed record Yield(Expression? Value, SourceSpan Span) : Expression(Span);

public sealed record YieldFrom(Expression Value, SourceSpan Span) : Expression(Span);

public sealed record Compare(Expression Left, ImmutableArray<CmpOperator> Ops, ImmutableArray<Expression> Comparators, SourceSpan Span) : Expression(Span);

public sealed record Call(Expression Func, ImmutableArray<Expression> Args, ImmutableArray<Keyword> Keywords, SourceSpan Span) : Expression(Span);

/// <summary>One <c>{...}</c> field of an f-string. Conversion is -1, or the code of 's', 'r' or 'a'.</summary>
public sealed record FormattedValue(Expression Value, int Conversion, Expression? FormatSpec, SourceSpan Span) : Expression(Span);

/// <summary>A t-string (PEP 750, Python 3.14): Constant and Interpolation parts.</summary>
public sealed record TemplateStr(ImmutableArray<Expression> Values, SourceSpan Span) : Expression(Span);

/// <summary>One <c>{...}</c> field of a t-string; <see cref="Str"/> is the expression's text as written.</summary>
public sealed record Interpolation(Expression Value, string Str, int Conversion, Expression? FormatSpec, SourceSpan Span) : Expression(Span);

/// <summary>An f-string: Constant and FormattedValue parts.</summary>
public sealed record JoinedStr(ImmutableArray<Expression> Values, SourceSpan Span) : Expression(Span);

/// <summary>
/// A literal. Value is null (None), bool, long or System.Numerics.BigInteger (int), double (float),
/// System.Numerics.Complex (imaginary literal), string (str), ImmutableArray&lt;byte&gt; (bytes) or
/// <see cref="Ellipsis"/>. Kind is "u" for u"..." strings, otherwise null.
/// </summary>
public sealed record Constant(object? Value, string? Kind, SourceSpan Span) : Expression(Span)
{
    /// <summary>The value as a string when it is a str literal, otherwise null.</summary>
    public string? StringValue => Value as string;
}

public sealed record Attribute(Expression Value, string Attr, ExprContext Ctx, SourceSpan Span) : Expression(Span);

public sealed record Subscript(Expression Value, Expression Slice, ExprContext Ctx, SourceSpan Span) : Expression(Span);

public sealed record Starred(Expression Value, ExprContext Ctx, SourceSpan Span) : Expression(Span);

public sealed record Name(string Id, ExprContext Ctx, SourceSpan Span) : Expression(Span);

public sealed record List(ImmutableArray<Expression> Elts, ExprContext Ctx, SourceSpan Span) : Expression(Span);

public sealed record Tuple(ImmutableArray<Expression> Elts, ExprContext Ctx, SourceSpan Span) : Expression(Span);

public sealed record Slice(Expression? Lower, Expression? Upper, Expression? Step, SourceSpan Span) : Expression(Span);
