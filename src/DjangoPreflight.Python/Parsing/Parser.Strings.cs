using System.Collections.Immutable;
using System.Text;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Python.Parsing;

/// <summary>
/// String literals: implicit concatenation, escape decoding, bytes, and f-strings. F-string parts
/// get Python 3.11's positions (literal parts and FormattedValue span the whole concatenation; a
/// format spec spans its own token), while the expressions inside are re-parsed from the source
/// text so they carry their real positions.
/// </summary>
internal sealed partial class Parser
{
    private readonly struct StringToken
    {
        public readonly int Tok, BodyStart, BodyEnd;
        public readonly bool Raw, Bytes, F, U, T;

        public StringToken(int tok, int bodyStart, int bodyEnd, bool raw, bool bytes, bool f, bool u, bool t)
        {
            Tok = tok; BodyStart = bodyStart; BodyEnd = bodyEnd; Raw = raw; Bytes = bytes; F = f; U = u; T = t;
        }
    }

    private StringToken Describe(int tok)
    {
        ref var t = ref toks[tok];
        int i = t.Start;
        bool raw = false, bytes = false, f = false, u = false, tmpl = false;
        while (src[i] != '"' && src[i] != '\'')
        {
            switch (src[i] | 0x20)
            {
                case 'r': raw = true; break;
                case 'b': bytes = true; break;
                case 'f': f = true; break;
                case 'u': u = true; break;
                case 't': tmpl = true; break;
            }
            i++;
        }
        byte q = src[i];
        int quoteLen = i + 2 < t.End && src[i + 1] == q && src[i + 2] == q && t.End - i >= 6 ? 3 : 1;
        return new StringToken(tok, i + quoteLen, t.End - quoteLen, raw, bytes, f, u, tmpl);
    }

    /// <summary>strings: STRING+ — a Constant, or a JoinedStr when any part is an f-string.</summary>
    private Expression Strings()
    {
        int first = p;
        while (Kind == TokenKind.String) p++;
        int last = p - 1;
        var whole = SpanFrom(first);
        var head = Describe(first);
        bool anyT = head.T;
        for (int i = first + 1; i <= last && !anyT; i++) anyT = Describe(i).T;
        if (anyT) return TemplateString(first, last, whole);
        if (first == last && !head.F)
        {
            if (head.Bytes) return new Constant(DecodeBytes(head), null, whole);
            return new Constant(DecodeText(head), head.U ? "u" : null, whole);
        }
        bool anyF = false;
        for (int i = first; i <= last; i++)
        {
            var st = Describe(i);
            if (st.Bytes != head.Bytes)
            {
                diagnostics.Add(new SyntaxDiagnostic(toks[first].Line, toks[first].Col, "cannot mix bytes and nonbytes literals"));
                throw Bail;
            }
            anyF |= st.F;
        }
        if (head.Bytes)
        {
            var all = Scratch<byte>.Rent();
            for (int i = first; i <= last; i++) all.AddRange(DecodeBytes(Describe(i)));
            return new Constant(Scratch<byte>.Finish(all), null, whole);
        }
        var pending = new StringBuilder();
        if (!anyF)
        {
            for (int i = first; i <= last; i++) AppendText(Describe(i), pending);
            return new Constant(pending.ToString(), head.U ? "u" : null, whole);
        }
        var values = Scratch<Expression>.Rent();
        for (int i = first; i <= last; i++)
        {
            var st = Describe(i);
            if (!st.F) { AppendText(st, pending); continue; }
            int end = FStringBody(st, st.BodyStart, 0, values, pending, whole);
            if (end < st.BodyEnd) FailAtOffset(st.Tok, end, "f-string: single '}' is not allowed");
        }
        Flush(values, pending, whole);
        return new JoinedStr(Scratch<Expression>.Finish(values), whole);
    }

    private static void Flush(ImmutableArray<Expression>.Builder values, StringBuilder pending, SourceSpan span)
    {
        if (pending.Length == 0) return;
        values.Add(new Constant(pending.ToString(), null, span));
        pending.Clear();
    }

