using System.Collections.Immutable;

namespace DjangoPreflight.Python.Ast;

public sealed record FunctionDef(string Name, Arguments Args, ImmutableArray<Statement> Body, ImmutableArray<Expression> DecoratorList,
    Expression? Returns, ImmutableArray<TypeParam> TypeParams, SourceSpan Span) : Statement(Span);

public sealed record AsyncFunctionDef(string Name, Arguments Args, ImmutableArray<Statement> Body, ImmutableArray<Expression> DecoratorList,
    Expression? Returns, ImmutableArray<TypeParam> TypeParams, SourceSpan Span) : Statement(Span);

public sealed record ClassDef(string Name, ImmutableArray<Expression> Bases, ImmutableArray<Keyword> Keywords, ImmutableArray<Statement> Body,
    ImmutableArray<Expression> DecoratorList, ImmutableArray<TypeParam> TypeParams, SourceSpan Span) : Statement(Span);

public sealed record Return(Expression? Value, SourceSpan Span) : Statement(Span);

public sealed record Delete(ImmutableArray<Expression> Targets, SourceSpan Span) : Statement(Span);

public sealed record Assign(ImmutableArray<Expression> Targets, Expression Value, SourceSpan Span) : Statement(Span);

/// <summary><c>type X[T] = ...</c> (Python 3.12+).</summary>
public sealed record TypeAlias(Expression Name, ImmutableArray<TypeParam> TypeParams, Expression Value, SourceSpan Span) : Statement(Span);

public sealed record AugAssign(Expression Target, Operator Op, Expression Value, SourceSpan Span) : Statement(Span);

public sealed record AnnAssign(Expression Target, Expression Annotation, Expression? Value, int Simple, SourceSpan Span) : Statement(Span);

public sealed record For(Expression Target, Expression Iter, ImmutableArray<Statement> Body, ImmutableArray<Statement> OrElse, SourceSpan Span) : Statement(Span);

public sealed record AsyncFor(Expression Target, Expression Iter, ImmutableArray<Statement> Body, ImmutableArray<Statement> OrElse, SourceSpan Span) : Statement(Span);

public sealed record While(Expression Test, ImmutableArray<Statement> Body, ImmutableArray<Statement> OrElse, SourceSpan Span) : Statement(Span);

public sealed record If(Expression Test, ImmutableArray<Statement> Body, ImmutableArray<Statement> OrElse, SourceSpan Span) : Statement(Span);

public sealed record With(ImmutableArray<WithItem> Items, ImmutableArray<Statement> Body, SourceSpan Span) : Statement(Span);

public sealed record AsyncWith(ImmutableArray<WithItem> Items, ImmutableArray<Statement> Body, SourceSpan Span) : Statement(Span);

public sealed record Match(Expression Subject, ImmutableArray<MatchCase> Cases, SourceSpan Span) : Statement(Span);

public sealed record Raise(Expression? Exc, Expression? Cause, SourceSpan Span) : Statement(Span);

public sealed record Try(ImmutableArray<Statement> Body, ImmutableArray<ExceptHandler> Handlers, ImmutableArray<Statement> OrElse,
    ImmutableArray<Statement> FinalBody, SourceSpan Span) : Statement(Span);

public sealed record TryStar(ImmutableArray<Statement> Body, ImmutableArray<ExceptHandler> Handlers, ImmutableArray<Statement> OrElse,
    ImmutableArray<Statement> FinalBody, SourceSpan Span) : Statement(Span);

public sealed record Assert(Expression Test, Expression? Msg, SourceSpan Span) : Statement(Span);

public sealed record Import(ImmutableArray<Alias> Names, SourceSpan Span) : Statement(Span);

public sealed record ImportFrom(string? ModuleName, ImmutableArray<Alias> Names, int Level, SourceSpan Span) : Statement(Span);

public sealed record Global(ImmutableArray<string> Names, SourceSpan Span) : Statement(Span);

public sealed record Nonlocal(ImmutableArray<string> Names, SourceSpan Span) : Statement(Span);

/// <summary>An expression used as a statement (CPython's <c>Expr</c>).</summary>
public sealed record Expr(Expression Value, SourceSpan Span) : Statement(Span);

public sealed record Pass(SourceSpan Span) : Statement(Span);

public sealed record Break(SourceSpan Span) : Statement(Span);

public sealed record Continue(SourceSpan Span) : Statement(Span);
