using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Python.Parsing;

/// <summary>
/// Hand-written recursive-descent parser over CPython's grammar (Grammar/python.gram). Each node's
/// span is "first token of the rule .. last token it consumed", like pegen's EXTRA. A syntax error
/// unwinds (private exception) to the innermost statement loop, which records it and resumes at
/// the next logical line; recursion is bounded so hostile input ends in a diagnostic.
/// </summary>
internal sealed partial class Parser
{
    private const int MaxDepth = 1000;

    /// <summary>After this many errors the rest of a file is skipped (CPython stops at the first).</summary>
    private const int MaxDiagnostics = 100;

    /// <summary>CPython 3.11 refuses trees nested deeper than about 3000 levels ("maximum recursion
    /// depth exceeded during ast construction"); so do we, which also protects recursive consumers.</summary>
    private const int MaxTreeDepth = 2990;

    /// <summary>Token count of one expression from which its tree depth is worth measuring.</summary>
    private const int DeepCandidateTokens = 1000;
    private const int MaxFStringNesting = 40;

    private readonly byte[] src;
    private readonly Token[] toks;
    private readonly int tokCount;
    private readonly Tokenizer tokenizer;
    private readonly List<SyntaxDiagnostic> diagnostics;
    private readonly NameTable names;
    private readonly int fstringNesting;
    private int p;
    private int depth;
    private int enterStartTok;
    private bool deepCandidate;
    private int statementNesting;

    private sealed class ParseError : Exception;

    private static readonly ParseError Bail = new();

    public Parser(byte[] src, int length, NameTable names, List<SyntaxDiagnostic> diagnostics, int lineBase = 0, int colBase = 0, int fstringNesting = 0)
    {
        this.src = src;
        this.names = names;
        this.diagnostics = diagnostics;
        this.fstringNesting = fstringNesting;
        kwMatch = names.Match;
        kwCase = names.Case;
        kwType = names.Type;
        kwUnderscore = names.Underscore;
        tokenizer = new Tokenizer(src, length, names, diagnostics, lineBase, colBase);
        toks = tokenizer.Tokenize();
        tokCount = tokenizer.Count;
    }

    // ---------------------------------------------------------------- token helpers

    private TokenKind Kind => toks[p].Kind;

    private TokenKind PeekKind(int ahead) => p + ahead < tokCount ? toks[p + ahead].Kind : TokenKind.EndMarker;

    private bool Eat(TokenKind kind)
    {
        if (toks[p].Kind != kind) return false;
        p++;
        return true;
    }

    private void Expect(TokenKind kind, string what)
    {
        if (toks[p].Kind != kind) Fail($"expected {what}");
        p++;
    }

    private readonly string kwMatch, kwCase, kwType, kwUnderscore;

    private string ExpectName()
    {
        if (toks[p].Kind != TokenKind.Name) Fail("invalid syntax");
        return toks[p++].Text!;
    }

