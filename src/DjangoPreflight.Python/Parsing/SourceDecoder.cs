using System.Text;
using System.Text.Unicode;

namespace DjangoPreflight.Python.Parsing;

/// <summary>
/// Turns file bytes into the UTF-8 text the tokenizer reads: strips a UTF-8 BOM, honours a
/// PEP 263 coding declaration (utf-8, latin-1/iso-8859-1, ascii; others reported), replaces
/// invalid UTF-8 (reported), and translates CRLF and CR line ends to LF like CPython does.
/// </summary>
internal static class SourceDecoder
{
    public static byte[] Decode(byte[] raw, bool honourCodingDeclaration, List<SyntaxDiagnostic> diagnostics)
    {
        var text = Decode(raw, raw.Length, honourCodingDeclaration, diagnostics, out var length);
        return length == text.Length ? text : text[..length];
    }

    /// <summary>Decodes the first <paramref name="length"/> bytes of <paramref name="raw"/> (a pooled
    /// buffer may be longer than its file). The text is the first <paramref name="decodedLength"/>
    /// bytes of the array returned, which is <paramref name="raw"/> itself for valid UTF-8 with LF
    /// line ends: most files are parsed straight from the buffer they were read into.</summary>
    public static byte[] Decode(byte[] raw, int length, bool honourCodingDeclaration, List<SyntaxDiagnostic> diagnostics, out int decodedLength)
    {
        ReadOnlySpan<byte> span = raw.AsSpan(0, length);
        bool bom = span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        if (bom) span = span[3..];
        byte[] utf8;
        string? encoding = honourCodingDeclaration ? FindCodingDeclaration(span) : null;
        string normal = encoding is null ? "utf-8" : NormalName(encoding);
        if (bom && normal != "utf-8")
        {
            diagnostics.Add(new SyntaxDiagnostic(1, 0, $"encoding problem: {encoding} with BOM"));
            normal = "utf-8";
        }
        switch (normal)
        {
            case "utf-8":
                // Valid UTF-8 without a BOM (nearly every file) is used as read: no copy per file.
                if (!bom && Utf8.IsValid(span)) return NormaliseLineEnds(raw, length, out decodedLength);
                utf8 = ValidUtf8(span, diagnostics);
                break;
            case "iso-8859-1":
                utf8 = Encoding.UTF8.GetBytes(Encoding.Latin1.GetString(span));
                break;
            case "ascii":
                int bad = span.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
                if (bad >= 0) Report(span, bad, $"(unicode error) 'ascii' codec can't decode byte 0x{span[bad]:x2} in position {bad}: ordinal not in range(128)", diagnostics);
                utf8 = ValidUtf8(span, bad >= 0 ? null : diagnostics);
                break;
            default:
                Encoding? other = null;
                try { other = Encoding.GetEncoding(encoding!); }
                catch (ArgumentException) { }
                catch (NotSupportedException) { }
                if (other is null)
                {
                    diagnostics.Add(new SyntaxDiagnostic(1, 0, $"unknown encoding: {encoding}"));
                    utf8 = ValidUtf8(span, null);
                }
                else utf8 = Encoding.UTF8.GetBytes(other.GetString(span));
                break;
        }
        return NormaliseLineEnds(utf8, utf8.Length, out decodedLength);
    }

