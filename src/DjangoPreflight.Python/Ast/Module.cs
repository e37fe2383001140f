using System.Collections.Immutable;

namespace DjangoPreflight.Python.Ast;

/// <summary>CPython's <c>Module</c>: the root of a parsed file (type_ignores is always empty here).</summary>
public sealed record Module(ImmutableArray<Statement> Body, SourceSpan Span) : Node(Span);

/// <summary>CPython's <c>arguments</c>: the parameter list of a def or lambda.</summary>
public sealed record Arguments(
    ImmutableArray<Arg> PosOnlyArgs,
    ImmutableArray<Arg> Args,
    Arg? VarArg,
    ImmutableArray<Arg> KwOnlyArgs,
    ImmutableArray<Expression?> KwDefaults,
    Arg? KwArg,
    ImmutableArray<Expression> Defaults,
    SourceSpan Span) : Node(Span)
{
    public static Arguments Empty(SourceSpan span) => new([], [], null, [], [], null, [], span);
}

/// <summary>CPython's <c>arg</c>: one parameter.</summary>
public sealed record Arg(string Name, Expression? Annotation, SourceSpan Span) : Node(Span);

/// <summary>CPython's <c>keyword</c>: <c>name=value</c> in a call or class bases; Name is null for <c>**value</c>.</summary>
public sealed record Keyword(string? Name, Expression Value, SourceSpan Span) : Node(Span);

/// <summary>CPython's <c>alias</c>: one name of an import.</summary>
public sealed record Alias(string Name, string? AsName, SourceSpan Span) : Node(Span);

/// <summary>CPython's <c>withitem</c>.</summary>
public sealed record WithItem(Expression ContextExpr, Expression? OptionalVars, SourceSpan Span) : Node(Span);

/// <summary>CPython's <c>match_case</c>.</summary>
public sealed record MatchCase(Pattern Pattern, Expression? Guard, ImmutableArray<Statement> Body, SourceSpan Span) : Node(Span);

/// <summary>CPython's <c>comprehension</c>: one <c>for ... in ... if ...</c> clause.</summary>
public sealed record Comprehension(Expression Target, Expression Iter, ImmutableArray<Expression> Ifs, bool IsAsync, SourceSpan Span) : Node(Span);

/// <summary>CPython's <c>ExceptHandler</c>.</summary>
public sealed record ExceptHandler(Expression? Type, string? Name, ImmutableArray<Statement> Body, SourceSpan Span) : Node(Span);
