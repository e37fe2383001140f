using System.Globalization;
using System.Text;

namespace DjangoPreflight.Python.Parsing;

/// <summary>
/// Turns normalised UTF-8 source (line ends already '\n') into tokens, following CPython's
/// tokenizer: INDENT/DEDENT from a tab-aware indentation stack, implicit line joining inside
/// brackets, explicit joining with a backslash, whole string literals (f-strings included, with
/// PEP 701 nesting) as one token. Errors become diagnostics plus an Error token; never throws.
/// </summary>
internal sealed class Tokenizer
{
    private const int MaxParenDepth = 200;
    private const int MaxFStringDepth = 150;
    private const int MaxIndentLevels = 100;

    private readonly byte[] src;
    private readonly int n;
    private readonly NameTable names;
    private readonly List<SyntaxDiagnostic> diagnostics;
    private readonly int lineBase;   // added to line numbers (f-string sub-parses)
    private readonly int colBase;    // added to columns of the first line (f-string sub-parses)

    private Token[] tokens;
    private int count;
    private int pos;
    private int line = 1;
    private int lineStart;

    private readonly List<int> indents = [0];
    private readonly List<int> altIndents = [0];
    private readonly byte[] parens = new byte[MaxParenDepth + 1];
    private readonly int[] parenOffsets = new int[MaxParenDepth + 1];
    private readonly int[] parenLines = new int[MaxParenDepth + 1];
    private int parenDepth;
    private int nestingOverflow;  // brackets opened beyond MaxParenDepth, still counted for matching

    public Tokenizer(byte[] src, int length, NameTable names, List<SyntaxDiagnostic> diagnostics, int lineBase = 0, int colBase = 0)
    {
        this.src = src;
        n = length;
        this.names = names;
        this.diagnostics = diagnostics;
        this.lineBase = lineBase;
        this.colBase = colBase;
        tokens = TokenBuffer.Rent(Math.Max(16, length / 5));
    }

    /// <summary>Gives the token array back for reuse by the next parse on this thread.</summary>
    public void Release()
    {
        TokenBuffer.Return(tokens, count);
        tokens = [];
    }

    public int Count => count;

    /// <summary>When set, every comment is recorded here as (line, start offset, end offset):
    /// comments carry no token, so this is the only way to tell a real comment from a '#' in a string.</summary>
    public List<(int Line, int Start, int End)>? Comments { get; init; }

    /// <summary>Skips a comment that starts at <see cref="pos"/>, recording it when asked to.</summary>
    private void SkipComment()
    {
        int start = pos;
        while (pos < n && src[pos] != '\n') pos++;
        Comments?.Add((line + lineBase, start, pos));
    }

    public Token[] Tokenize()
    {
        bool atBol = true;
        while (true)
        {
            if (atBol)
            {
                atBol = false;
                if (parenDepth == 0 && nestingOverflow == 0)
                {
                    var blank = ProcessIndentation();
                    if (blank == LineState.Blank) { atBol = true; continue; }
                    if (blank == LineState.Eof) break;
                }
            }
            while (pos < n && (src[pos] == ' ' || src[pos] == '\t' || src[pos] == '\f')) pos++;
            if (pos >= n) break;
            byte c = src[pos];
            if (c == '#')
            {
                SkipComment();
                continue;
            }
            if (c == '\n')
            {
                if ((parenDepth > 0 || nestingOverflow > 0) && NextLineStartsStatement(pos + 1))
                {
                    NeverClosed(pos);
                    Add(TokenKind.Newline, pos, pos + 1);
                }
                else if (parenDepth == 0 && nestingOverflow == 0) Add(TokenKind.Newline, pos, pos + 1);
                pos++;
                NewLine(pos);
                atBol = true;
                continue;
            }
            if (c == '\\')
            {
                if (pos + 1 < n && src[pos + 1] == '\n')
                {
                    pos += 2;
                    NewLine(pos);
                    if (pos >= n) { Error(pos, "unexpected EOF while parsing"); break; }
                    continue;
                }
                if (pos + 1 >= n) { Error(pos, "unexpected EOF while parsing"); pos++; break; }
                Error(pos, "unexpected character after line continuation character");
                pos++;
                continue;
            }
            if (IsIdentifierStart(c)) { ScanNameOrString(); continue; }
            if (IsDigit(c) || (c == '.' && pos + 1 < n && IsDigit(src[pos + 1]))) { ScanNumber(); continue; }
            if (c == '"' || c == '\'') { ScanString(pos, pos, false, false); continue; }
            ScanOperator(c);
        }
        Finish();
        return tokens;
    }

