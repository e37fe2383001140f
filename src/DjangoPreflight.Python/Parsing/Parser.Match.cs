using System.Collections.Immutable;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Python.Parsing;

internal sealed partial class Parser
{
    /// <summary>
    /// match_stmt: "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT. "match" is a soft
    /// keyword: if the header does not parse, this is not a match statement (returns null, no error).
    /// </summary>
    private Statement? TryMatchStatement()
    {
        int start = p, diagCount = diagnostics.Count, saveDepth = depth;
        if (!LineEndsWithColon()) return null;
        Expression subject;
        try
        {
            p++;
            if (!AtExpressionStart()) throw Bail;
            int subjectStart = p;
            var first = StarNamedExpression();
            if (Kind == TokenKind.Comma)
            {
                var elts = Scratch<Expression>.Rent();
                elts.Add(first);
                while (Eat(TokenKind.Comma))
                {
                    if (Kind == TokenKind.Colon) break;
                    elts.Add(StarNamedExpression());
                }
                first = new Tuple(Scratch<Expression>.Finish(elts), ExprContext.Load, SpanFrom(subjectStart));
            }
            else if (first is Starred) throw Bail;
            if (Kind != TokenKind.Colon || PeekKind(1) != TokenKind.Newline) throw Bail;
            subject = first;
        }
        catch (ParseError)
        {
            p = start;
            depth = saveDepth;
            diagnostics.RemoveRange(diagCount, diagnostics.Count - diagCount);
            return null;
        }
        p += 2;
        if (Kind != TokenKind.Indent) Fail($"expected an indented block after 'match' statement on line {toks[start].Line}");
        p++;
        var cases = Scratch<MatchCase>.Rent();
        while (Kind is not (TokenKind.Dedent or TokenKind.EndMarker))
        {
            if (!(Kind == TokenKind.Name && ReferenceEquals(toks[p].Text, kwCase))) Fail("invalid syntax");
            cases.Add(CaseBlock());
        }
        Eat(TokenKind.Dedent);
        return new Match(subject, Scratch<MatchCase>.Finish(cases), SpanFrom(start));
    }

    /// <summary>case_block: "case" patterns guard? ':' block</summary>
    private MatchCase CaseBlock()
    {
        int start = p++;
        var pattern = Patterns();
        Expression? guard = Eat(TokenKind.If) ? NamedExpression() : null;
        Expect(TokenKind.Colon, "':'");
        var body = Block("'case' statement", start);
        return new MatchCase(pattern, guard, body, SpanFrom(start));
    }

    /// <summary>patterns: open_sequence_pattern | pattern</summary>
    private Pattern Patterns()
    {
        int start = p;
        var first = MaybeStarPattern();
        if (Kind != TokenKind.Comma)
        {
            if (first is MatchStar) FailAt(first, "invalid syntax");
            return first;
        }
        var list = Scratch<Pattern>.Rent();
        list.Add(first);
        while (Eat(TokenKind.Comma))
        {
            if (Kind is TokenKind.Colon or TokenKind.If) break;
            list.Add(MaybeStarPattern());
        }
        return new MatchSequence(Scratch<Pattern>.Finish(list), SpanFrom(start));
    }

    private Pattern MaybeStarPattern()
    {
        if (Kind != TokenKind.Star) return PatternRule();
        int start = p++;
        string name = ExpectName();
        return new MatchStar(ReferenceEquals(name, kwUnderscore) ? null : name, SpanFrom(start));
    }

    /// <summary>pattern: or_pattern 'as' pattern_capture_target | or_pattern</summary>
    private Pattern PatternRule()
    {
        Enter();
        try
        {
            int start = p;
            var or = OrPattern();
            if (!Eat(TokenKind.As)) return or;
            string name = ExpectName();
            if (ReferenceEquals(name, kwUnderscore)) Fail("cannot use '_' as a target");
            return new MatchAs(or, name, SpanFrom(start));
        }
        finally { Leave(); }
    }

    private Pattern OrPattern()
    {
        int start = p;
        var first = ClosedPattern();
        if (Kind != TokenKind.VBar) return first;
        var list = Scratch<Pattern>.Rent();
        list.Add(first);
        while (Eat(TokenKind.VBar)) list.Add(ClosedPattern());
        return new MatchOr(Scratch<Pattern>.Finish(list), SpanFrom(start));
    }

