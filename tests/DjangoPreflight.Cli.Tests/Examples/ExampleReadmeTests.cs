using System.Text.RegularExpressions;

namespace DjangoPreflight.Cli.Tests.Examples;

/// <summary>
/// insecure-shop's README table of deliberate mistakes is the rules' target list, so it must stay
/// true: every row names an existing file, and a row with a line number quotes text on that line.
/// </summary>
public sealed partial class ExampleReadmeTests
{
    /// <summary>The rules that mirror the Django checks insecure-shop's deploy check reports (CHECKLIST.md).</summary>
    private static readonly string[] RulesMirroringTheDeployCheck =
        ["DP102", "DP201", "DP302", "DP303", "DP307", "DP308", "DP402"];

    private sealed record MistakeRow(string Rule, string Path, int? Line, string Evidence);

    [Fact]
    public void InsecureShopTable_EveryRowPointsAtAnExistingFileAndLine()
    {
        string root = ExampleProject.SourcePath(ExampleProject.Insecure);
        var rows = ReadMistakeRows(root);

        Assert.True(rows.Count >= 60, $"only {rows.Count} rows parsed");
        foreach (var row in rows)
        {
            string path = Path.Combine(root, row.Path);
            Assert.True(File.Exists(path) || Directory.Exists(path), $"{row.Rule}: {row.Path} does not exist");
            if (row.Line is not int line)
            {
                Assert.Equal("", row.Evidence);
                continue;
            }
            string[] lines = File.ReadAllLines(path);
            Assert.True(line >= 1 && line <= lines.Length, $"{row.Rule}: {row.Path}:{line} is past the end");
            Assert.True(row.Evidence.Length > 0, $"{row.Rule}: {row.Path}:{line} quotes no evidence");
            Assert.True(lines[line - 1].Contains(row.Evidence, StringComparison.Ordinal),
                $"{row.Rule}: {row.Path}:{line} is `{lines[line - 1].Trim()}`, expected it to contain `{row.Evidence}`");
        }
    }

    [Fact]
    public void InsecureShopTable_CoversEveryWarningOfDjangosDeployCheck()
    {
        var rules = ReadMistakeRows(ExampleProject.SourcePath(ExampleProject.Insecure)).Select(r => r.Rule).ToHashSet();

        Assert.All(RulesMirroringTheDeployCheck, rule => Assert.Contains(rule, rules));
    }

    [Fact]
    public void MistakeRowParser_ReadsPathLineAndEvidence()
    {
        // Near misses of the row format: a path without a line, and a non-table line.
        var rows = ParseRows(
        [
            "| DP207 | admin at admin/ | `shop/urls.py:16` | `path(\"admin/\"` |",
            "| DP206 | no error pages | `templates` | |",
            "| DP203 | ALLOWED_HOSTS is not empty in production |",
        ]);

        Assert.Equal(
            [new MistakeRow("DP207", "shop/urls.py", 16, "path(\"admin/\""), new MistakeRow("DP206", "templates", null, "")],
            rows);
    }

    private static List<MistakeRow> ReadMistakeRows(string root) =>
        ParseRows(File.ReadAllLines(Path.Combine(root, "README.md")));

    private static List<MistakeRow> ParseRows(IEnumerable<string> lines) =>
        lines.Select(line => RowPattern().Match(line))
            .Where(m => m.Success)
            .Select(m => new MistakeRow(
                m.Groups["rule"].Value,
                m.Groups["path"].Value,
                m.Groups["line"].Success ? int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) : null,
                m.Groups["evidence"].Value))
            .ToList();

    [GeneratedRegex(@"^\| (?<rule>DP\d{3}) \| [^|]+ \| `(?<path>[^`:]+)(?::(?<line>\d+))?` \| (?:`(?<evidence>[^`]+)`)? ?\|$")]
    private static partial Regex RowPattern();
}
