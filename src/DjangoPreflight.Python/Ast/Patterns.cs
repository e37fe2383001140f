using System.Collections.Immutable;

namespace DjangoPreflight.Python.Ast;

public sealed record MatchValue(Expression Value, SourceSpan Span) : Pattern(Span);

/// <summary>Value is null (None), true or false.</summary>
public sealed record MatchSingleton(object? Value, SourceSpan Span) : Pattern(Span);

public sealed record MatchSequence(ImmutableArray<Pattern> Patterns, SourceSpan Span) : Pattern(Span);

public sealed record MatchMapping(ImmutableArray<Expression> Keys, ImmutableArray<Pattern> Patterns, string? Rest, SourceSpan Span) : Pattern(Span);

public sealed record MatchClass(Expression Cls, ImmutableArray<Pattern> Patterns, ImmutableArray<string> KwdAttrs,
    ImmutableArray<Pattern> KwdPatterns, SourceSpan Span) : Pattern(Span);

public sealed record MatchStar(string? Name, SourceSpan Span) : Pattern(Span);

public sealed record MatchAs(Pattern? Pattern, string? Name, SourceSpan Span) : Pattern(Span);

public sealed record MatchOr(ImmutableArray<Pattern> Patterns, SourceSpan Span) : Pattern(Span);

/// <summary><c>T</c> or <c>T: bound</c> in a type parameter list; DefaultValue is Python 3.13's <c>T = default</c>.</summary>
public sealed record TypeVar(string Name, Expression? Bound, Expression? DefaultValue, SourceSpan Span) : TypeParam(Span);

public sealed record ParamSpec(string Name, Expression? DefaultValue, SourceSpan Span) : TypeParam(Span);

public sealed record TypeVarTuple(string Name, Expression? DefaultValue, SourceSpan Span) : TypeParam(Span);
