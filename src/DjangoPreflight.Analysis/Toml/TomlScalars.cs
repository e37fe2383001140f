using System.Globalization;
using System.Text.RegularExpressions;

namespace DjangoPreflight.Analysis.Toml;

/// <summary>Recognises TOML 1.0's unquoted values (booleans, integers, floats, dates and times) so that
/// anything else (<c>yes</c>, <c>True</c>, <c>1.</c>, <c>2024-13-01</c>) is an error rather than a guess.</summary>
internal static partial class TomlScalars
{
    public static TomlScalarKind? Classify(string raw)
    {
        if (raw is "true" or "false") return TomlScalarKind.Boolean;
        if (Integer().IsMatch(raw)) return TomlScalarKind.Integer;
        if (Float().IsMatch(raw)) return TomlScalarKind.Float;
        if (DateTimeValue().Match(raw) is { Success: true } m && InRange(m)) return TomlScalarKind.DateTime;
        return null;
    }

    private static bool InRange(Match m)
    {
        static int N(Group g) => g.Success ? int.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
        if (m.Groups["year"].Success)
        {
            var (year, month, day) = (N(m.Groups["year"]), N(m.Groups["month"]), N(m.Groups["day"]));
            if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month)) return false;
        }
        return N(m.Groups["hour"]) < 24 && N(m.Groups["minute"]) < 60 && N(m.Groups["second"]) <= 60
            && N(m.Groups["offh"]) < 24 && N(m.Groups["offm"]) < 60;
    }

    private const string DecimalInteger = "(?:0|[1-9](?:_?[0-9])*)";
    private const string Digits = "[0-9](?:_?[0-9])*";

    [GeneratedRegex($"^(?:[+-]?{DecimalInteger}|0x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*|0o[0-7](?:_?[0-7])*|0b[01](?:_?[01])*)$", RegexOptions.NonBacktracking)]
    private static partial Regex Integer();

    [GeneratedRegex($@"^(?:[+-]?{DecimalInteger}(?:\.{Digits}(?:[eE][+-]?{Digits})?|[eE][+-]?{Digits})|[+-]?(?:inf|nan))$", RegexOptions.NonBacktracking)]
    private static partial Regex Float();

    // An offset or local date-time, a local date, or a local time; the date and time may be separated by T or one space.
    [GeneratedRegex(@"^(?:(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})(?:[Tt ](?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2})(?:\.[0-9]+)?(?:[Zz]|[+-](?<offh>[0-9]{2}):(?<offm>[0-9]{2}))?)?|(?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2})(?:\.[0-9]+)?)$", RegexOptions.NonBacktracking)]
    private static partial Regex DateTimeValue();
}
