using System.Collections.Immutable;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Python.Parsing;

internal sealed partial class Parser
{
    private bool AtExpressionStart() => Kind switch
    {
        TokenKind.Name or TokenKind.Number or TokenKind.String or TokenKind.LPar or TokenKind.LSqb or TokenKind.LBrace
            or TokenKind.Minus or TokenKind.Plus or TokenKind.Tilde or TokenKind.Not or TokenKind.Lambda or TokenKind.Await
            or TokenKind.Star or TokenKind.Ellipsis or TokenKind.None or TokenKind.True or TokenKind.False => true,
        _ => false,
    };

    /// <summary>star_expressions: star_expression (',' star_expression)* [','] — a Tuple when there is a comma.</summary>
    private Expression StarExpressions()
    {
        int start = p;
        var first = StarExpression();
        if (Kind != TokenKind.Comma) return first;
        var elts = Scratch<Expression>.Rent();
        elts.Add(first);
        while (Eat(TokenKind.Comma))
        {
            if (!AtExpressionStart()) break;
            elts.Add(StarExpression());
        }
        return new Tuple(Scratch<Expression>.Finish(elts), ExprContext.Load, SpanFrom(start));
    }

    /// <summary>star_expression: '*' bitwise_or | expression</summary>
    private Expression StarExpression()
    {
        if (Kind != TokenKind.Star) return Expression();
        int start = p++;
        var value = BitwiseOr();
        return new Starred(value, ExprContext.Load, SpanFrom(start));
    }

    /// <summary>star_named_expression: '*' bitwise_or | named_expression</summary>
    private Expression StarNamedExpression()
    {
        if (Kind != TokenKind.Star) return NamedExpression();
        int start = p++;
        var value = BitwiseOr();
        return new Starred(value, ExprContext.Load, SpanFrom(start));
    }

    /// <summary>named_expression: NAME ':=' expression | expression !':='</summary>
    private Expression NamedExpression()
    {
        if (Kind == TokenKind.Name && PeekKind(1) == TokenKind.ColonEqual)
        {
            int start = p;
            var target = new Name(toks[p].Text!, ExprContext.Store, TokenSpan(p));
            p += 2;
            var value = Expression();
            return new NamedExpr(target, value, SpanFrom(start));
        }
        var e = Expression();
        if (Kind == TokenKind.ColonEqual) FailAt(e, $"cannot use assignment expressions with {Describe(e)}");
        return e;
    }

    /// <summary>expression: disjunction 'if' disjunction 'else' expression | disjunction | lambdef</summary>
    private Expression Expression()
    {
        Enter();
        try
        {
            if (Kind == TokenKind.Lambda) return LambdaExpression();
            int start = p;
            var body = Disjunction();
            if (Kind != TokenKind.If) return body;
            p++;
            var test = Disjunction();
            Expect(TokenKind.Else, "'else' after 'if' expression");
            var orElse = Expression();
            return new IfExp(test, body, orElse, SpanFrom(start));
        }
        finally { Leave(); }
    }

    /// <summary>lambdef: 'lambda' [lambda_params] ':' expression</summary>
    private Expression LambdaExpression()
    {
        int start = p++;
        var args = Parameters(TokenKind.Colon, annotations: false, p);
        Expect(TokenKind.Colon, "':'");
        var body = Expression();
        return new Lambda(args, body, SpanFrom(start));
    }

    /// <summary>yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]</summary>
    private Expression YieldExpression()
    {
        int start = p++;
        if (Eat(TokenKind.From))
        {
            var value = Expression();
            return new YieldFrom(value, SpanFrom(start));
        }
        Expression? v = AtExpressionStart() ? StarExpressions() : null;
        return new Yield(v, SpanFrom(start));
    }

    private Expression Disjunction()
    {
        int start = p;
        var first = Conjunction();
        if (Kind != TokenKind.Or) return first;
        var values = Scratch<Expression>.Rent();
        values.Add(first);
        while (Eat(TokenKind.Or)) values.Add(Conjunction());
        return new BoolOp(BoolOperator.Or, Scratch<Expression>.Finish(values), SpanFrom(start));
    }

    private Expression Conjunction()
    {
        int start = p;
        var first = Inversion();
        if (Kind != TokenKind.And) return first;
        var values = Scratch<Expression>.Rent();
        values.Add(first);
        while (Eat(TokenKind.And)) values.Add(Inversion());
        return new BoolOp(BoolOperator.And, Scratch<Expression>.Finish(values), SpanFrom(start));
    }