    private void Advance()
    {
        if (p < tokCount - 1) p++;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string message)
    {
        ref var t = ref toks[p];
        if (t.Kind == TokenKind.Error && t.Text is not null)
        {
            diagnostics.Add(new SyntaxDiagnostic(t.Line, t.Col, t.Text));
            t.Text = null;
        }
        else if (t.Kind != TokenKind.Error)
        {
            if (t.Kind == TokenKind.Indent) message = "unexpected indent";
            else if (message == "invalid syntax" && t.Kind == TokenKind.EndMarker) message = "unexpected EOF while parsing";
            diagnostics.Add(new SyntaxDiagnostic(t.Line, t.Col, message));
        }
        throw Bail;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void FailAt(Node node, string message)
    {
        diagnostics.Add(new SyntaxDiagnostic(node.Lineno, node.ColOffset, message));
        throw Bail;
    }

    private void Enter()
    {
        if (depth == 0) enterStartTok = p;
        if (++depth > MaxDepth || ((depth & 7) == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack()))
        {
            depth--;
            Fail("too many nested parentheses or expressions (nesting too deep)");
        }
    }

    private void Leave()
    {
        if (--depth == 0 && p - enterStartTok >= DeepCandidateTokens) deepCandidate = true;
    }

    /// <summary>Called by operator and trailer loops: a long chain builds a deep left-nested tree.</summary>
    private void ChainStep(ref int length)
    {
        if (++length == DeepCandidateTokens / 2) deepCandidate = true;
    }

    /// <summary>Span from the first token of a rule to the last non-whitespace token consumed.</summary>
    private SourceSpan SpanFrom(int startTok)
    {
        int last = p - 1;
        while (last > startTok && toks[last].Kind is TokenKind.Newline or TokenKind.Indent or TokenKind.Dedent) last--;
        ref var a = ref toks[startTok];
        ref var b = ref toks[last];
        return new SourceSpan(a.Line, a.Col, b.EndLine, b.EndCol);
    }

    private SourceSpan TokenSpan(int tok)
    {
        ref var t = ref toks[tok];
        return new SourceSpan(t.Line, t.Col, t.EndLine, t.EndCol);
    }

    // ---------------------------------------------------------------- module and blocks

    /// <summary>Returns pooled buffers; the parser must not be used afterwards.</summary>
    public void Release() => tokenizer.Release();

    public Module ParseModule()
    {
        var body = Scratch<Statement>.Rent();
        while (Kind != TokenKind.EndMarker)
        {

            int before = p;
            ParseStatementInto(body);
            if (p == before) Advance();
        }
        return new Module(Scratch<Statement>.Finish(body), default);
    }

    /// <summary>Parses one statement (a line of simple statements or one compound statement), recovering on error.</summary>
    private void ParseStatementInto(ImmutableArray<Statement>.Builder body)
    {
        int errorsBefore = diagnostics.Count;
        int start = p;
        int countBefore = body.Count;
        bool outerCandidate = deepCandidate;
        int savedDepth = depth;
        deepCandidate = false;
        try
        {
            if (diagnostics.Count >= MaxDiagnostics) StopParsing();
            if (Kind == TokenKind.Indent)
            {
                Fail("unexpected indent");
            }
            if (!TryCompoundStatement(body)) SimpleStatements(body);
            if (deepCandidate) DropTooDeep(body, countBefore);
            deepCandidate = outerCandidate;
        }
        catch (ParseError)
        {
            deepCandidate = outerCandidate;
            depth = savedDepth;
            Recover(start);
            if (Kind == TokenKind.Indent && diagnostics.Count > errorsBefore)
            {
                // The header of a block failed: parse the orphaned block as if it belonged here.
                p++;
                while (Kind is not (TokenKind.Dedent or TokenKind.EndMarker))
                {
                    int before = p;
                    ParseStatementInto(body);
                    if (p == before) Advance();
                }
                Eat(TokenKind.Dedent);
            }
        }
    }

    private bool stopped;

    /// <summary>Too many errors: report once, jump to the end so every loop finishes.</summary>
    private void StopParsing()
    {
        if (!stopped)
        {
            stopped = true;
            diagnostics.Add(new SyntaxDiagnostic(toks[p].Line, toks[p].Col, "too many syntax errors; the rest of the file was not parsed"));
        }
        p = tokCount - 1;
        throw Bail;
    }

    /// <summary>True when the logical line from the current token ends with ':' (cheap pre-check before speculating).</summary>
    private bool LineEndsWithColon()
    {
        int i = p;
        while (i < tokCount && toks[i].Kind is not (TokenKind.Newline or TokenKind.EndMarker)) i++;
        return i > p && toks[i - 1].Kind == TokenKind.Colon;
    }

    /// <summary>Index of the token closing the bracket at <paramref name="open"/>, or -1.</summary>
    private int MatchingClose(int open)
    {
        int level = 0;
        for (int i = open; i < tokCount; i++)
        {
            switch (toks[i].Kind)
            {
                case TokenKind.LPar or TokenKind.LSqb or TokenKind.LBrace: level++; break;
                case TokenKind.RPar or TokenKind.RSqb or TokenKind.RBrace: if (--level == 0) return i; break;
                case TokenKind.Newline or TokenKind.EndMarker: return -1;
            }
        }
        return -1;
    }

    /// <summary>Removes statements whose tree is deeper than CPython accepts, with a diagnostic each.</summary>
    private void DropTooDeep(ImmutableArray<Statement>.Builder body, int from)
    {
        int limit = MaxTreeDepth - 2 * statementNesting - 2;
        for (int i = body.Count - 1; i >= from; i--)
        {
            if (TreeDepth(body[i], limit) <= limit) continue;
            diagnostics.Add(new SyntaxDiagnostic(body[i].Lineno, body[i].ColOffset,
                "too many nested expressions: the syntax tree is deeper than CPython accepts"));
            body.RemoveAt(i);
        }
    }

    /// <summary>Depth of a tree, measured without recursion; stops early past the limit.</summary>
    private static int TreeDepth(Node root, int limit)
    {
        int max = 0;
        var stack = new Stack<(Node Node, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (node, d) = stack.Pop();
            if (d > max) { max = d; if (max > limit) return max; }
            foreach (var child in AstWalker.Children(node)) stack.Push((child, d + 1));
        }
        return max;
    }

    /// <summary>Skips to just after the NEWLINE ending the current logical line.</summary>
    private void Recover(int start)
    {
        if (p < start) p = start;
        if (p == start && Kind == TokenKind.Indent)
        {
            p++;
            return;
        }
        while (true)
        {
            var k = Kind;
            if (k == TokenKind.EndMarker) return;
            if (k == TokenKind.Newline) { p++; return; }
            if ((k == TokenKind.Dedent || k == TokenKind.Indent) && p > start) return;
            p++;
        }
    }

    /// <summary>block: NEWLINE INDENT statements DEDENT | simple_stmts</summary>
    private ImmutableArray<Statement> Block(string after, int headerTok)
    {
        var body = Scratch<Statement>.Rent();
        if (Kind == TokenKind.Newline)
        {
            p++;
            if (Kind != TokenKind.Indent) Fail($"expected an indented block after {after} on line {toks[headerTok].Line}");
            p++;
            statementNesting++;
            while (Kind is not (TokenKind.Dedent or TokenKind.EndMarker))
            {

                int before = p;
                ParseStatementInto(body);
                if (p == before) Advance();
            }
            statementNesting--;
            Eat(TokenKind.Dedent);
        }
        else
        {
            SimpleStatements(body);
        }
        return Scratch<Statement>.Finish(body);
    }

    // ---------------------------------------------------------------- simple statements

    /// <summary>simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE</summary>
    private void SimpleStatements(ImmutableArray<Statement>.Builder body)
    {
        while (true)
        {
            body.Add(SimpleStatement());
            if (Eat(TokenKind.Semi))
            {
                if (Kind is TokenKind.Newline or TokenKind.EndMarker) break;
                continue;
            }
            break;
        }
        if (Kind == TokenKind.EndMarker) return;
        if (Kind != TokenKind.Newline) Fail("invalid syntax");
        p++;
    }

    private Statement SimpleStatement()
    {
        int start = p;
        switch (Kind)
        {
            case TokenKind.Pass: p++; return new Pass(SpanFrom(start));
            case TokenKind.Break: p++; return new Break(SpanFrom(start));
            case TokenKind.Continue: p++; return new Continue(SpanFrom(start));
            case TokenKind.Return:
            {
                p++;
                Expression? value = AtExpressionStart() ? StarExpressions() : null;
                return new Return(value, SpanFrom(start));
            }
            case TokenKind.Raise:
            {
                p++;
                Expression? exc = null, cause = null;
                if (AtExpressionStart())
                {
                    exc = Expression();
                    if (Eat(TokenKind.From)) cause = Expression();
                }
                return new Raise(exc, cause, SpanFrom(start));
            }
            case TokenKind.Global:
            case TokenKind.Nonlocal:
            {
                bool global = Kind == TokenKind.Global;
                p++;
                var list = Scratch<string>.Rent();
                do list.Add(ExpectName()); while (Eat(TokenKind.Comma));
                return global ? new Global(Scratch<string>.Finish(list), SpanFrom(start)) : new Nonlocal(Scratch<string>.Finish(list), SpanFrom(start));
            }
            case TokenKind.Del:
            {
                p++;
                var targets = Scratch<Expression>.Rent();
                do
                {
                    if (!AtExpressionStart()) break;
                    targets.Add(SetContext(DelTarget(), ExprContext.Del));
                }
                while (Eat(TokenKind.Comma));
                if (targets.Count == 0) Fail("invalid syntax");
                return new Delete(Scratch<Expression>.Finish(targets), SpanFrom(start));
            }
            case TokenKind.Assert:
            {
                p++;
                var test = Expression();
                Expression? msg = Eat(TokenKind.Comma) ? Expression() : null;
                return new Assert(test, msg, SpanFrom(start));
            }
            case TokenKind.Import: return ImportName();
            case TokenKind.From: return ImportFrom();
            case TokenKind.Name when IsTypeAliasStart(): return TypeAliasStatement();
            default: return ExpressionOrAssignment();
        }
    }

    private Expression DelTarget()
    {
        int start = p;
        var e = BitwiseOr();
        return e;
    }

    /// <summary>
    /// assignment | star_expressions: parse the left side as an expression, then decide from the
    /// next token whether it is an annotation, an (augmented) assignment or an expression statement.
    /// </summary>
    private Statement ExpressionOrAssignment()
    {
        int start = p;
        bool startsWithParen = Kind == TokenKind.LPar;
        Expression first = Kind == TokenKind.Yield ? YieldExpression() : StarExpressions();
        switch (Kind)
        {
            case TokenKind.Colon:
            {
                if (first is not (Name or Attribute or Subscript))
                {
                    if (first is Tuple) FailAt(first, "only single target (not tuple) can be annotated");
                    if (first is List) FailAt(first, "only single target (not list) can be annotated");
                    FailAt(first, "illegal target for annotation");
                }
                bool simple = first is Name && !startsWithParen;
                p++;
                var annotation = Expression();
                Expression? value = null;
                if (Eat(TokenKind.Equal)) value = Kind == TokenKind.Yield ? YieldExpression() : StarExpressions();
                return new AnnAssign(SetContext(first, ExprContext.Store), annotation, value, simple ? 1 : 0, SpanFrom(start));
            }
            case TokenKind.Equal:
            {
                var targets = Scratch<Expression>.Rent();
                Expression value = first;
                while (Eat(TokenKind.Equal))
                {
                    targets.Add(SetContext(value, ExprContext.Store));
                    value = Kind == TokenKind.Yield ? YieldExpression() : StarExpressions();
                }
                return new Assign(Scratch<Expression>.Finish(targets), value, SpanFrom(start));
            }
            default:
                if (AugmentedOperator(Kind) is { } op)
                {
                    if (first is not (Name or Attribute or Subscript))
                        FailAt(first, $"'{Describe(first)}' is an illegal expression for augmented assignment");
                    p++;
                    var value = Kind == TokenKind.Yield ? YieldExpression() : StarExpressions();
                    return new AugAssign(SetContext(first, ExprContext.Store), op, value, SpanFrom(start));
                }
                if (first is NamedExpr && !startsWithParen) FailAt(first, "invalid syntax");
                return new Expr(first, SpanFrom(start));
        }
    }

    private static Operator? AugmentedOperator(TokenKind kind) => kind switch
    {
        TokenKind.PlusEqual => Operator.Add,
        TokenKind.MinEqual => Operator.Sub,
        TokenKind.StarEqual => Operator.Mult,
        TokenKind.AtEqual => Operator.MatMult,
        TokenKind.SlashEqual => Operator.Div,
        TokenKind.PercentEqual => Operator.Mod,
        TokenKind.AmperEqual => Operator.BitAnd,
        TokenKind.VBarEqual => Operator.BitOr,
        TokenKind.CircumflexEqual => Operator.BitXor,
        TokenKind.LeftShiftEqual => Operator.LShift,
        TokenKind.RightShiftEqual => Operator.RShift,
        TokenKind.DoubleStarEqual => Operator.Pow,
        TokenKind.DoubleSlashEqual => Operator.FloorDiv,
        _ => null,
    };

    /// <summary>import_name: 'import' dotted_as_names</summary>
    private Statement ImportName()
    {
        int start = p;
        p++;
        var names = Scratch<Alias>.Rent();
        do
        {
            int aliasStart = p;
            string name = DottedName();
            string? asName = Eat(TokenKind.As) ? ExpectName() : null;
            names.Add(new Alias(name, asName, SpanFrom(aliasStart)));
        }
        while (Eat(TokenKind.Comma));
        return new Import(Scratch<Alias>.Finish(names), SpanFrom(start));
    }

    private string DottedName()
    {
        string name = ExpectName();
        if (Kind != TokenKind.Dot) return name;
        var sb = new System.Text.StringBuilder(name);
        while (Eat(TokenKind.Dot)) sb.Append('.').Append(ExpectName());
        return names.Intern(sb.ToString());
    }

    /// <summary>import_from: 'from' ('.' | '...')* dotted_name 'import' import_from_targets | 'from' ('.' | '...')+ 'import' ...</summary>
    private Statement ImportFrom()
    {
        int start = p;
        p++;
        int level = 0;
        while (true)
        {
            if (Eat(TokenKind.Dot)) level++;
            else if (Eat(TokenKind.Ellipsis)) level += 3;
            else break;
        }
        string? module = null;
        if (Kind != TokenKind.Import || level == 0) module = DottedName();
        Expect(TokenKind.Import, "'import'");
        var names = Scratch<Alias>.Rent();
        if (Kind == TokenKind.Star)
        {
            int s = p++;
            names.Add(new Alias("*", null, SpanFrom(s)));
        }
        else
        {
            bool paren = Eat(TokenKind.LPar);
            do
            {
                if (paren && Kind == TokenKind.RPar && names.Count > 0) break;
                int aliasStart = p;
                string name = ExpectName();
                string? asName = Eat(TokenKind.As) ? ExpectName() : null;
                names.Add(new Alias(name, asName, SpanFrom(aliasStart)));
            }
            while (Eat(TokenKind.Comma));
            if (paren) Expect(TokenKind.RPar, "')'");
            else if (toks[p - 1].Kind == TokenKind.Comma) Fail("trailing comma not allowed without surrounding parentheses");
        }
        return new ImportFrom(module, Scratch<Alias>.Finish(names), level, SpanFrom(start));
    }

    private bool IsTypeAliasStart() =>
        ReferenceEquals(toks[p].Text, kwType) && PeekKind(1) == TokenKind.Name && PeekKind(2) is TokenKind.Equal or TokenKind.LSqb;

    /// <summary>type_alias: "type" NAME [type_params] '=' expression (3.12)</summary>
    private Statement TypeAliasStatement()
    {
        int start = p;
        p++;
        int nameTok = p;
        var name = new Name(ExpectName(), ExprContext.Store, TokenSpan(nameTok));
        var typeParams = Kind == TokenKind.LSqb ? TypeParams() : [];
        Expect(TokenKind.Equal, "'='");
        var value = Expression();
        return new TypeAlias(name, typeParams, value, SpanFrom(start));
    }

    /// <summary>type_params: '[' type_param (',' type_param)* [','] ']'</summary>
    private ImmutableArray<TypeParam> TypeParams()
    {
        Expect(TokenKind.LSqb, "'['");
        var list = Scratch<TypeParam>.Rent();
        while (Kind != TokenKind.RSqb)
        {
            int start = p;
            if (Eat(TokenKind.Star))
            {
                string name = ExpectName();
                Expression? def = Eat(TokenKind.Equal) ? StarExpression() : null;
                list.Add(new TypeVarTuple(name, def, SpanFrom(start)));
            }
            else if (Eat(TokenKind.DoubleStar))
            {
                string name = ExpectName();
                Expression? def = Eat(TokenKind.Equal) ? Expression() : null;
                list.Add(new ParamSpec(name, def, SpanFrom(start)));
            }
            else
            {
                string name = ExpectName();
                Expression? bound = Eat(TokenKind.Colon) ? Expression() : null;
                Expression? def = Eat(TokenKind.Equal) ? Expression() : null;
                list.Add(new TypeVar(name, bound, def, SpanFrom(start)));
            }
            if (!Eat(TokenKind.Comma)) break;
        }
        if (list.Count == 0) Fail("Type parameter list cannot be empty");
        Expect(TokenKind.RSqb, "']'");
        return Scratch<TypeParam>.Finish(list);
    }

    // ---------------------------------------------------------------- targets

    /// <summary>Converts a parsed expression into an assignment/deletion target, or fails like CPython.</summary>
    private Expression SetContext(Expression e, ExprContext ctx)
    {
        switch (e)
        {
            case Name n: return n.Ctx == ctx ? n : n with { Ctx = ctx };
            case Attribute a: return a.Ctx == ctx ? a : a with { Ctx = ctx };
            case Subscript s: return s.Ctx == ctx ? s : s with { Ctx = ctx };
            case Starred s when ctx != ExprContext.Del: return new Starred(SetContext(s.Value, ctx), ctx, s.Span);
            case Tuple t: return new Tuple(SetContextAll(t.Elts, ctx), ctx, t.Span);
            case List l: return new List(SetContextAll(l.Elts, ctx), ctx, l.Span);
            default:
                FailAt(e, ctx == ExprContext.Del ? $"cannot delete {Describe(e)}" : $"cannot assign to {Describe(e)}");
                return e;
        }
    }

    private ImmutableArray<Expression> SetContextAll(ImmutableArray<Expression> elts, ExprContext ctx)
    {
        var b = ImmutableArray.CreateBuilder<Expression>(elts.Length);
        foreach (var x in elts) b.Add(SetContext(x, ctx));
        return b.MoveToImmutable();
    }

    private static string Describe(Expression e) => e switch
    {
        Constant { Value: null } => "None",
        Constant { Value: true } => "True",
        Constant { Value: false } => "False",
        Constant { Value: Ellipsis } => "ellipsis",
        Constant => "literal",
        Call => "function call",
        Compare => "comparison",
        BoolOp or BinOp or UnaryOp => "expression",
        Lambda => "lambda",
        IfExp => "conditional expression",
        NamedExpr => "named expression",
        Tuple => "tuple",
        List => "list",
        Dict => "dict literal",
        Set => "set display",
        ListComp => "list comprehension",
        SetComp => "set comprehension",
        DictComp => "dict comprehension",
        GeneratorExp => "generator expression",
        Yield or YieldFrom => "yield expression",
        Await => "await expression",
        JoinedStr => "f-string expression",
        Starred => "starred",
        _ => "expression",
    };
}
