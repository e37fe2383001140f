using System.Collections.Immutable;
using System.Text;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Python.Parsing;

/// <summary>
/// Template strings (PEP 750, Python 3.14): <c>t"..."</c> scans like an f-string but builds a
/// TemplateStr of Constant and Interpolation parts. Unlike this parser's f-strings (3.11's
/// whole-string spans), every part carries its own span, as CPython 3.14 gives them: a literal
/// from its first to its last character (doubled braces and a field's `=` text included), a field
/// from its '{' to its '}', a format spec from its ':' to before the closing '}'.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>Literal text collected for the next Constant, with where it starts and ends.</summary>
    private sealed class LiteralRun
    {
        public readonly StringBuilder Text = new();
        public (int Tok, int Offset)? Start;
        public (int Tok, int Offset) End;

        public void Extend(int tok, int start, int end)
        {
            Start ??= (tok, start);
            End = (tok, end);
        }
    }

    /// <summary>tstring+: t-strings concatenate only with t-strings.</summary>
    private Expression TemplateString(int first, int last, SourceSpan whole)
    {
        var values = Scratch<Expression>.Rent();
        var run = new LiteralRun();
        for (int i = first; i <= last; i++)
        {
            var st = Describe(i);
            if (!st.T)
            {
                diagnostics.Add(new SyntaxDiagnostic(toks[i].Line, toks[i].Col, "cannot mix t-string literals with string or bytes literals"));
                throw Bail;
            }
            TemplateBody(st, st.BodyStart, 0, values, run);
        }
        FlushRun(values, run);
        return new TemplateStr(Scratch<Expression>.Finish(values), whole);
    }

    /// <summary>Literals and fields from <paramref name="i"/>; inside a format spec (level 1) stops at its '}'.</summary>
    private int TemplateBody(in StringToken st, int i, int level, ImmutableArray<Expression>.Builder values, LiteralRun run)
    {
        int end = st.BodyEnd;
        while (i < end)
        {
            int litStart = i;
            while (i < end)
            {
                byte c = src[i];
                if (c == '\\' && !st.Raw && i + 2 < end && src[i + 1] == 'N' && src[i + 2] == '{')
                {
                    int close = Array.IndexOf(src, (byte)'}', i + 3, end - i - 3);
                    i = close < 0 ? end : close + 1;
                    continue;
                }
                if (c == '\\' && i + 1 < end && src[i + 1] != '{' && src[i + 1] != '}') { i += 2; continue; }
                if (c == '{' || c == '}') break;
                i++;
            }
            if (i > litStart)
            {
                AppendRange(st, litStart, Math.Min(i, end), run.Text);
                run.Extend(st.Tok, litStart, Math.Min(i, end));
            }
            if (i >= end) break;
            byte b = src[i];
            if (level == 0 && i + 1 < end && src[i + 1] == b)
            {
                run.Text.Append((char)b);
                run.Extend(st.Tok, i, i + 2);
                i += 2;
                continue;
            }
            if (b == '}')
            {
                if (level == 0) FailAtOffset(st.Tok, i, "t-string: single '}' is not allowed");
                return i;
            }
            i = TemplateField(st, i, level, values, run);
        }
        if (level > 0) FailAtOffset(st.Tok, i, "t-string: expecting '}'");
        return i;
    }

    /// <summary>'{' expression ['='] ['!' conversion] [':' format_spec] '}': an Interpolation, or inside a spec a FormattedValue.</summary>
    private int TemplateField(in StringToken st, int open, int level, ImmutableArray<Expression>.Builder values, LiteralRun run)
    {
        int end = st.BodyEnd;
        int exprStart = open + 1;
        int j = FieldExpressionEnd(st, open, level);
        var expr = SubParse(st.Tok, open, exprStart, j);
        string text = Encoding.UTF8.GetString(src, exprStart, j - exprStart);
        bool debug = false;
        if (src[j] == '=')
        {
            // `{x=}` also puts its text, up to the conversion or spec, into the literal before it.
            debug = true;
            j++;
            while (j < end && src[j] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\f') j++;
            run.Text.Append(Encoding.UTF8.GetString(src, exprStart, j - exprStart));
            run.Extend(st.Tok, exprStart, j);
        }
        int conversion = -1;
        if (j < end && src[j] == '!')
        {
            j++;
            if (j >= end || src[j] is not ((byte)'s' or (byte)'r' or (byte)'a'))
                FailAtOffset(st.Tok, j, "t-string: invalid conversion character: expected 's', 'r', or 'a'");
            conversion = src[j];
            j++;
        }
        Expression? spec = null;
        if (j < end && src[j] == ':')
        {
            int colon = j;
            var specValues = Scratch<Expression>.Rent();
            var specRun = new LiteralRun();
            j = TemplateBody(st, j + 1, level + 1, specValues, specRun);
            FlushRun(specValues, specRun);
            spec = new JoinedStr(Scratch<Expression>.Finish(specValues), SpanWithin(st.Tok, colon, j));
        }
        if (j >= end || src[j] != '}') FailAtOffset(st.Tok, j, "t-string: expecting '}'");
        j++;
        if (debug && conversion == -1 && spec is null) conversion = 'r';
        FlushRun(values, run);
        var span = SpanWithin(st.Tok, open, j);
        values.Add(level == 0 ? new Interpolation(expr, text, conversion, spec, span) : new FormattedValue(expr, conversion, spec, span));
        return j;
    }

    private void FlushRun(ImmutableArray<Expression>.Builder values, LiteralRun run)
    {
        if (run.Start is not { } start) return;
        var (line, col) = Position(start.Tok, start.Offset);
        var (endLine, endCol) = Position(run.End.Tok, run.End.Offset);
        values.Add(new Constant(run.Text.ToString(), null, new SourceSpan(line, col, endLine, endCol)));
        run.Text.Clear();
        run.Start = null;
    }

    private SourceSpan SpanWithin(int tok, int start, int end)
    {
        var (line, col) = Position(tok, start);
        var (endLine, endCol) = Position(tok, end);
        return new SourceSpan(line, col, endLine, endCol);
    }
}