    private Expression Inversion()
    {
        if (Kind != TokenKind.Not) return Comparison();
        int start = p++;
        Enter();
        try
        {
            var operand = Inversion();
            return new UnaryOp(UnaryOperator.Not, operand, SpanFrom(start));
        }
        finally { Leave(); }
    }

    private Expression Comparison()
    {
        int start = p;
        var left = BitwiseOr();
        var op = ComparisonOperator(out int width);
        if (op is null) return left;
        var ops = Scratch<CmpOperator>.Rent();
        var comparators = Scratch<Expression>.Rent();
        while (op is { } o)
        {
            p += width;
            ops.Add(o);
            comparators.Add(BitwiseOr());
            op = ComparisonOperator(out width);
        }
        return new Compare(left, Scratch<CmpOperator>.Finish(ops), Scratch<Expression>.Finish(comparators), SpanFrom(start));
    }

    private CmpOperator? ComparisonOperator(out int width)
    {
        width = 1;
        switch (Kind)
        {
            case TokenKind.EqEqual: return CmpOperator.Eq;
            case TokenKind.NotEqual: return CmpOperator.NotEq;
            case TokenKind.Less: return CmpOperator.Lt;
            case TokenKind.LessEqual: return CmpOperator.LtE;
            case TokenKind.Greater: return CmpOperator.Gt;
            case TokenKind.GreaterEqual: return CmpOperator.GtE;
            case TokenKind.In: return CmpOperator.In;
            case TokenKind.Is:
                if (PeekKind(1) == TokenKind.Not) { width = 2; return CmpOperator.IsNot; }
                return CmpOperator.Is;
            case TokenKind.Not:
                if (PeekKind(1) == TokenKind.In) { width = 2; return CmpOperator.NotIn; }
                return null;
            default: return null;
        }
    }

    private Expression BitwiseOr() => Binary(1);

    /// <summary>
    /// bitwise_or, bitwise_xor, bitwise_and, shift_expr, sum and term by precedence climbing (one
    /// call per operand instead of one per grammar level). All operators are left-associative and
    /// every BinOp spans from the first token of its left operand, as pegen's rules do.
    /// </summary>
    private Expression Binary(int minPrecedence)
    {
        int start = p, chain = 0;
        var left = Factor();
        while (true)
        {
            int precedence = BinaryPrecedence(Kind, out var op);
            if (precedence < minPrecedence) return left;
            ChainStep(ref chain);
            p++;
            var right = Binary(precedence + 1);
            left = new BinOp(left, op, right, SpanFrom(start));
        }
    }

    private static int BinaryPrecedence(TokenKind kind, out Operator op)
    {
        switch (kind)
        {
            case TokenKind.VBar: op = Operator.BitOr; return 1;
            case TokenKind.CircumFlex: op = Operator.BitXor; return 2;
            case TokenKind.Amper: op = Operator.BitAnd; return 3;
            case TokenKind.LeftShift: op = Operator.LShift; return 4;
            case TokenKind.RightShift: op = Operator.RShift; return 4;
            case TokenKind.Plus: op = Operator.Add; return 5;
            case TokenKind.Minus: op = Operator.Sub; return 5;
            case TokenKind.Star: op = Operator.Mult; return 6;
            case TokenKind.Slash: op = Operator.Div; return 6;
            case TokenKind.DoubleSlash: op = Operator.FloorDiv; return 6;
            case TokenKind.Percent: op = Operator.Mod; return 6;
            case TokenKind.At: op = Operator.MatMult; return 6;
            default: op = default; return 0;
        }
    }

    /// <summary>factor: '+' factor | '-' factor | '~' factor | power</summary>
    private Expression Factor()
    {
        UnaryOperator op;
        switch (Kind)
        {
            case TokenKind.Plus: op = UnaryOperator.UAdd; break;
            case TokenKind.Minus: op = UnaryOperator.USub; break;
            case TokenKind.Tilde: op = UnaryOperator.Invert; break;
            default: return Power();
        }
        int start = p++;
        Enter();
        try
        {
            var operand = Factor();
            return new UnaryOp(op, operand, SpanFrom(start));
        }
        finally { Leave(); }
    }

