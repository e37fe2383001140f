using System.Text.Json;
using System.Text.RegularExpressions;

namespace DjangoPreflight.Probe.Tests.Lab;

/// <summary>The parts of a probe's JSON report the tests assert on.</summary>
public sealed partial record ProbeJson(string Grade, IReadOnlyList<string> Findings, IReadOnlyList<string> Messages, IReadOnlyList<string> Notices, IReadOnlyList<string> Reasons, int RequestsUsed)
{
    /// <summary>The severity of each of <see cref="Messages"/>, in the same order.</summary>
    public IReadOnlyList<string> Severities { get; init; } = [];

    [GeneratedRegex(@"^(\d+) of (\d+) requests used$")]
    private static partial Regex Used();

    /// <summary>Parses a run's stdout; a run that printed no report fails with its stderr.</summary>
    public static ProbeJson Parse(CliResult run)
    {
        Assert.True(run.Out.Length > 0, $"no report (exit {run.Exit}): {run.Error}");
        return Parse(run.Out);
    }

    public static ProbeJson Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        var notices = root.GetProperty("summary").GetProperty("notices").EnumerateArray().Select(n => n.GetString()!).ToList();
        var used = notices.Select(n => Used().Match(n)).Single(m => m.Success);
        return new ProbeJson(
            root.GetProperty("target").GetProperty("grade").GetString()!,
            findings.Select(f => $"{f.GetProperty("rule").GetString()} {f.GetProperty("severity").GetString()}").Order(StringComparer.Ordinal).ToList(),
            findings.Select(f => $"{f.GetProperty("rule").GetString()} {f.GetProperty("location").GetProperty("url").GetString()} {f.GetProperty("message").GetString()}").ToList(),
            notices,
            root.GetProperty("target").GetProperty("reasons").EnumerateArray().Select(n => n.GetString()!).ToList(),
            int.Parse(used.Groups[1].Value))
        {
            Severities = findings.Select(f => f.GetProperty("severity").GetString()!).ToList(),
        };
    }
}

public static class ProbeAssert
{
    /// <summary>Asserts the exact multiset of "RULE severity" findings; on failure shows every message and notice.</summary>
    public static void Findings(IEnumerable<string> expected, ProbeJson report) =>
        Assert.True(expected.Order(StringComparer.Ordinal).SequenceEqual(report.Findings),
            $"expected:\n  {string.Join("\n  ", expected.Order(StringComparer.Ordinal))}\nactual:\n  {string.Join("\n  ", report.Messages)}\nreasons:\n  {string.Join("\n  ", report.Reasons)}\nnotices:\n  {string.Join("\n  ", report.Notices)}");
}
