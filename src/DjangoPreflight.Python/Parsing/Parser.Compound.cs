using System.Collections.Immutable;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Python.Parsing;

internal sealed partial class Parser
{
    /// <summary>compound_stmt: function_def | if_stmt | class_def | with_stmt | for_stmt | try_stmt | while_stmt | match_stmt</summary>
    private bool TryCompoundStatement(ImmutableArray<Statement>.Builder body)
    {
        switch (Kind)
        {
            case TokenKind.Def: body.Add(FunctionDefinition([])); return true;
            case TokenKind.Class: body.Add(ClassDefinition([])); return true;
            case TokenKind.At: body.Add(Decorated()); return true;
            case TokenKind.If: body.Add(IfStatement()); return true;
            case TokenKind.While: body.Add(WhileStatement()); return true;
            case TokenKind.For: body.Add(ForStatement(p)); return true;
            case TokenKind.With: body.Add(WithStatement(p)); return true;
            case TokenKind.Try: body.Add(TryStatement()); return true;
            case TokenKind.Async:
                switch (PeekKind(1))
                {
                    case TokenKind.Def: body.Add(FunctionDefinition([])); return true;
                    case TokenKind.For: body.Add(ForStatement(p)); return true;
                    case TokenKind.With: body.Add(WithStatement(p)); return true;
                    default: Fail("invalid syntax"); return false;
                }
            case TokenKind.Name when ReferenceEquals(toks[p].Text, kwMatch):
                if (TryMatchStatement() is { } match) { body.Add(match); return true; }
                return false;
            default:
                return false;
        }
    }

    /// <summary>decorators: ('@' named_expression NEWLINE)+ then a def or class</summary>
    private Statement Decorated()
    {
        var decorators = Scratch<Expression>.Rent();
        while (Eat(TokenKind.At))
        {
            decorators.Add(NamedExpression());
            Expect(TokenKind.Newline, "newline");
        }
        if (Kind == TokenKind.Class) return ClassDefinition(Scratch<Expression>.Finish(decorators));
        if (Kind == TokenKind.Def || (Kind == TokenKind.Async && PeekKind(1) == TokenKind.Def)) return FunctionDefinition(Scratch<Expression>.Finish(decorators));
        Fail("invalid syntax");
        return null;
    }

    /// <summary>function_def_raw: ['async'] 'def' NAME [type_params] '(' [params] ')' ['->' expression] ':' block</summary>
    private Statement FunctionDefinition(ImmutableArray<Expression> decorators)
    {
        int start = p;
        bool isAsync = Eat(TokenKind.Async);
        Expect(TokenKind.Def, "'def'");
        string name = ExpectName();
        var typeParams = Kind == TokenKind.LSqb ? TypeParams() : [];
        int paramsStart = p;
        Expect(TokenKind.LPar, "'('");
        var args = Parameters(TokenKind.RPar, annotations: true, paramsStart + 1);
        Expect(TokenKind.RPar, "')'");
        Expression? returns = Eat(TokenKind.RArrow) ? Expression() : null;
        Expect(TokenKind.Colon, "':'");
        var body = Block("function definition", start);
        var span = SpanFrom(start);
        return isAsync
            ? new AsyncFunctionDef(name, args, body, decorators, returns, typeParams, span)
            : new FunctionDef(name, args, body, decorators, returns, typeParams, span);
    }

    /// <summary>class_def_raw: 'class' NAME [type_params] ['(' [arguments] ')'] ':' block</summary>
    private Statement ClassDefinition(ImmutableArray<Expression> decorators)
    {
        int start = p;
        p++;
        string name = ExpectName();
        var typeParams = Kind == TokenKind.LSqb ? TypeParams() : [];
        ImmutableArray<Expression> bases = [];
        ImmutableArray<Keyword> keywords = [];
        if (Kind == TokenKind.LPar)
        {
            int open = p++;
            (bases, keywords) = CallArguments(open);
        }
        Expect(TokenKind.Colon, "':'");
        var body = Block("class definition", start);
        return new ClassDef(name, bases, keywords, body, decorators, typeParams, SpanFrom(start));
    }

    /// <summary>if_stmt: 'if' named_expression ':' block (elif_stmt | [else_block])</summary>
    private Statement IfStatement()
    {
        int start = p;
        p++;
        var test = NamedExpression();
        Expect(TokenKind.Colon, "':'");
        var body = Block("'if' statement", start);
        ImmutableArray<Statement> orElse = [];
        if (Kind == TokenKind.Elif)
        {
            Enter();
            try { orElse = [IfStatement()]; }
            finally { Leave(); }
        }
        else if (Kind == TokenKind.Else) orElse = ElseBlock();
        return new If(test, body, orElse, SpanFrom(start));
    }

    private ImmutableArray<Statement> ElseBlock()
    {
        int start = p;
        p++;
        Expect(TokenKind.Colon, "':'");
        return Block("'else' statement", start);
    }

    /// <summary>while_stmt: 'while' named_expression ':' block [else_block]</summary>
    private Statement WhileStatement()
    {
        int start = p;
        p++;
        var test = NamedExpression();
        Expect(TokenKind.Colon, "':'");
        var body = Block("'while' statement", start);
        var orElse = Kind == TokenKind.Else ? ElseBlock() : [];
        return new While(test, body, orElse, SpanFrom(start));
    }