    /// <summary>power: await_primary '**' factor | await_primary</summary>
    private Expression Power()
    {
        int start = p;
        var left = AwaitPrimary();
        if (Kind != TokenKind.DoubleStar) return left;
        p++;
        // '**' is right-associative: 2 ** 2 ** ... nests one call per operator, so it counts as nesting.
        Enter();
        try
        {
            var right = Factor();
            return new BinOp(left, Operator.Pow, right, SpanFrom(start));
        }
        finally { Leave(); }
    }

    private Expression AwaitPrimary()
    {
        if (Kind != TokenKind.Await) return Primary();
        int start = p++;
        var value = Primary();
        return new Await(value, SpanFrom(start));
    }

    /// <summary>primary: primary '.' NAME | primary genexp | primary '(' [arguments] ')' | primary '[' slices ']' | atom</summary>
    private Expression Primary()
    {
        int start = p, chain = 0;
        var e = Atom();
        while (true)
        {
            ChainStep(ref chain);
            switch (Kind)
            {
                case TokenKind.Dot:
                {
                    p++;
                    string attr = ExpectName();
                    e = new Attribute(e, attr, ExprContext.Load, SpanFrom(start));
                    break;
                }
                case TokenKind.LPar:
                {
                    int open = p++;
                    var (args, keywords) = CallArguments(open);
                    e = new Call(e, args, keywords, SpanFrom(start));
                    break;
                }
                case TokenKind.LSqb:
                {
                    p++;
                    var slice = Slices();
                    Expect(TokenKind.RSqb, "']'");
                    e = new Subscript(e, slice, ExprContext.Load, SpanFrom(start));
                    break;
                }
                default:
                    return e;
            }
        }
    }

    /// <summary>slices: slice !',' | ','.(slice | starred_expression)+ [',']</summary>
    private Expression Slices()
    {
        int start = p;
        var first = SliceItem();
        if (Kind != TokenKind.Comma)
            return first is Starred ? new Tuple([first], ExprContext.Load, SpanFrom(start)) : first;
        var elts = Scratch<Expression>.Rent();
        elts.Add(first);
        while (Eat(TokenKind.Comma))
        {
            if (Kind == TokenKind.RSqb) break;
            elts.Add(SliceItem());
        }
        return new Tuple(Scratch<Expression>.Finish(elts), ExprContext.Load, SpanFrom(start));
    }

    /// <summary>slice: [expression] ':' [expression] [':' [expression]] | named_expression (or a starred expression)</summary>
    private Expression SliceItem()
    {
        int start = p;
        if (Kind == TokenKind.Star) return StarExpression();
        Expression? lower = null;
        if (Kind != TokenKind.Colon)
        {
            lower = NamedExpression();
            if (Kind != TokenKind.Colon) return lower;
            if (lower is NamedExpr) Fail("invalid syntax");
        }
        p++;
        Expression? upper = Kind is TokenKind.Colon or TokenKind.Comma or TokenKind.RSqb ? null : Expression();
        Expression? step = null;
        if (Eat(TokenKind.Colon))
            step = Kind is TokenKind.Comma or TokenKind.RSqb ? null : Expression();
        return new Slice(lower, upper, step, SpanFrom(start));
    }

