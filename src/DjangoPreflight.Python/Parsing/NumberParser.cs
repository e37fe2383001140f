using System.Globalization;
using System.Numerics;
using System.Text;

namespace DjangoPreflight.Python.Parsing;

/// <summary>Values of NUMBER tokens: long or BigInteger for ints, double for floats, Complex for imaginary literals.</summary>
internal static class NumberParser
{
    public static object Parse(byte[] src, int start, int end)
    {
        ReadOnlySpan<byte> s = src.AsSpan(start, end - start);
        if (s.Length > 1 && s[0] == '0' && (s[1] | 0x20) is 'x' or 'o' or 'b')
        {
            int radix = (s[1] | 0x20) switch { 'x' => 16, 'o' => 8, _ => 2 };
            return Radix(s[2..], radix);
        }
        bool imaginary = (s[^1] | 0x20) == 'j';
        if (imaginary) s = s[..^1];
        bool isFloat = imaginary || s.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0;
        if (!isFloat)
        {
            long value = 0;
            int digits = 0;
            foreach (byte b in s)
            {
                if (b == '_') continue;
                value = value * 10 + (b - '0');
                if (++digits > 18) return BigInteger.Parse(Clean(s), CultureInfo.InvariantCulture);
            }
            return value;
        }
        double d = double.Parse(Clean(s), NumberStyles.Float, CultureInfo.InvariantCulture);
        return imaginary ? new Complex(0, d) : (object)d;
    }

    private static string Clean(ReadOnlySpan<byte> s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (byte b in s) if (b != '_') sb.Append((char)b);
        return sb.ToString();
    }

    private static object Radix(ReadOnlySpan<byte> digits, int radix)
    {
        long value = 0;
        BigInteger? big = null;
        foreach (byte b in digits)
        {
            if (b == '_') continue;
            int d = b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
            if (big is { } bg) { big = bg * radix + d; continue; }
            if (value > (long.MaxValue - d) / radix) { big = (BigInteger)value * radix + d; continue; }
            value = value * radix + d;
        }
        return big is { } result ? result : (object)value;
    }
}
