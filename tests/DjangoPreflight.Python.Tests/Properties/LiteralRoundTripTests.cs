using System.Globalization;
using System.Numerics;
using System.Text;
using CsCheck;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Python.Tests.Properties;

/// <summary>Property tests (CsCheck): any str or int value, written as Python source in any of the ways
/// Python allows (each character literal or escaped as \x, \u, \U, octal or by name; any quote style;
/// implicitly concatenated pieces; every radix, with underscores), parses back to that value, and the
/// literal's source span is exactly what was written. A failure prints the shrunk source and its seed.</summary>
public sealed class LiteralRoundTripTests
{
    private static readonly string[] Quotes = ["'", "\"", "'''", "\"\"\""];

    /// <summary>Code points from every region the tokenizer treats differently: printable ASCII (quotes and
    /// backslash among them), control characters, the rest of the BMP around the surrogates, astral planes.</summary>
    private static readonly Gen<int> CodePoint = Gen.OneOf(
        Gen.Int[0x20, 0x7E],
        Gen.OneOf('\'', '"', '\\', '\n', '\r', '\t', '\0', '\u00e9', '\u2028', '\ufeff').Select(c => (int)c),
        Gen.Int[0x00, 0x1F],
        Gen.Int[0x80, 0xD7FF],
        Gen.Int[0xE000, 0xFFFF],
        Gen.Int[0x10000, 0x10FFFF]);

    /// <summary>One piece of an implicitly concatenated string: its quote and its characters, each with
    /// how it is written (0 literal where Python allows it, 1 \x, 2 \u, 3 \U, 4 octal, 5 a named escape).</summary>
    private static readonly Gen<(string Quote, (int CodePoint, int Form)[] Chars)> Piece =
        Gen.Select(Gen.OneOf(Quotes), Gen.Select(CodePoint, Gen.Int[0, 5]).Array[0, 24]);

    [Fact]
    public void Any_string_written_any_way_parses_back_to_itself()
    {
        Piece.Array[1, 3].Sample(pieces =>
        {
            var expected = string.Concat(pieces.SelectMany(p => p.Chars).Select(c => char.ConvertFromUtf32(c.CodePoint)));
            var literal = string.Join(" ", pieces.Select(p => p.Quote + string.Concat(p.Chars.Select(c => Write(c.CodePoint, c.Form, p.Quote))) + p.Quote));
            var result = PythonParser.Parse($"x = {literal}\n");
            Assert.Empty(result.Diagnostics);
            var constant = Assert.IsType<Constant>(Assert.IsType<Assign>(Assert.Single(result.Module.Body)).Value);
            Assert.Equal(expected, constant.StringValue);
            Assert.Equal(literal, result.GetSourceText(constant));
        }, iter: 1000, print: pieces => string.Join(" ", pieces.Select(p => p.Quote + string.Concat(p.Chars.Select(c => Write(c.CodePoint, c.Form, p.Quote))) + p.Quote)));
    }

    private static string Write(int cp, int form, string quote)
    {
        switch (form)
        {
            case 0 when Literal(cp, quote):
                return char.ConvertFromUtf32(cp);
            case 1 when cp < 0x100:
                return $"\\x{cp:x2}";
            case 2 when cp < 0x10000:
                return $"\\u{cp:X4}";
            case 4 when cp < 0x100:
                return "\\" + Convert.ToString(cp, 8).PadLeft(3, '0');
            case 5 when Named(cp) is { } name:
                return name;
            default:
                return $"\\U{cp:x8}";
        }
    }

    /// <summary>Whether Python reads the character as itself inside this quote: never the backslash, the
    /// quote character, NUL or CR (newlines are normalised), and control characters other than tab (and
    /// newline in a triple-quoted string).</summary>
    private static bool Literal(int cp, string quote) =>
        cp != '\\' && cp != quote[0] && cp != '\r' && cp != 0
        && (cp >= 0x20 || cp == '\t' || (cp == '\n' && quote.Length == 3));

    private static string? Named(int cp) => cp switch
    {
        '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", '\\' => "\\\\", '\'' => "\\'", '"' => "\\\"",
        '\a' => "\\a", '\b' => "\\b", '\f' => "\\f", '\v' => "\\v",
        _ => null,
    };

    [Fact]
    public void Any_non_negative_integer_in_any_radix_parses_back_to_itself()
    {
        var value = Gen.Select(Gen.ULong, Gen.ULong, Gen.Int[0, 2],
            (high, low, size) => size switch { 0 => new BigInteger(low % 1000), 1 => new BigInteger(low), _ => (new BigInteger(high) << 64) + low });
        Gen.Select(value, Gen.OneOf(10, 16, 8, 2), Gen.Bool, Gen.Int[0, 3].Array[64]).Sample((n, radix, upper, underscores) =>
        {
            var literal = Write(n, radix, upper, underscores);
            var result = PythonParser.Parse($"x = {literal}\n");
            Assert.Empty(result.Diagnostics);
            var constant = Assert.IsType<Constant>(Assert.IsType<Assign>(Assert.Single(result.Module.Body)).Value);
            var parsed = constant.Value switch { long l => new BigInteger(l), BigInteger b => b, var other => throw new InvalidOperationException($"{literal} parsed as {other}") };
            Assert.Equal(n, parsed);
            Assert.Equal(literal, result.GetSourceText(constant));
        }, iter: 1000, print: t => Write(t.Item1, t.Item2, t.Item3, t.Item4));
    }

    /// <summary>The digits of <paramref name="n"/> in the radix, with an underscore before a digit wherever
    /// the generated pattern says so (never first or doubled, as Python requires), and the radix prefix.</summary>
    private static string Write(BigInteger n, int radix, bool upper, int[] underscores)
    {
        var digits = new StringBuilder();
        if (n.IsZero) digits.Append('0');
        for (var rest = n; rest > 0; rest /= radix) digits.Insert(0, "0123456789abcdef"[(int)(rest % radix)]);
        var text = new StringBuilder();
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && underscores[i % underscores.Length] == 0) text.Append('_');
            text.Append(digits[i]);
        }
        var prefix = radix switch { 16 => "0x", 8 => "0o", 2 => "0b", _ => "" };
        var written = prefix + text;
        return upper ? written.ToUpper(CultureInfo.InvariantCulture) : written;
    }
}