    /// <summary>
    /// arguments after '(' up to and including ')': positional, *args, name=value, **kwargs, or a
    /// lone generator expression (whose span is the call's parentheses).
    /// </summary>
    private (ImmutableArray<Expression> Args, ImmutableArray<Keyword> Keywords) CallArguments(int open)
    {
        Enter();
        try
        {
            var args = Scratch<Expression>.Rent();
            var keywords = Scratch<Keyword>.Rent();
            bool sawKeyword = false, sawDoubleStar = false;
            while (Kind != TokenKind.RPar)
            {
                int start = p;
                if (Kind == TokenKind.Star)
                {
                    if (sawDoubleStar) Fail("iterable argument unpacking follows keyword argument unpacking");
                    p++;
                    var value = Expression();
                    args.Add(new Starred(value, ExprContext.Load, SpanFrom(start)));
                }
                else if (Kind == TokenKind.DoubleStar)
                {
                    p++;
                    var value = Expression();
                    keywords.Add(new Keyword(null, value, SpanFrom(start)));
                    sawDoubleStar = true;
                }
                else if (Kind == TokenKind.Name && PeekKind(1) == TokenKind.Equal)
                {
                    string name = toks[p].Text!;
                    p += 2;
                    var value = Expression();
                    keywords.Add(new Keyword(name, value, SpanFrom(start)));
                    sawKeyword = true;
                }
                else
                {
                    var value = NamedExpression();
                    if (Kind is TokenKind.For or TokenKind.Async)
                    {
                        var generators = ComprehensionClauses();
                        if (args.Count > 0 || keywords.Count > 0 || Kind != TokenKind.RPar)
                            FailAt(value, "Generator expression must be parenthesized");
                        p++;
                        args.Add(new GeneratorExp(value, generators, SpanFrom(open)));
                        return (Scratch<Expression>.Finish(args), Scratch<Keyword>.Finish(keywords));
                    }
                    if (Kind == TokenKind.Equal) FailAt(value, "expression cannot contain assignment, perhaps you meant \"==\"?");
                    if (sawDoubleStar) FailAt(value, "positional argument follows keyword argument unpacking");
                    if (sawKeyword) FailAt(value, "positional argument follows keyword argument");
                    args.Add(value);
                }
                if (!Eat(TokenKind.Comma)) break;
            }
            Expect(TokenKind.RPar, "')'");
            return (Scratch<Expression>.Finish(args), Scratch<Keyword>.Finish(keywords));
        }
        finally { Leave(); }
    }

    /// <summary>for_if_clauses: (['async'] 'for' star_targets 'in' disjunction ('if' disjunction)*)+</summary>
    private ImmutableArray<Comprehension> ComprehensionClauses()
    {
        var list = Scratch<Comprehension>.Rent();
        while (Kind is TokenKind.For or TokenKind.Async)
        {
            int start = p;
            bool isAsync = Eat(TokenKind.Async);
            Expect(TokenKind.For, "'for'");
            var target = StarTargets();
            Expect(TokenKind.In, "'in'");
            var iter = Disjunction();
            var ifs = Scratch<Expression>.Rent();
            while (Eat(TokenKind.If)) ifs.Add(Disjunction());
            list.Add(new Comprehension(target, iter, Scratch<Expression>.Finish(ifs), isAsync, SpanFrom(start)));
        }
        return Scratch<Comprehension>.Finish(list);
    }

    /// <summary>star_targets: star_target !',' | star_target (',' star_target)* [','] — converted to Store.</summary>
    private Expression StarTargets()
    {
        int start = p;
        var first = StarTarget();
        if (Kind != TokenKind.Comma) return SetContext(first, ExprContext.Store);
        var elts = Scratch<Expression>.Rent();
        elts.Add(first);
        while (Eat(TokenKind.Comma))
        {
            if (Kind is not (TokenKind.Star or TokenKind.Name or TokenKind.LPar or TokenKind.LSqb)) break;
            elts.Add(StarTarget());
        }
        return SetContext(new Tuple(Scratch<Expression>.Finish(elts), ExprContext.Load, SpanFrom(start)), ExprContext.Store);
    }

    /// <summary>star_target: '*' star_target | target_with_star_atom</summary>
    private Expression StarTarget()
    {
        if (Kind != TokenKind.Star) return Primary();
        int start = p++;
        Enter();
        try
        {
            var value = StarTarget();
            return new Starred(value, ExprContext.Load, SpanFrom(start));
        }
        finally { Leave(); }
    }

    /// <summary>atom: NAME | True | False | None | strings | NUMBER | tuple/group/genexp | list/listcomp | dict/set/comps | '...'</summary>
    private Expression Atom()
    {
        int start = p;
        switch (Kind)
        {
            case TokenKind.Name:
                p++;
                return new Name(toks[start].Text!, ExprContext.Load, TokenSpan(start));
            case TokenKind.Number:
                p++;
                return new Constant(NumberParser.Parse(src, toks[start].Start, toks[start].End), null, TokenSpan(start));
            case TokenKind.String:
                return Strings();
            case TokenKind.None: p++; return new Constant(null, null, TokenSpan(start));
            case TokenKind.True: p++; return new Constant(true, null, TokenSpan(start));
            case TokenKind.False: p++; return new Constant(false, null, TokenSpan(start));
            case TokenKind.Ellipsis: p++; return new Constant(Ast.Ellipsis.Instance, null, TokenSpan(start));
            case TokenKind.LPar: return ParenthesizedAtom();
            case TokenKind.LSqb: return ListAtom();
            case TokenKind.LBrace: return BraceAtom();
            default:
                Fail("invalid syntax");
                return null;
        }
    }