    /// <summary>closed_pattern: literal | capture | wildcard | value | group | sequence | mapping | class</summary>
    private Pattern ClosedPattern()
    {
        int start = p;
        switch (Kind)
        {
            case TokenKind.None: p++; return new MatchSingleton(null, SpanFrom(start));
            case TokenKind.True: p++; return new MatchSingleton(true, SpanFrom(start));
            case TokenKind.False: p++; return new MatchSingleton(false, SpanFrom(start));
            case TokenKind.String:
                return new MatchValue(Strings(), SpanFrom(start));
            case TokenKind.Number:
            case TokenKind.Minus:
                return new MatchValue(SignedNumberPattern(), SpanFrom(start));
            case TokenKind.LPar:
            {
                p++;
                if (Eat(TokenKind.RPar)) return new MatchSequence([], SpanFrom(start));
                var first = MaybeStarPattern();
                if (Eat(TokenKind.RPar))
                {
                    if (first is MatchStar) return new MatchSequence([first], SpanFrom(start));
                    return first;
                }
                var list = Scratch<Pattern>.Rent();
                list.Add(first);
                while (Eat(TokenKind.Comma))
                {
                    if (Kind == TokenKind.RPar) break;
                    list.Add(MaybeStarPattern());
                }
                Expect(TokenKind.RPar, "')'");
                return new MatchSequence(Scratch<Pattern>.Finish(list), SpanFrom(start));
            }
            case TokenKind.LSqb:
            {
                p++;
                var list = Scratch<Pattern>.Rent();
                while (Kind != TokenKind.RSqb)
                {
                    list.Add(MaybeStarPattern());
                    if (!Eat(TokenKind.Comma)) break;
                }
                Expect(TokenKind.RSqb, "']'");
                return new MatchSequence(Scratch<Pattern>.Finish(list), SpanFrom(start));
            }
            case TokenKind.LBrace:
                return MappingPattern();
            case TokenKind.Name:
            {
                if (PeekKind(1) is not (TokenKind.Dot or TokenKind.LPar))
                {
                    string name = toks[p++].Text!;
                    return new MatchAs(null, ReferenceEquals(name, kwUnderscore) ? null : name, SpanFrom(start));
                }
                var cls = NameOrAttribute();
                if (Kind != TokenKind.LPar)
                {
                    if (cls is Name) Fail("invalid syntax");
                    return new MatchValue(cls, SpanFrom(start));
                }
                return ClassPattern(start, cls);
            }
            default:
                Fail("invalid syntax");
                return null;
        }
    }

    private Expression NameOrAttribute()
    {
        int start = p;
        Expression e = new Name(ExpectName(), ExprContext.Load, TokenSpan(start));
        while (Eat(TokenKind.Dot))
        {
            string attr = ExpectName();
            e = new Attribute(e, attr, ExprContext.Load, SpanFrom(start));
        }
        return e;
    }

    /// <summary>signed_number ['+'|'-' imaginary] — literal numbers and complex literals like 1+2j.</summary>
    private Expression SignedNumberPattern()
    {
        int start = p;
        Expression real;
        if (Eat(TokenKind.Minus))
        {
            int numTok = p;
            if (Kind != TokenKind.Number) Fail("invalid syntax");
            p++;
            var c = new Constant(NumberParser.Parse(src, toks[numTok].Start, toks[numTok].End), null, TokenSpan(numTok));
            real = new UnaryOp(UnaryOperator.USub, c, SpanFrom(start));
        }
        else
        {
            if (Kind != TokenKind.Number) Fail("invalid syntax");
            p++;
            real = new Constant(NumberParser.Parse(src, toks[start].Start, toks[start].End), null, TokenSpan(start));
        }
        if (Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Kind == TokenKind.Plus ? Operator.Add : Operator.Sub;
            p++;
            int imagTok = p;
            if (Kind != TokenKind.Number) Fail("invalid syntax");
            p++;
            var imag = NumberParser.Parse(src, toks[imagTok].Start, toks[imagTok].End);
            if (imag is not System.Numerics.Complex) Fail("imaginary number required in complex literal");
            return new BinOp(real, op, new Constant(imag, null, TokenSpan(imagTok)), SpanFrom(start));
        }
        return real;
    }

    /// <summary>mapping_pattern: '{' [items] [',' '**' NAME] [','] '}'</summary>
    private Pattern MappingPattern()
    {
        int start = p++;
        var keys = Scratch<Expression>.Rent();
        var patterns = Scratch<Pattern>.Rent();
        string? rest = null;
        while (Kind != TokenKind.RBrace)
        {
            if (Eat(TokenKind.DoubleStar))
            {
                rest = ExpectName();
                Eat(TokenKind.Comma);
                break;
            }
            int keyStart = p;
            Expression key = Kind switch
            {
                TokenKind.None => new Constant(null, null, TokenSpan(p++)),
                TokenKind.True => new Constant(true, null, TokenSpan(p++)),
                TokenKind.False => new Constant(false, null, TokenSpan(p++)),
                TokenKind.String => Strings(),
                TokenKind.Number or TokenKind.Minus => SignedNumberPattern(),
                TokenKind.Name => NameOrAttribute(),
                _ => Unexpected(),
            };
            if (key is Name) FailAt(key, "invalid syntax");
            Expect(TokenKind.Colon, "':'");
            keys.Add(key);
            patterns.Add(PatternRule());
            if (!Eat(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RBrace, "'}'");
        return new MatchMapping(Scratch<Expression>.Finish(keys), Scratch<Pattern>.Finish(patterns), rest, SpanFrom(start));
    }

    private Expression Unexpected()
    {
        Fail("invalid syntax");
        return null;
    }

    /// <summary>class_pattern: name_or_attr '(' [positional_patterns] [keyword_patterns] ')'</summary>
    private Pattern ClassPattern(int start, Expression cls)
    {
        p++;
        var patterns = Scratch<Pattern>.Rent();
        var kwdAttrs = Scratch<string>.Rent();
        var kwdPatterns = Scratch<Pattern>.Rent();
        while (Kind != TokenKind.RPar)
        {
            if (Kind == TokenKind.Name && PeekKind(1) == TokenKind.Equal)
            {
                kwdAttrs.Add(toks[p].Text!);
                p += 2;
                kwdPatterns.Add(PatternRule());
            }
            else
            {
                if (kwdAttrs.Count > 0) Fail("positional patterns follow keyword patterns");
                patterns.Add(PatternRule());
            }
            if (!Eat(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RPar, "')'");
        return new MatchClass(cls, Scratch<Pattern>.Finish(patterns), Scratch<string>.Finish(kwdAttrs), Scratch<Pattern>.Finish(kwdPatterns), SpanFrom(start));
    }
}