    /// <summary>for_stmt: ['async'] 'for' star_targets 'in' star_expressions ':' block [else_block]</summary>
    private Statement ForStatement(int start)
    {
        bool isAsync = Eat(TokenKind.Async);
        Expect(TokenKind.For, "'for'");
        var target = StarTargets();
        Expect(TokenKind.In, "'in'");
        var iter = StarExpressions();
        Expect(TokenKind.Colon, "':'");
        var body = Block("'for' statement", start);
        var orElse = Kind == TokenKind.Else ? ElseBlock() : [];
        return isAsync ? new AsyncFor(target, iter, body, orElse, SpanFrom(start)) : new For(target, iter, body, orElse, SpanFrom(start));
    }

    /// <summary>
    /// with_stmt: ['async'] 'with' '(' ','.with_item+ ','? ')' ':' block | ['async'] 'with' ','.with_item+ ':' block.
    /// The parenthesised form is tried first, as in CPython.
    /// </summary>
    private Statement WithStatement(int start)
    {
        bool isAsync = Eat(TokenKind.Async);
        Expect(TokenKind.With, "'with'");
        ImmutableArray<WithItem> items = default;
        int close = Kind == TokenKind.LPar ? MatchingClose(p) : -1;
        if (close > 0 && toks[close + 1].Kind == TokenKind.Colon)
        {
            int save = p, diagCount = diagnostics.Count, saveDepth = depth;
            try
            {
                p++;
                var list = Scratch<WithItem>.Rent();
                do
                {
                    if (Kind == TokenKind.RPar && list.Count > 0) break;
                    list.Add(WithItemRule());
                }
                while (Eat(TokenKind.Comma));
                Expect(TokenKind.RPar, "')'");
                if (Kind != TokenKind.Colon) Fail("expected ':'");
                items = Scratch<WithItem>.Finish(list);
            }
            catch (ParseError)
            {
                p = save;
                depth = saveDepth;
                diagnostics.RemoveRange(diagCount, diagnostics.Count - diagCount);
            }
        }
        if (items.IsDefault)
        {
            var list = Scratch<WithItem>.Rent();
            do list.Add(WithItemRule()); while (Eat(TokenKind.Comma));
            items = Scratch<WithItem>.Finish(list);
        }
        Expect(TokenKind.Colon, "':'");
        var body = Block("'with' statement", start);
        return isAsync ? new AsyncWith(items, body, SpanFrom(start)) : new With(items, body, SpanFrom(start));
    }

    /// <summary>with_item: expression ['as' star_target]</summary>
    private WithItem WithItemRule()
    {
        int start = p;
        var e = Expression();
        Expression? vars = null;
        if (Eat(TokenKind.As))
        {
            vars = SetContext(StarTarget(), ExprContext.Store);
            if (Kind is not (TokenKind.Comma or TokenKind.RPar or TokenKind.Colon)) Fail("invalid syntax");
        }
        return new WithItem(e, vars, SpanFrom(start));
    }

    /// <summary>try_stmt: 'try' ':' block (finally_block | except_block+ [else_block] [finally_block] | except_star_block+ ...)</summary>
    private Statement TryStatement()
    {
        int start = p;
        p++;
        Expect(TokenKind.Colon, "':'");
        var body = Block("'try' statement", start);
        var handlers = Scratch<ExceptHandler>.Rent();
        bool? star = null;
        while (Kind == TokenKind.Except)
        {
            int hStart = p;
            p++;
            bool isStar = Eat(TokenKind.Star);
            if (star is { } s && s != isStar) Fail("cannot have both 'except' and 'except*' on the same 'try'");
            star = isStar;
            Expression? type = null;
            string? name = null;
            if (Kind != TokenKind.Colon)
            {
                int typeStart = p;
                type = Expression();
                if (Kind == TokenKind.Comma)
                {
                    // PEP 758 (3.14): `except A, B:` is a tuple without parentheses, but not with `as`.
                    var types = Scratch<Expression>.Rent();
                    types.Add(type);
                    while (Eat(TokenKind.Comma) && Kind is not (TokenKind.Colon or TokenKind.As))
                        types.Add(Expression());
                    type = new Tuple(Scratch<Expression>.Finish(types), ExprContext.Load, SpanFrom(typeStart));
                    if (Kind == TokenKind.As)
                    {
                        diagnostics.Add(new SyntaxDiagnostic(type.Lineno, type.ColOffset, "multiple exception types must be parenthesized when using 'as'"));
                        throw Bail;
                    }
                }
                else if (Eat(TokenKind.As)) name = ExpectName();
            }
            else if (isStar) Fail("expected one or more exception types");
            Expect(TokenKind.Colon, "':'");
            var hBody = Block("'except' statement", hStart);
            handlers.Add(new ExceptHandler(type, name, hBody, SpanFrom(hStart)));
        }
        ImmutableArray<Statement> orElse = [], final = [];
        if (handlers.Count > 0 && Kind == TokenKind.Else) orElse = ElseBlock();
        if (Kind == TokenKind.Finally)
        {
            int fStart = p;
            p++;
            Expect(TokenKind.Colon, "':'");
            final = Block("'finally' statement", fStart);
        }
        if (handlers.Count == 0 && final.IsEmpty) Fail("expected 'except' or 'finally' block");
        return star == true
            ? new TryStar(body, Scratch<ExceptHandler>.Finish(handlers), orElse, final, SpanFrom(start))
            : new Try(body, Scratch<ExceptHandler>.Finish(handlers), orElse, final, SpanFrom(start));
    }
}
