using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests;

/// <summary>One row of docs/CHECKLIST.md: the public catalogue every rule must match.</summary>
public sealed record ChecklistRow(string Id, IReadOnlyList<string> DjangoIds, string Seeds);

/// <summary>Reads the rule tables of CHECKLIST.md (project rules have five columns, live rules three).</summary>
public static class ChecklistTable
{
    public static IReadOnlyDictionary<string, ChecklistRow> Rows { get; } = Read();

    private static Dictionary<string, ChecklistRow> Read()
    {
        var rows = new Dictionary<string, ChecklistRow>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(RepoPaths.Checklist))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            // "| DP101 | fires | where | django | seed |" splits into 7 cells, live rows into 5.
            if (cells.Length < 5 || !cells[1].StartsWith("DP", StringComparison.Ordinal)) continue;
            var id = cells[1];
            var django = cells.Length >= 7 ? cells[4] : "";
            var seeds = cells[^2];
            rows[id] = new ChecklistRow(id, ExpandDjangoIds(django), seeds);
        }
        return rows;
    }

    /// <summary>"security.W010 W011 W012" means security.W010, security.W011, security.W012.</summary>
    private static List<string> ExpandDjangoIds(string cell)
    {
        var ids = new List<string>();
        var prefix = "";
        foreach (var token in cell.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var dot = token.IndexOf('.');
            if (dot >= 0) prefix = token[..(dot + 1)];
            ids.Add(dot >= 0 ? token : prefix + token);
        }
        return ids;
    }
}
