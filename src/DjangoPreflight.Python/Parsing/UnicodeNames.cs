using System.Globalization;
using System.IO.Compression;

namespace DjangoPreflight.Python.Parsing;

/// <summary>
/// Resolves \N{name} escapes. .NET has no Unicode character-name database, so the names are
/// embedded (Data/unicode_names.txt.gz, generated from CPython's unicodedata) and loaded on first use.
/// </summary>
internal static class UnicodeNames
{
    private static readonly Lazy<Dictionary<string, int>> Table = new(Load);

    // A few aliases CPython also accepts for control characters, which have no names.
    private static readonly Dictionary<string, int> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NULL"] = 0, ["LINE FEED"] = 10, ["NEW LINE"] = 10, ["CARRIAGE RETURN"] = 13, ["CHARACTER TABULATION"] = 9,
        ["TAB"] = 9, ["ESCAPE"] = 27, ["DELETE"] = 127, ["BYTE ORDER MARK"] = 0xFEFF, ["SPACE"] = 32,
    };

    public static bool TryLookup(string name, out string? text)
    {
        text = null;
        int cp;
        const string cjk = "CJK UNIFIED IDEOGRAPH-";
        if (name.StartsWith(cjk, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(name.AsSpan(cjk.Length), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out cp)) { }
        else if (!Table.Value.TryGetValue(name, out cp) && !Aliases.TryGetValue(name, out cp)) return false;
        if (cp > 0x10FFFF) return false;
        text = cp >= 0x10000 ? char.ConvertFromUtf32(cp) : ((char)cp).ToString();
        return true;
    }

    private static Dictionary<string, int> Load()
    {
        var table = new Dictionary<string, int>(40000, StringComparer.OrdinalIgnoreCase);
        using var stream = typeof(UnicodeNames).Assembly.GetManifestResourceStream("DjangoPreflight.Python.unicode_names.txt.gz");
        if (stream is null) return table;
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        while (reader.ReadLine() is { } line)
        {
            int semi = line.IndexOf(';');
            if (semi > 0 && int.TryParse(line.AsSpan(semi + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int cp))
                table[line[..semi]] = cp;
        }
        return table;
    }
}
