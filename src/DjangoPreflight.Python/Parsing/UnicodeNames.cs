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

    private static readonly Lazy<Dictionary<int, string>> Nfkc = new(LoadNfkc);

    /// <summary>
    /// PEP 3131 normalises identifiers with NFKC. string.Normalize is not available under
    /// InvariantGlobalization, so each character is mapped through an embedded NFKC table
    /// (compatibility decompositions; no cross-character composition).
    /// </summary>
    public static string NormalizeIdentifier(string name)
    {
        var table = Nfkc.Value;
        System.Text.StringBuilder? sb = null;
        for (int i = 0; i < name.Length; i++)
        {
            int cp = char.IsHighSurrogate(name[i]) && i + 1 < name.Length ? char.ConvertToUtf32(name[i], name[i + 1]) : name[i];
            int width = cp >= 0x10000 ? 2 : 1;
            if (table.TryGetValue(cp, out var mapped))
            {
                sb ??= new System.Text.StringBuilder(name, 0, i, name.Length + 8);
                sb.Append(mapped);
            }
            else sb?.Append(name, i, width);
            i += width - 1;
        }
        return sb?.ToString() ?? name;
    }

    private static Dictionary<int, string> LoadNfkc()
    {
        var table = new Dictionary<int, string>(4000);
        foreach (var line in ReadLines("DjangoPreflight.Python.nfkc_identifier_chars.txt.gz"))
        {
            int semi = line.IndexOf(';');
            if (semi <= 0 || !int.TryParse(line.AsSpan(0, semi), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int cp)) continue;
            var sb = new System.Text.StringBuilder();
            foreach (var part in line[(semi + 1)..].Split(' '))
                if (int.TryParse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int m)) sb.Append(char.ConvertFromUtf32(m));
            table[cp] = sb.ToString();
        }
        return table;
    }

    private static IEnumerable<string> ReadLines(string resource)
    {
        using var stream = typeof(UnicodeNames).Assembly.GetManifestResourceStream(resource);
        if (stream is null) yield break;
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        while (reader.ReadLine() is { } line) yield return line;
    }

    private static Dictionary<string, int> Load()
    {
        var table = new Dictionary<string, int>(40000, StringComparer.OrdinalIgnoreCase);
        foreach (var line in ReadLines("DjangoPreflight.Python.unicode_names.txt.gz"))
        {
            int semi = line.IndexOf(';');
            if (semi > 0 && int.TryParse(line.AsSpan(semi + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int cp))
                table[line[..semi]] = cp;
        }
        return table;
    }
}
