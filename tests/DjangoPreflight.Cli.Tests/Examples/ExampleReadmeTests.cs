namespace DjangoPreflight.Cli.Tests.Examples;

/// <summary>
/// insecure-shop's README table of deliberate mistakes is the rules' target list, so it must stay
/// true: every row names an existing file, and a row with a line number quotes text on that line.
/// </summary>
public sealed class ExampleReadmeTests
{
    /// <summary>The rules that mirror the Django checks insecure-shop's deploy check reports (CHECKLIST.md).</summary>
    private static readonly string[] RulesMirroringTheDeployCheck =
        ["DP102", "DP201", "DP302", "DP303", "DP307", "DP308", "DP402"];

    [Fact]
    public void InsecureShopTable_EveryRowPointsAtAnExistingFileAndLine()
    {
        string root = ExampleProject.SourcePath(ExampleProject.Insecure);
        var rows = MistakesTable.Read(root);

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
        var rules = MistakesTable.Read(ExampleProject.SourcePath(ExampleProject.Insecure)).Select(r => r.Rule).ToHashSet();

        Assert.All(RulesMirroringTheDeployCheck, rule => Assert.Contains(rule, rules));
    }

    [Fact]
    public void MistakeRowParser_ReadsPathLineAndEvidence()
    {
        // Near misses of the row format: a path without a line, and a non-table line.
        var rows = MistakesTable.Parse(
        [
            "| DP207 | admin at admin/ | `shop/urls.py:16` | `path(\"admin/\"` |",
            "| DP206 | no error pages | `templates` | |",
            "| DP203 | ALLOWED_HOSTS is not empty in production |",
        ]);

        Assert.Equal(
            [new MistakeRow("DP207", "shop/urls.py", 16, "path(\"admin/\""), new MistakeRow("DP206", "templates", null, "")],
            rows);
    }
}