    /// <summary>'(' ')' | '(' yield_expr ')' | '(' named_expression ')' | tuple | genexp</summary>
    private Expression ParenthesizedAtom()
    {
        int start = p++;
        Enter();
        try
        {
            if (Eat(TokenKind.RPar)) return new Tuple([], ExprContext.Load, SpanFrom(start));
            if (Kind == TokenKind.Yield)
            {
                var y = YieldExpression();
                Expect(TokenKind.RPar, "')'");
                return y;
            }
            var first = StarNamedExpression();
            if (Kind is TokenKind.For or TokenKind.Async)
            {
                if (first is Starred) FailAt(first, "iterable unpacking cannot be used in comprehension");
                var generators = ComprehensionClauses();
                Expect(TokenKind.RPar, "')'");
                return new GeneratorExp(first, generators, SpanFrom(start));
            }
            if (Eat(TokenKind.RPar))
            {
                if (first is Starred) FailAt(first, "cannot use starred expression here");
                return first;
            }
            if (Kind != TokenKind.Comma) Fail(Kind == TokenKind.Newline || Kind == TokenKind.EndMarker ? "'(' was never closed" : "invalid syntax");
            var elts = Scratch<Expression>.Rent();
            elts.Add(first);
            while (Eat(TokenKind.Comma))
            {
                if (Kind == TokenKind.RPar) break;
                elts.Add(StarNamedExpression());
            }
            Expect(TokenKind.RPar, "')'");
            return new Tuple(Scratch<Expression>.Finish(elts), ExprContext.Load, SpanFrom(start));
        }
        finally { Leave(); }
    }

    /// <summary>list: '[' [star_named_expressions] ']' | listcomp</summary>
    private Expression ListAtom()
    {
        int start = p++;
        Enter();
        try
        {
            if (Eat(TokenKind.RSqb)) return new List([], ExprContext.Load, SpanFrom(start));
            var first = StarNamedExpression();
            if (Kind is TokenKind.For or TokenKind.Async)
            {
                if (first is Starred) FailAt(first, "iterable unpacking cannot be used in comprehension");
                var generators = ComprehensionClauses();
                Expect(TokenKind.RSqb, "']'");
                return new ListComp(first, generators, SpanFrom(start));
            }
            var elts = Scratch<Expression>.Rent();
            elts.Add(first);
            while (Eat(TokenKind.Comma))
            {
                if (Kind == TokenKind.RSqb) break;
                elts.Add(StarNamedExpression());
            }
            Expect(TokenKind.RSqb, "']'");
            return new List(Scratch<Expression>.Finish(elts), ExprContext.Load, SpanFrom(start));
        }
        finally { Leave(); }
    }

    /// <summary>dict | set | dictcomp | setcomp</summary>
    private Expression BraceAtom()
    {
        int start = p++;
        Enter();
        try
        {
            if (Eat(TokenKind.RBrace)) return new Dict([], [], SpanFrom(start));
            if (Kind == TokenKind.DoubleStar) return DictRest(start, null, null);
            var first = StarNamedExpression();
            if (Eat(TokenKind.Colon))
            {
                if (first is Starred or NamedExpr) FailAt(first, "invalid syntax");
                var value = Expression();
                if (Kind is TokenKind.For or TokenKind.Async)
                {
                    var generators = ComprehensionClauses();
                    Expect(TokenKind.RBrace, "'}'");
                    return new DictComp(first, value, generators, SpanFrom(start));
                }
                return DictRest(start, first, value);
            }
            if (Kind is TokenKind.For or TokenKind.Async)
            {
                if (first is Starred) FailAt(first, "iterable unpacking cannot be used in comprehension");
                var generators = ComprehensionClauses();
                Expect(TokenKind.RBrace, "'}'");
                return new SetComp(first, generators, SpanFrom(start));
            }
            var elts = Scratch<Expression>.Rent();
            elts.Add(first);
            while (Eat(TokenKind.Comma))
            {
                if (Kind == TokenKind.RBrace) break;
                elts.Add(StarNamedExpression());
            }
            Expect(TokenKind.RBrace, "'}'");
            return new Set(Scratch<Expression>.Finish(elts), SpanFrom(start));
        }
        finally { Leave(); }
    }

