using System.Text.Json;
using DjangoPreflight.Cli.Tests.Examples;

namespace DjangoPreflight.Cli.Tests.Suppressions;

/// <summary>A temporary copy of examples/insecure-shop to edit, scanned through the real CLI (in memory)
/// with its production environment, reading back the JSON report.</summary>
internal sealed class ShopScan : IDisposable
{
    private readonly ExampleProject _shop = ExampleProject.Copy(ExampleProject.Insecure);

    public string Root => _shop.Root;

    public string PathOf(string relative) => _shop.PathOf(relative);

    public void Edit(string relative, Func<string, string> change)
    {
        var path = PathOf(relative);
        var before = File.ReadAllText(path);
        var after = change(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(path, after);
    }

    /// <summary>Replaces the one line that equals <paramref name="line"/> (trimmed) in a file.</summary>
    public void EditLine(string relative, string line, string replacement) =>
        Edit(relative, text =>
        {
            var lines = text.Split('\n');
            var index = Assert.Single(Enumerable.Range(0, lines.Length), i => lines[i].Trim() == line);
            lines[index] = replacement;
            return string.Join('\n', lines);
        });

    public (int Exit, Report Report) Scan(params string[] extra)
    {
        var result = CliRun.InMemory(["scan", Root, "--format", "json", "--no-history",
            "--env-file", PathOf("deploy/production.env"), .. extra]);
        Assert.True(result.ExitCode is 0 or 1, result.Stderr);
        return (result.ExitCode, Report.Parse(result.Stdout));
    }

    public void Dispose() => _shop.Dispose();
}

/// <summary>The parts of the JSON report these tests pin: findings as "RULE path:line" (a finding that stands
/// for several rules, one cause, gives one entry per rule: each rule is what a baseline records), the
/// number of findings the report shows, and the notices.</summary>
internal sealed record Report(IReadOnlyList<string> Findings, int Shown, IReadOnlyList<string> Notices)
{
    public static Report Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var shown = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var findings = shown.SelectMany(f =>
        {
            var location = f.GetProperty("location");
            var line = location.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number ? $":{l.GetInt32()}" : "";
            var rules = f.GetProperty("also").EnumerateArray().Select(a => a.GetString()!).Prepend(f.GetProperty("rule").GetString()!);
            return rules.Order(StringComparer.Ordinal).Select(rule => $"{rule} {location.GetProperty("path").GetString()}{line}");
        }).ToList();
        var notices = doc.RootElement.GetProperty("summary").GetProperty("notices").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Equal(shown.Count, doc.RootElement.GetProperty("summary").GetProperty("findings").GetInt32());
        return new Report(findings, shown.Count, notices);
    }

    /// <summary>The findings of one rule.</summary>
    public IReadOnlyList<string> Of(string rule) => Findings.Where(f => f.StartsWith(rule + " ", StringComparison.Ordinal)).ToList();
}
