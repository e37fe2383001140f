using System.Globalization;
using System.Text.RegularExpressions;

namespace DjangoPreflight.Cli.Tests.Examples;

/// <summary>One row of insecure-shop's README table: the rule expected to fire, and where.</summary>
/// <param name="Line">null when the finding is about something absent (a file or setting that is missing).</param>
/// <param name="Evidence">text on that line; empty when there is no line.</param>
internal sealed record MistakeRow(string Rule, string Path, int? Line, string Evidence);

/// <summary>
/// Reads the "deliberate mistakes" table of an example's README.md: the list of findings
/// django-preflight is expected to report on that example (rows `| DPnnn | text | `path[:line]` | `evidence` |`).
/// </summary>
internal static partial class MistakesTable
{
    public static IReadOnlyList<MistakeRow> Read(string exampleRoot) =>
        Parse(File.ReadAllLines(Path.Combine(exampleRoot, "README.md")));

    public static IReadOnlyList<MistakeRow> Parse(IEnumerable<string> lines) =>
        lines.Select(line => RowPattern().Match(line))
            .Where(m => m.Success)
            .Select(m => new MistakeRow(
                m.Groups["rule"].Value,
                m.Groups["path"].Value,
                m.Groups["line"].Success ? int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture) : null,
                m.Groups["evidence"].Value))
            .ToList();

    [GeneratedRegex(@"^\| (?<rule>DP\d{3}) \| [^|]+ \| `(?<path>[^`:]+)(?::(?<line>\d+))?` \| (?:`(?<evidence>[^`]+)`)? ?\|$")]
    private static partial Regex RowPattern();
}