    private static byte[] ValidUtf8(ReadOnlySpan<byte> span, List<SyntaxDiagnostic>? diagnostics)
    {
        if (Utf8.IsValid(span)) return span.ToArray();
        if (diagnostics is not null)
        {
            int bad = FirstInvalid(span);
            Report(span, bad, $"(unicode error) 'utf-8' codec can't decode byte 0x{span[bad]:x2} in position {bad}: invalid start byte", diagnostics);
        }
        return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(span));
    }

    private static int FirstInvalid(ReadOnlySpan<byte> span)
    {
        var chars = new char[span.Length];
        Utf8.ToUtf16(span, chars, out int read, out _, replaceInvalidSequences: false);
        return Math.Min(read, span.Length - 1);
    }

    private static void Report(ReadOnlySpan<byte> span, int offset, string message, List<SyntaxDiagnostic> diagnostics)
    {
        int line = 1, lineStart = 0;
        for (int i = 0; i < offset; i++)
            if (span[i] == '\n') { line++; lineStart = i + 1; }
        diagnostics.Add(new SyntaxDiagnostic(line, offset - lineStart, message));
    }

    /// <summary>PEP 263: a comment matching <c>coding[:=]\s*([-\w.]+)</c> on line 1, or line 2 if line 1 is blank or a comment.</summary>
    private static string? FindCodingDeclaration(ReadOnlySpan<byte> span)
    {
        int end1 = LineEnd(span, 0);
        string? found = CodingInLine(span[..end1]);
        if (found is not null) return found;
        if (!IsBlankOrComment(span[..end1]) || end1 >= span.Length) return null;
        int start2 = end1 + 1;
        if (start2 >= span.Length) return null;
        int end2 = LineEnd(span, start2);
        return CodingInLine(span[start2..end2]);
    }

    private static int LineEnd(ReadOnlySpan<byte> span, int start)
    {
        int i = span[start..].IndexOfAny((byte)'\n', (byte)'\r');
        return i < 0 ? span.Length : start + i;
    }

    private static bool IsBlankOrComment(ReadOnlySpan<byte> line)
    {
        foreach (byte b in line)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\f') continue;
            return b == '#';
        }
        return true;
    }

    private static string? CodingInLine(ReadOnlySpan<byte> line)
    {
        int i = 0;
        while (i < line.Length && line[i] is (byte)' ' or (byte)'\t' or (byte)'\f') i++;
        if (i >= line.Length || line[i] != '#') return null;
        int at = line[i..].IndexOf("coding"u8);
        while (at >= 0)
        {
            int j = i + at + 6;
            if (j < line.Length && (line[j] == ':' || line[j] == '='))
            {
                j++;
                while (j < line.Length && (line[j] == ' ' || line[j] == '\t')) j++;
                int s = j;
                while (j < line.Length && (char.IsAsciiLetterOrDigit((char)line[j]) || line[j] is (byte)'-' or (byte)'_' or (byte)'.')) j++;
                if (j > s) return Encoding.ASCII.GetString(line[s..j]);
            }
            int next = line[(i + at + 6)..].IndexOf("coding"u8);
            if (next < 0) break;
            i = i + at + 6;
            at = next;
        }
        return null;
    }

    /// <summary>CPython's get_normal_name.</summary>
    private static string NormalName(string name)
    {
        string lower = name.ToLowerInvariant().Replace('_', '-');
        if (lower == "utf-8" || lower.StartsWith("utf-8-", StringComparison.Ordinal) || lower == "utf8") return "utf-8";
        if (lower is "latin-1" or "iso-8859-1" or "iso-latin-1" or "latin1" or "l1" or "iso8859-1" or "8859" or "cp819" or "latin"
            || lower.StartsWith("latin-1-", StringComparison.Ordinal) || lower.StartsWith("iso-8859-1-", StringComparison.Ordinal)
            || lower.StartsWith("iso-latin-1-", StringComparison.Ordinal)) return "iso-8859-1";
        if (lower is "ascii" or "us-ascii" or "646") return "ascii";
        return lower;
    }

    private static byte[] NormaliseLineEnds(byte[] text, int length, out int normalLength)
    {
        normalLength = length;
        int cr = Array.IndexOf(text, (byte)'\r', 0, length);
        if (cr < 0) return text;
        var result = new byte[length];
        int o = 0;
        for (int i = 0; i < length; i++)
        {
            byte b = text[i];
            if (b == '\r')
            {
                result[o++] = (byte)'\n';
                if (i + 1 < length && text[i + 1] == '\n') i++;
            }
            else result[o++] = b;
        }
        normalLength = o;
        return result;
    }
}