    private enum LineState { Code, Blank, Eof }

    private LineState ProcessIndentation()
    {
        int col = 0, altCol = 0;
        while (pos < n)
        {
            byte c = src[pos];
            if (c == ' ') { col++; altCol++; }
            else if (c == '\t') { col = (col / 8 + 1) * 8; altCol++; }
            else if (c == '\f') { col = 0; altCol = 0; }
            else break;
            pos++;
        }
        if (pos >= n) return LineState.Eof;
        byte first = src[pos];
        if (first == '#' || first == '\n')
        {
            if (first == '#') SkipComment();
            if (pos < n) { pos++; NewLine(pos); }
            return pos >= n ? LineState.Eof : LineState.Blank;
        }
        if (first == '\\' && pos + 1 < n && src[pos + 1] == '\n') return LineState.Code;
        int top = indents[^1];
        if (col == top)
        {
            if (altCol != altIndents[^1]) Error(pos, "inconsistent use of tabs and spaces in indentation");
        }
        else if (col > top)
        {
            if (altCol <= altIndents[^1]) Error(pos, "inconsistent use of tabs and spaces in indentation");
            if (indents.Count >= MaxIndentLevels) Error(pos, "too many levels of indentation");
            indents.Add(col);
            altIndents.Add(altCol);
            Add(TokenKind.Indent, pos, pos);
        }
        else
        {
            while (indents.Count > 1 && col < indents[^1])
            {
                indents.RemoveAt(indents.Count - 1);
                altIndents.RemoveAt(altIndents.Count - 1);
                Add(TokenKind.Dedent, pos, pos);
            }
            if (col != indents[^1]) Error(pos, "unindent does not match any outer indentation level");
            else if (altCol != altIndents[^1]) Error(pos, "inconsistent use of tabs and spaces in indentation");
        }
        return LineState.Code;
    }

    private void Finish()
    {
        if (parenDepth > 0) NeverClosed(n);
        if (count > 0 && tokens[count - 1].Kind is not (TokenKind.Newline or TokenKind.Dedent or TokenKind.Indent))
            Add(TokenKind.Newline, n, n);
        for (int i = 1; i < indents.Count; i++) Add(TokenKind.Dedent, n, n);
        Add(TokenKind.EndMarker, n, n);
    }

    /// <summary>
    /// An Error token carrying "'(' was never closed" at the outermost open bracket. The parser
    /// reports it only if it reaches this token without failing earlier (as CPython does).
    /// </summary>
    private void NeverClosed(int at)
    {
        int line0 = parenLines[0];
        Add(TokenKind.Error, at, at, $"'{(char)parens[0]}' was never closed");
        ref var t = ref tokens[count - 1];
        t.Line = line0 + lineBase;
        t.Col = ColumnAt(parenOffsets[0], line0);
        parenDepth = 0;
        nestingOverflow = 0;
    }

    /// <summary>
    /// Keywords that can only start a statement, never continue an expression: a line starting
    /// with one while brackets are open means a bracket was left unclosed. Recovering there keeps
    /// one missing ')' from swallowing the rest of the file.
    /// </summary>
    private bool NextLineStartsStatement(int i)
    {
        while (i < n && (src[i] == ' ' || src[i] == '\t' || src[i] == '\f')) i++;
        int start = i;
        while (i < n && (uint)((src[i] | 0x20) - 'a') <= 'z' - 'a') i++;
        if (i == start || i - start > 8 || (i < n && IsIdentifierChar(src[i]))) return false;
        names.Lookup(src.AsSpan(start, i - start), out var kind);
        return kind is TokenKind.Def or TokenKind.Class or TokenKind.Return or TokenKind.Import or TokenKind.Raise
            or TokenKind.Try or TokenKind.Except or TokenKind.Finally or TokenKind.While or TokenKind.With or TokenKind.Del
            or TokenKind.Pass or TokenKind.Break or TokenKind.Continue or TokenKind.Global or TokenKind.Nonlocal
            or TokenKind.Assert or TokenKind.Elif;
    }