    /// <summary>The rest of a dict display after its first entry (or at a leading '**').</summary>
    private Expression DictRest(int start, Expression? firstKey, Expression? firstValue)
    {
        var keys = Scratch<Expression?>.Rent();
        var values = Scratch<Expression>.Rent();
        bool needEntry = firstValue is null;
        if (firstValue is not null) { keys.Add(firstKey); values.Add(firstValue); }
        while (needEntry || Eat(TokenKind.Comma))
        {
            needEntry = false;
            if (Kind == TokenKind.RBrace) break;
            if (Eat(TokenKind.DoubleStar))
            {
                keys.Add(null);
                values.Add(BitwiseOr());
            }
            else
            {
                var key = Expression();
                Expect(TokenKind.Colon, "':'");
                keys.Add(key);
                values.Add(Expression());
            }
        }
        if (Kind is TokenKind.For or TokenKind.Async) Fail("dict unpacking cannot be used in dict comprehension");
        Expect(TokenKind.RBrace, "'}'");
        return new Dict(Scratch<Expression?>.Finish(keys), Scratch<Expression>.Finish(values), SpanFrom(start));
    }

    /// <summary>
    /// Parameters of a def (annotations allowed) or lambda, up to the closing token (not consumed):
    /// [posonly '/'] args ['*' [vararg] kwonly] ['**' kwarg], with the ordering errors CPython reports.
    /// </summary>
    private Arguments Parameters(TokenKind closing, bool annotations, int startTok)
    {
        var posOnly = Scratch<Arg>.Rent();
        var args = Scratch<Arg>.Rent();
        var defaults = Scratch<Expression>.Rent();
        var kwOnly = Scratch<Arg>.Rent();
        var kwDefaults = Scratch<Expression?>.Rent();
        Arg? varArg = null, kwArg = null;
        bool sawSlash = false, sawStar = false;
        while (Kind != closing)
        {
            if (kwArg is not null) Fail("arguments cannot follow var-keyword argument");
            if (Kind == TokenKind.Slash)
            {
                if (sawSlash) Fail("/ may appear only once");
                if (sawStar) Fail("/ must be ahead of *");
                if (args.Count == 0) Fail("at least one argument must precede /");
                p++;
                sawSlash = true;
                posOnly.AddRange(args);
                args.Clear();
            }
            else if (Kind == TokenKind.Star)
            {
                if (sawStar) Fail("* argument may appear only once");
                p++;
                sawStar = true;
                if (Kind == TokenKind.Comma || Kind == closing)
                {
                    if (Kind == closing || PeekKind(1) == TokenKind.DoubleStar || PeekKind(1) == closing)
                        Fail("named arguments must follow bare *");
                }
                else
                {
                    varArg = Parameter(annotations, starAnnotation: true);
                    if (Kind == TokenKind.Equal) Fail("var-positional argument cannot have default value");
                }
            }
            else if (Kind == TokenKind.DoubleStar)
            {
                p++;
                kwArg = Parameter(annotations, starAnnotation: false);
                if (Kind == TokenKind.Equal) Fail("var-keyword argument cannot have default value");
            }
            else
            {
                var arg = Parameter(annotations, starAnnotation: false);
                Expression? def = Eat(TokenKind.Equal) ? Expression() : null;
                if (sawStar)
                {
                    kwOnly.Add(arg);
                    kwDefaults.Add(def);
                }
                else
                {
                    if (def is null && defaults.Count > 0) FailAt(arg, "non-default argument follows default argument");
                    args.Add(arg);
                    if (def is not null) defaults.Add(def);
                }
            }
            if (!Eat(TokenKind.Comma)) break;
        }
        if (Kind != closing) Fail("invalid syntax");
        return new Arguments(Scratch<Arg>.Finish(posOnly), Scratch<Arg>.Finish(args), varArg, Scratch<Arg>.Finish(kwOnly), Scratch<Expression?>.Finish(kwDefaults),
            kwArg, Scratch<Expression>.Finish(defaults), SpanFrom(startTok));
    }

    private Arg Parameter(bool annotations, bool starAnnotation)
    {
        int start = p;
        string name = ExpectName();
        Expression? annotation = null;
        if (annotations && Eat(TokenKind.Colon)) annotation = starAnnotation ? StarExpression() : Expression();
        return new Arg(name, annotation, SpanFrom(start));
    }
}