    /// <summary>
    /// The literal and replacement fields of an f-string body from <paramref name="i"/>; at level 0
    /// runs to the end of the body, inside a format spec stops at the closing '}' (returned).
    /// </summary>
    private int FStringBody(in StringToken st, int i, int level, ImmutableArray<Expression>.Builder values, StringBuilder pending, SourceSpan whole)
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
            if (i > litStart) AppendRange(st, litStart, Math.Min(i, end), pending);
            if (i >= end) break;
            byte b = src[i];
            if (level == 0 && i + 1 < end && src[i + 1] == b)
            {
                pending.Append((char)b);
                i += 2;
                continue;
            }
            if (b == '}')
            {
                if (level == 0) FailAtOffset(st.Tok, i, "f-string: single '}' is not allowed");
                return i;
            }
            i = ReplacementField(st, i, level, values, pending, whole);
        }
        if (level > 0) FailAtOffset(st.Tok, i, "f-string: expecting '}'");
        return i;
    }

    /// <summary>'{' expression ['='] ['!' conversion] [':' format_spec] '}' starting at the '{'.</summary>
    private int ReplacementField(in StringToken st, int open, int level, ImmutableArray<Expression>.Builder values, StringBuilder pending, SourceSpan whole)
    {
        int end = st.BodyEnd;
        int exprStart = open + 1;
        int j = FieldExpressionEnd(st, open, level);
        var expr = SubParse(st.Tok, open, exprStart, j);
        bool debug = false;
        if (src[j] == '=')
        {
            debug = true;
            j++;
            while (j < end && src[j] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\f') j++;
            pending.Append(Encoding.UTF8.GetString(src, exprStart, j - exprStart));
        }
        int conversion = -1;
        if (j < end && src[j] == '!')
        {
            j++;
            if (j >= end || src[j] is not ((byte)'s' or (byte)'r' or (byte)'a'))
                FailAtOffset(st.Tok, j, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
            conversion = src[j];
            j++;
        }
        Expression? spec = null;
        if (j < end && src[j] == ':')
        {
            j++;
            var specValues = Scratch<Expression>.Rent();
            var specPending = new StringBuilder();
            j = FStringBody(st, j, level + 1, specValues, specPending, whole);
            var tokenSpan = TokenSpan(st.Tok);
            Flush(specValues, specPending, tokenSpan);
            spec = new JoinedStr(Scratch<Expression>.Finish(specValues), tokenSpan);
        }
        if (j >= end || src[j] != '}') FailAtOffset(st.Tok, j, "f-string: expecting '}'");
        j++;
        if (debug && conversion == -1 && spec is null) conversion = 'r';
        Flush(values, pending, whole);
        values.Add(new FormattedValue(expr, conversion, spec, whole));
        return j;
    }

    /// <summary>Where the expression of the field opened at <paramref name="open"/> ends: at its '=', '!', ':' or '}'.</summary>
    private int FieldExpressionEnd(in StringToken st, int open, int level)
    {
        if (level >= 2) FailAtOffset(st.Tok, open, "f-string: expressions nested too deeply");
        int end = st.BodyEnd;
        int exprStart = open + 1;
        int j = exprStart;
        int bracket = 0;
        byte quote = 0;
        bool tripleQuote = false;
        while (j < end)
        {
            byte ch = src[j];
            if (quote != 0)
            {
                if (ch == '\\') { j += 2; continue; }
                if (ch == quote)
                {
                    if (!tripleQuote) quote = 0;
                    else if (j + 2 < end && src[j + 1] == quote && src[j + 2] == quote) { quote = 0; j += 3; continue; }
                }
                j++;
                continue;
            }
            if (ch == '\'' || ch == '"')
            {
                quote = ch;
                tripleQuote = j + 2 < end && src[j + 1] == ch && src[j + 2] == ch;
                j += tripleQuote ? 3 : 1;
                continue;
            }
            if (ch is (byte)'[' or (byte)'(' or (byte)'{') { bracket++; j++; continue; }
            if (ch is (byte)']' or (byte)')') { bracket--; j++; continue; }
            if (ch == '}')
            {
                if (bracket == 0) break;
                bracket--;
                j++;
                continue;
            }
            if (ch == '#') FailAtOffset(st.Tok, j, "f-string expression part cannot include '#'");
            if (bracket == 0 && ch is (byte)'!' or (byte)':' or (byte)'=' or (byte)'<' or (byte)'>')
            {
                byte next = j + 1 < end ? src[j + 1] : (byte)0;
                if (next == '=' && ch != ':') { j += 2; continue; }
                if (ch is (byte)'<' or (byte)'>') { j++; continue; }
                break;
            }
            j++;
        }
        if (quote != 0) FailAtOffset(st.Tok, open, "f-string: unterminated string");
        if (j >= end) FailAtOffset(st.Tok, open, "f-string: expecting '}'");
        bool blank = true;
        for (int k = exprStart; k < j; k++)
            if (src[k] is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\f')) { blank = false; break; }
        if (blank) FailAtOffset(st.Tok, j, "f-string: empty expression not allowed");
        return j;
    }

    /// <summary>Parses the expression text of a replacement field as "(" + text + ")", positioned where it sits.</summary>
    private Expression SubParse(int tok, int open, int exprStart, int exprEnd)
    {
        if (fstringNesting + 1 > MaxFStringNesting) FailAtOffset(tok, open, "f-string: expressions nested too deeply");
        var (line, col) = Position(tok, open);
        bool newlineAfterBrace = true;
        for (int k = exprStart; k < exprEnd && src[k] != '\n'; k++)
            if (src[k] is not ((byte)' ' or (byte)'\t' or (byte)'\f')) { newlineAfterBrace = false; break; }
        if (Array.IndexOf(src, (byte)'\n', exprStart, exprEnd - exprStart) < 0) newlineAfterBrace = false;
        int len = exprEnd - exprStart;
        var buffer = new byte[len + 2];
        buffer[0] = (byte)'(';
        Buffer.BlockCopy(src, exprStart, buffer, 1, len);
        buffer[len + 1] = (byte)')';
        var sub = new Parser(buffer, buffer.Length, names, diagnostics, line - 1, newlineAfterBrace ? 0 : col, fstringNesting + 1);
        var expression = sub.FStringExpression();
        sub.Release();
        return expression ?? throw Bail;
    }

    /// <summary>fstring: star_expressions — the entry point of a replacement-field sub-parse.</summary>
    private Expression? FStringExpression()
    {
        try
        {
            var e = StarExpressions();
            if (Kind != TokenKind.Newline && Kind != TokenKind.EndMarker) Fail("f-string: invalid syntax");
            return e;
        }
        catch (ParseError)
        {
            return null;
        }
    }

    /// <summary>Line and column of a byte offset inside a (possibly multi-line) token.</summary>
    private (int Line, int Col) Position(int tok, int offset)
    {
        ref var t = ref toks[tok];
        int line = t.Line;
        int lastNewline = -1;
        for (int k = t.Start; k < offset; k++)
            if (src[k] == '\n') { line++; lastNewline = k; }
        return lastNewline < 0 ? (line, t.Col + offset - t.Start) : (line, offset - lastNewline - 1);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void FailAtOffset(int tok, int offset, string message)
    {
        var (line, col) = Position(tok, offset);
        diagnostics.Add(new SyntaxDiagnostic(line, col, message));
        throw Bail;
    }

    private string DecodeText(in StringToken st)
    {
        int len = st.BodyEnd - st.BodyStart;
        if (st.Raw || Array.IndexOf(src, (byte)'\\', st.BodyStart, len) < 0) return Encoding.UTF8.GetString(src, st.BodyStart, len);
        var sb = new StringBuilder(len);
        AppendRange(st, st.BodyStart, st.BodyEnd, sb);
        return sb.ToString();
    }

    private void AppendText(in StringToken st, StringBuilder sb) => AppendRange(st, st.BodyStart, st.BodyEnd, sb);

    /// <summary>Appends the value of source bytes [start, end) of a str literal, decoding escapes unless raw.</summary>
    private void AppendRange(in StringToken st, int start, int end, StringBuilder sb)
    {
        int i = start;
        while (i < end)
        {
            int bs = st.Raw ? -1 : Array.IndexOf(src, (byte)'\\', i, end - i);
            if (bs < 0) { AppendUtf8(sb, i, end); return; }
            AppendUtf8(sb, i, bs);
            i = bs + 1;
            if (i >= end) { sb.Append('\\'); return; }
            byte c = src[i++];
            switch (c)
            {
                case (byte)'\n': break;
                case (byte)'\\': sb.Append('\\'); break;
                case (byte)'\'': sb.Append('\''); break;
                case (byte)'"': sb.Append('"'); break;
                case (byte)'a': sb.Append('\a'); break;
                case (byte)'b': sb.Append('\b'); break;
                case (byte)'f': sb.Append('\f'); break;
                case (byte)'n': sb.Append('\n'); break;
                case (byte)'r': sb.Append('\r'); break;
                case (byte)'t': sb.Append('\t'); break;
                case (byte)'v': sb.Append('\v'); break;
                case >= (byte)'0' and <= (byte)'7':
                {
                    int value = c - '0';
                    for (int k = 0; k < 2 && i < end && src[i] is >= (byte)'0' and <= (byte)'7'; k++) value = value * 8 + (src[i++] - '0');
                    sb.Append((char)value);
                    break;
                }
                case (byte)'x': sb.Append((char)HexEscape(st, ref i, end, 2)); break;
                case (byte)'u': sb.Append((char)HexEscape(st, ref i, end, 4)); break;
                case (byte)'U':
                {
                    int cp = HexEscape(st, ref i, end, 8);
                    if (cp > 0x10FFFF) FailAtOffset(st.Tok, i - 10, "(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character");
                    if (cp >= 0x10000) sb.Append(char.ConvertFromUtf32(cp)); else sb.Append((char)cp);
                    break;
                }
                case (byte)'N':
                {
                    int close = i < end && src[i] == '{' ? Array.IndexOf(src, (byte)'}', i, end - i) : -1;
                    if (close < 0) FailAtOffset(st.Tok, i - 2, "(unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape");
                    string name = Encoding.ASCII.GetString(src, i + 1, close - i - 1);
                    if (UnicodeNames.TryLookup(name, out string? text)) sb.Append(text);
                    else FailAtOffset(st.Tok, i - 2, "(unicode error) 'unicodeescape' codec can't decode bytes: unknown Unicode character name");
                    i = close + 1;
                    break;
                }
                default:
                    sb.Append('\\');
                    i--;
                    break;
            }
        }
    }

    private void AppendUtf8(StringBuilder sb, int start, int end)
    {
        if (end <= start) return;
        bool ascii = true;
        for (int k = start; k < end; k++) if (src[k] >= 0x80) { ascii = false; break; }
        if (ascii) { for (int k = start; k < end; k++) sb.Append((char)src[k]); return; }
        sb.Append(Encoding.UTF8.GetString(src, start, end - start));
    }

    private int HexEscape(in StringToken st, ref int i, int end, int digits)
    {
        int value = 0;
        for (int k = 0; k < digits; k++)
        {
            if (i >= end || !char.IsAsciiHexDigit((char)src[i]))
                FailAtOffset(st.Tok, Math.Min(i, end), st.Bytes
                    ? "(value error) invalid \\x escape"
                    : $"(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\{(digits == 2 ? "xXX" : digits == 4 ? "uXXXX" : "UXXXXXXXX")} escape");
            byte b = src[i++];
            value = value * 16 + (b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10);
        }
        return value;
    }

    private ImmutableArray<byte> DecodeBytes(in StringToken st)
    {
        var result = ImmutableArray.CreateBuilder<byte>(st.BodyEnd - st.BodyStart);
        int i = st.BodyStart, end = st.BodyEnd;
        while (i < end)
        {
            byte c = src[i++];
            if (c >= 0x80) FailAtOffset(st.Tok, st.BodyStart, "bytes can only contain ASCII literal characters");
            if (c != '\\' || st.Raw) { result.Add(c); continue; }
            if (i >= end) { result.Add(c); break; }
            byte e = src[i++];
            switch (e)
            {
                case (byte)'\n': break;
                case (byte)'\\': result.Add((byte)'\\'); break;
                case (byte)'\'': result.Add((byte)'\''); break;
                case (byte)'"': result.Add((byte)'"'); break;
                case (byte)'a': result.Add(7); break;
                case (byte)'b': result.Add(8); break;
                case (byte)'f': result.Add(12); break;
                case (byte)'n': result.Add(10); break;
                case (byte)'r': result.Add(13); break;
                case (byte)'t': result.Add(9); break;
                case (byte)'v': result.Add(11); break;
                case >= (byte)'0' and <= (byte)'7':
                {
                    int value = e - '0';
                    for (int k = 0; k < 2 && i < end && src[i] is >= (byte)'0' and <= (byte)'7'; k++) value = value * 8 + (src[i++] - '0');
                    result.Add((byte)value);
                    break;
                }
                case (byte)'x': result.Add((byte)HexEscape(st, ref i, end, 2)); break;
                default:
                    result.Add((byte)'\\');
                    i--;
                    break;
            }
        }
        return result.ToImmutable();
    }
}