    private int ColumnAt(int offset, int lineNo)
    {
        // Only used for diagnostics on earlier lines: walk back to the line start.
        int s = offset;
        while (s > 0 && src[s - 1] != '\n') s--;
        return offset - s + (lineNo == 1 ? colBase : 0);
    }

    private void NewLine(int start)
    {
        line++;
        lineStart = start;
    }

    private void Error(int offset, string message)
    {
        int col = offset - lineStart;
        if (line == 1) col += colBase;
        diagnostics.Add(new SyntaxDiagnostic(line + lineBase, col, message));
        Add(TokenKind.Error, offset, Math.Min(offset + 1, n));
    }

    /// <summary>Adds a token that lies on the current line.</summary>
    private void Add(TokenKind kind, int start, int end, string? text = null) =>
        AddSpanning(kind, start, end, line, lineStart, text);

    /// <summary>Adds a token starting on <paramref name="startLine"/> and ending on the current line.</summary>
    private void AddSpanning(TokenKind kind, int start, int end, int startLine, int startLineStart, string? text)
    {
        if (count == tokens.Length) Array.Resize(ref tokens, tokens.Length * 2);
        ref var t = ref tokens[count++];
        t.Kind = kind;
        t.Start = start;
        t.End = end;
        t.Line = startLine + lineBase;
        t.Col = start - startLineStart + (startLine == 1 ? colBase : 0);
        t.EndLine = line + lineBase;
        t.EndCol = end - lineStart + (line == 1 ? colBase : 0);
        t.Text = text;
    }

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    private static bool IsIdentifierStart(byte c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_' || c >= 0x80;

    private static bool IsIdentifierChar(byte c) => IsIdentifierStart(c) || IsDigit(c);

    private void ScanNameOrString()
    {
        int start = pos;
        int i = pos;
        bool ascii = true;
        while (i < n && IsIdentifierChar(src[i])) { if (src[i] >= 0x80) ascii = false; i++; }
        if (i < n && (src[i] == '"' || src[i] == '\'') && i - start <= 2 && IsStringPrefix(start, i, out bool isF, out bool isRaw))
        {
            ScanString(start, i, isF, isRaw);
            return;
        }
        string text;
        TokenKind kind;
        if (ascii) text = names.Lookup(src.AsSpan(start, i - start), out kind);
        else
        {
            kind = TokenKind.Name;
            text = NonAsciiIdentifier(start, i);
            if (text.Length == 0) { pos = i; return; }
        }
        pos = i;
        Add(kind, start, i, text);
    }

    private string NonAsciiIdentifier(int start, int end)
    {
        string raw = Encoding.UTF8.GetString(src, start, end - start);
        for (int k = 0; k < raw.Length; k++)
        {
            int cp = char.ConvertToUtf32(raw, k) is var v ? v : 0;
            bool ok = cp == '_' || IsXidChar(raw, k, k == 0);
            if (!ok)
            {
                int offset = start + Encoding.UTF8.GetByteCount(raw.AsSpan(0, k));
                Error(offset, $"invalid character '{char.ConvertFromUtf32(cp)}' (U+{cp:X4})");
                return "";
            }
            if (char.IsHighSurrogate(raw[k])) k++;
        }
        return names.Intern(UnicodeNames.NormalizeIdentifier(raw));
    }

    private static bool IsXidChar(string s, int index, bool start)
    {
        var cat = CharUnicodeInfo.GetUnicodeCategory(s, index);
        switch (cat)
        {
            case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber:
                return true;
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber
                or UnicodeCategory.ConnectorPunctuation:
                return !start;
            default:
                return s[index] < 0x80 && (char.IsAsciiLetterOrDigit(s[index]) || s[index] == '_') && !(start && char.IsAsciiDigit(s[index]));
        }
    }

    private bool IsStringPrefix(int start, int end, out bool isF, out bool isRaw)
    {
        isF = false; isRaw = false;
        bool b = false, u = false, t = false;
        for (int i = start; i < end; i++)
        {
            switch (src[i] | 0x20)
            {
                case 'r': if (isRaw) return false; isRaw = true; break;
                case 'b': if (b) return false; b = true; break;
                case 'u': if (u) return false; u = true; break;
                // PEP 750 (3.14) template strings scan exactly like f-strings.
                case 'f': if (isF) return false; isF = true; break;
                case 't': if (t) return false; t = true; break;
                default: return false;
            }
        }
        if (u && (end - start) > 1) return false;
        if (isF && t) return false;
        isF |= t;
        if (b && isF) return false;
        return true;
    }

    /// <summary>Scans a string literal whose prefix starts at start and whose quote is at quotePos.</summary>
    private void ScanString(int start, int quotePos, bool isF, bool isRaw)
    {
        int startLine = line, startLineStart = lineStart;
        byte q = src[quotePos];
        bool triple = quotePos + 2 < n && src[quotePos + 1] == q && src[quotePos + 2] == q;
        int i = quotePos + (triple ? 3 : 1);
        bool ok = isF ? ScanFStringBody(ref i, q, triple, 0) == FResult.Closed : ScanPlainBody(ref i, q, triple);
        if (!ok)
        {
            int detected = line + lineBase - (i >= n && n > 0 && src[n - 1] == '\n' && line > startLine ? 1 : 0);
            string msg = triple
                ? $"unterminated triple-quoted string literal (detected at line {detected})"
                : $"unterminated string literal (detected at line {startLine + lineBase})";
            diagnostics.Add(new SyntaxDiagnostic(startLine + lineBase, start - startLineStart + (startLine == 1 ? colBase : 0), msg));
            if (!triple)
            {
                // Resume at the end of the line the literal started on.
                line = startLine;
                lineStart = startLineStart;
                i = start;
                while (i < n && src[i] != '\n') i++;
            }
            if (i > n) i = n;
            AddSpanning(TokenKind.Error, start, i, startLine, startLineStart, null);
            pos = i;
            return;
        }
        pos = i;
        AddSpanning(TokenKind.String, start, i, startLine, startLineStart, null);
    }

    private bool ScanPlainBody(ref int i, byte q, bool triple)
    {
        while (i < n)
        {
            byte c = src[i];
            if (c == '\\')
            {
                if (i + 1 < n && src[i + 1] == '\n') { i += 2; NewLine(i); continue; }
                i += 2;
                continue;
            }
            if (c == q)
            {
                if (!triple) { i++; return true; }
                if (i + 2 < n && src[i + 1] == q && src[i + 2] == q) { i += 3; return true; }
            }
            else if (c == '\n')
            {
                if (!triple) return false;
                i++;
                NewLine(i);
                continue;
            }
            i++;
        }
        if (i > n) i = n;
        return false;
    }

    private enum FResult { Closed, SpecEnd, Unterminated }

    /// <summary>Literal part of an f-string (or of a format spec when inSpec).</summary>
    private FResult ScanFStringBody(ref int i, byte q, bool triple, int depth, bool inSpec = false)
    {
        if (depth > MaxFStringDepth) return FResult.Unterminated;
        while (i < n)
        {
            byte c = src[i];
            if (c == '\\')
            {
                if (i + 1 < n && src[i + 1] == '\n') { i += 2; NewLine(i); continue; }
                if (i + 1 < n && (src[i + 1] == '{' || src[i + 1] == '}')) { i++; continue; }
                i += 2;
                continue;
            }
            if (c == q && (!triple || (i + 2 < n && src[i + 1] == q && src[i + 2] == q)))
            {
                i += triple ? 3 : 1;
                return FResult.Closed;
            }
            if (c == '\n')
            {
                if (!triple) return FResult.Unterminated;
                i++;
                NewLine(i);
                continue;
            }
            if (c == '{')
            {
                if (!inSpec && i + 1 < n && src[i + 1] == '{') { i += 2; continue; }
                i++;
                var r = ScanFExpression(ref i, q, triple, depth + 1);
                if (r != FResult.SpecEnd) return r;
                continue;
            }
            if (c == '}')
            {
                if (inSpec) return FResult.SpecEnd;
                i += i + 1 < n && src[i + 1] == '}' ? 2 : 1;
                continue;
            }
            i++;
        }
        return FResult.Unterminated;
    }

    /// <summary>Expression part of an f-string after '{'; returns SpecEnd once the closing '}' is consumed.</summary>
    private FResult ScanFExpression(ref int i, byte q, bool triple, int depth)
    {
        if (depth > MaxFStringDepth) return FResult.Unterminated;
        int bracket = 0;
        while (i < n)
        {
            byte c = src[i];
            switch (c)
            {
                case (byte)'\n':
                    if (!triple) return FResult.Unterminated;
                    i++;
                    NewLine(i);
                    continue;
                case (byte)'\'' or (byte)'"':
                    if (c == q && triple)
                    {
                        if (i + 2 < n && src[i + 1] == q && src[i + 2] == q) { i += 3; return FResult.Closed; }
                    }
                    else if (c == q)
                    {
                        // 3.12 nests a same-quote string; if none closes on this line, the outer one ends here (3.11).
                        int j = i, saveLine = line, saveStart = lineStart;
                        if (ScanNestedString(ref j, i, false, depth) && line == saveLine) { i = j; continue; }
                        line = saveLine; lineStart = saveStart;
                        i++;
                        return FResult.Closed;
                    }
                    if (!ScanNestedString(ref i, i, false, depth)) return FResult.Unterminated;
                    continue;
                case (byte)'#':
                    while (i < n && src[i] != '\n') i++;
                    continue;
                case (byte)'(' or (byte)'[' or (byte)'{':
                    bracket++;
                    break;
                case (byte)')' or (byte)']':
                    bracket--;
                    break;
                case (byte)'}':
                    if (bracket <= 0) { i++; return FResult.SpecEnd; }
                    bracket--;
                    break;
                case (byte)':':
                    if (bracket <= 0)
                    {
                        i++;
                        var r = ScanFStringBody(ref i, q, triple, depth, inSpec: true);
                        if (r != FResult.SpecEnd) return r;
                        i++; // the closing '}'
                        return FResult.SpecEnd;
                    }
                    break;
                default:
                    if (IsIdentifierStart(c))
                    {
                        int start = i;
                        while (i < n && IsIdentifierChar(src[i])) i++;
                        if (i < n && (src[i] == '"' || src[i] == '\'') && i - start <= 2 && IsStringPrefix(start, i, out bool f, out _))
                        {
                            if (!ScanNestedString(ref i, i, f, depth)) return FResult.Unterminated;
                        }
                        continue;
                    }
                    break;
            }
            i++;
        }
        return FResult.Unterminated;
    }

    private bool ScanNestedString(ref int i, int quotePos, bool isF, int depth)
    {
        byte q = src[quotePos];
        bool triple = quotePos + 2 < n && src[quotePos + 1] == q && src[quotePos + 2] == q;
        i = quotePos + (triple ? 3 : 1);
        if (isF) return ScanFStringBody(ref i, q, triple, depth + 1) == FResult.Closed;
        return ScanPlainBody(ref i, q, triple);
    }

    private void ScanNumber()
    {
        int start = pos;
        int i = pos;
        string? error = null;
        if (src[i] == '0' && i + 1 < n && (src[i + 1] | 0x20) is 'x' or 'o' or 'b')
        {
            int kind = src[i + 1] | 0x20;
            i += 2;
            int digits = 0;
            while (i < n)
            {
                byte c = src[i];
                if (c == '_') { if (i + 1 >= n || !IsRadixDigit(src[i + 1], kind)) { error = InvalidLiteral(kind); break; } i++; continue; }
                if (!IsRadixDigit(c, kind))
                {
                    if (IsDigit(c) || (kind == 'x' ? false : IsIdentifierChar(c) && (c | 0x20) is >= 'a' and <= 'f')) { error = InvalidLiteral(kind); }
                    break;
                }
                digits++;
                i++;
            }
            if (digits == 0) error ??= InvalidLiteral(kind);
        }
        else
        {
            bool sawNonZero = false, isFloatOrImag = false, leadingZero = src[i] == '0';
            i = ScanDigits(i, ref error, ref sawNonZero);
            if (i < n && src[i] == '.')
            {
                isFloatOrImag = true;
                i++;
                if (i < n && IsDigit(src[i])) i = ScanDigits(i, ref error, ref sawNonZero);
            }
            if (i < n && (src[i] | 0x20) == 'e')
            {
                int save = i;
                int j = i + 1;
                if (j < n && (src[j] == '+' || src[j] == '-')) j++;
                if (j < n && IsDigit(src[j])) { isFloatOrImag = true; bool dummy = false; i = ScanDigits(j, ref error, ref dummy); }
                else { i = save; error ??= "invalid decimal literal"; }
            }
            if (i < n && (src[i] | 0x20) == 'j') { isFloatOrImag = true; i++; }
            if (leadingZero && sawNonZero && !isFloatOrImag && error is null)
                error = "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers";
        }
        if (error is null && i < n && IsIdentifierStart(src[i]) && !StartsAllowedKeyword(i))
            error = "invalid decimal literal";
        pos = i;
        if (error is not null)
        {
            Error(start, error);
            while (pos < n && IsIdentifierChar(src[pos])) pos++;
            return;
        }
        Add(TokenKind.Number, start, i);
    }

    private static string InvalidLiteral(int kind) => kind switch
    {
        'x' => "invalid hexadecimal literal",
        'o' => "invalid octal literal",
        _ => "invalid binary literal",
    };

    private static bool IsRadixDigit(byte c, int kind) => kind switch
    {
        'x' => IsDigit(c) || (uint)((c | 0x20) - 'a') < 6,
        'o' => (uint)(c - '0') < 8,
        _ => c == '0' || c == '1',
    };

    private int ScanDigits(int i, ref string? error, ref bool sawNonZero)
    {
        while (i < n)
        {
            byte c = src[i];
            if (IsDigit(c)) { if (c != '0') sawNonZero = true; i++; continue; }
            if (c == '_')
            {
                if (i + 1 >= n || !IsDigit(src[i + 1])) { error ??= "invalid decimal literal"; return i + 1; }
                i++;
                continue;
            }
            break;
        }
        return i;
    }

    /// <summary>CPython accepts (with a warning) a number directly followed by some keywords, e.g. <c>1if x else 2</c>.</summary>
    private bool StartsAllowedKeyword(int i)
    {
        ReadOnlySpan<byte> rest = src.AsSpan(i, Math.Min(n - i, 3));
        return rest.StartsWith("and"u8) || rest.StartsWith("el"u8) || rest.StartsWith("for"u8) || rest.StartsWith("if"u8)
            || rest.StartsWith("in"u8) || rest.StartsWith("is"u8) || rest.StartsWith("not"u8) || rest.StartsWith("or"u8);
    }

    private void ScanOperator(byte c)
    {
        int start = pos;
        byte c1 = pos + 1 < n ? src[pos + 1] : (byte)0;
        byte c2 = pos + 2 < n ? src[pos + 2] : (byte)0;
        TokenKind kind;
        int len = 1;
        switch (c)
        {
            case (byte)'(': case (byte)'[': case (byte)'{':
                kind = c == '(' ? TokenKind.LPar : c == '[' ? TokenKind.LSqb : TokenKind.LBrace;
                if (parenDepth >= MaxParenDepth)
                {
                    if (nestingOverflow == 0) Error(pos, "too many nested parentheses");
                    nestingOverflow++;
                    pos++;
                    return;
                }
                parens[parenDepth] = c;
                parenOffsets[parenDepth] = pos;
                parenLines[parenDepth] = line;
                parenDepth++;
                break;
            case (byte)')': case (byte)']': case (byte)'}':
                kind = c == ')' ? TokenKind.RPar : c == ']' ? TokenKind.RSqb : TokenKind.RBrace;
                if (nestingOverflow > 0) { nestingOverflow--; pos++; return; }
                if (parenDepth == 0) { Error(pos, $"unmatched '{(char)c}'"); pos++; return; }
                byte open = parens[parenDepth - 1];
                if ((open == '(' && c != ')') || (open == '[' && c != ']') || (open == '{' && c != '}'))
                {
                    Error(pos, $"closing parenthesis '{(char)c}' does not match opening parenthesis '{(char)open}'");
                    pos++;
                    return;
                }
                parenDepth--;
                break;
            case (byte)':': if (c1 == '=') { kind = TokenKind.ColonEqual; len = 2; } else kind = TokenKind.Colon; break;
            case (byte)',': kind = TokenKind.Comma; break;
            case (byte)';': kind = TokenKind.Semi; break;
            case (byte)'.':
                if (c1 == '.' && c2 == '.') { kind = TokenKind.Ellipsis; len = 3; } else kind = TokenKind.Dot;
                break;
            case (byte)'@': if (c1 == '=') { kind = TokenKind.AtEqual; len = 2; } else kind = TokenKind.At; break;
            case (byte)'=': if (c1 == '=') { kind = TokenKind.EqEqual; len = 2; } else kind = TokenKind.Equal; break;
            case (byte)'!':
                if (c1 == '=') { kind = TokenKind.NotEqual; len = 2; break; }
                Error(pos, "invalid syntax");
                pos++;
                return;
            case (byte)'+': if (c1 == '=') { kind = TokenKind.PlusEqual; len = 2; } else kind = TokenKind.Plus; break;
            case (byte)'-':
                if (c1 == '=') { kind = TokenKind.MinEqual; len = 2; }
                else if (c1 == '>') { kind = TokenKind.RArrow; len = 2; }
                else kind = TokenKind.Minus;
                break;
            case (byte)'*':
                if (c1 == '*') { if (c2 == '=') { kind = TokenKind.DoubleStarEqual; len = 3; } else { kind = TokenKind.DoubleStar; len = 2; } }
                else if (c1 == '=') { kind = TokenKind.StarEqual; len = 2; }
                else kind = TokenKind.Star;
                break;
            case (byte)'/':
                if (c1 == '/') { if (c2 == '=') { kind = TokenKind.DoubleSlashEqual; len = 3; } else { kind = TokenKind.DoubleSlash; len = 2; } }
                else if (c1 == '=') { kind = TokenKind.SlashEqual; len = 2; }
                else kind = TokenKind.Slash;
                break;
            case (byte)'%': if (c1 == '=') { kind = TokenKind.PercentEqual; len = 2; } else kind = TokenKind.Percent; break;
            case (byte)'|': if (c1 == '=') { kind = TokenKind.VBarEqual; len = 2; } else kind = TokenKind.VBar; break;
            case (byte)'&': if (c1 == '=') { kind = TokenKind.AmperEqual; len = 2; } else kind = TokenKind.Amper; break;
            case (byte)'^': if (c1 == '=') { kind = TokenKind.CircumflexEqual; len = 2; } else kind = TokenKind.CircumFlex; break;
            case (byte)'~': kind = TokenKind.Tilde; break;
            case (byte)'<':
                if (c1 == '<') { if (c2 == '=') { kind = TokenKind.LeftShiftEqual; len = 3; } else { kind = TokenKind.LeftShift; len = 2; } }
                else if (c1 == '=') { kind = TokenKind.LessEqual; len = 2; }
                else kind = TokenKind.Less;
                break;
            case (byte)'>':
                if (c1 == '>') { if (c2 == '=') { kind = TokenKind.RightShiftEqual; len = 3; } else { kind = TokenKind.RightShift; len = 2; } }
                else if (c1 == '=') { kind = TokenKind.GreaterEqual; len = 2; }
                else kind = TokenKind.Greater;
                break;
            default:
                if (c < 0x20 && c != '\r') Error(pos, $"invalid non-printable character U+{c:X4}");
                else Error(pos, c == 0 ? "source code cannot contain null bytes" : "invalid syntax");
                pos++;
                return;
        }
        pos += len;
        Add(kind, start, pos);
    }
}
