namespace DjangoPreflight.Python.Parsing;

/// <summary>
/// \N{name} escapes. .NET has no Unicode character-name database, so only a small set of names
/// is known; an unknown name keeps its escape text verbatim (documented limitation).
/// </summary>
internal static class UnicodeNames
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["EM DASH"] = "\u2014",
        ["EN DASH"] = "\u2013",
        ["KELVIN SIGN"] = "\u212A",
        ["TRADE MARK SIGN"] = "\u2122",
        ["COMET"] = "\u2604",
        ["NO-BREAK SPACE"] = "\u00A0",
        ["BULLET"] = "\u2022",
        ["HORIZONTAL ELLIPSIS"] = "\u2026",
        ["LEFT-POINTING DOUBLE ANGLE QUOTATION MARK"] = "\u00AB",
        ["RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK"] = "\u00BB",
        ["DEGREE SIGN"] = "\u00B0",
        ["COPYRIGHT SIGN"] = "\u00A9",
        ["REGISTERED SIGN"] = "\u00AE",
        ["ZERO WIDTH SPACE"] = "\u200B",
        ["ZERO WIDTH NO-BREAK SPACE"] = "\uFEFF",
        ["REPLACEMENT CHARACTER"] = "\uFFFD",
        ["LATIN SMALL LETTER SHARP S"] = "\u00DF",
        ["GREEK SMALL LETTER ALPHA"] = "\u03B1",
        ["SNOWMAN"] = "\u2603",
        ["CHECK MARK"] = "\u2713",
        ["MULTIPLICATION SIGN"] = "\u00D7",
        ["NULL"] = "\u0000",
        ["LINE FEED"] = "\n",
        ["CARRIAGE RETURN"] = "\r",
        ["SPACE"] = " ",
    };

    public static bool TryLookup(string name, out string? text) => Known.TryGetValue(name, out text);
}
