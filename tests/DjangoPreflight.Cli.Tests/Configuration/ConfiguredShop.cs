using System.Text.Json;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Configuration;

/// <summary>A copy of examples/insecure-shop in a temp folder, with the pyproject.toml a test gives it.</summary>
internal sealed class ConfiguredShop : IDisposable
{
    private readonly TempDirectory _temp = new("dp-config");

    public ConfiguredShop(string? pyproject = null)
    {
        Root = _temp.CopyFrom(RepoPaths.Examples("insecure-shop"), "shop");
        if (pyproject is not null) Write("pyproject.toml", pyproject);
    }

    public string Root { get; }

    /// <summary>A folder beside the project, for configuration files that live elsewhere.</summary>
    public string Outside(string name, string text) => _temp.Write(Path.Combine("elsewhere", name), text);

    public void Write(string relative, string text) => File.WriteAllText(Path.Combine(Root, relative), text);

    public ProcessResult Run(params string[] args) => CliRun.InMemory(args);

    /// <summary><c>scan ROOT --format json ARGS</c>: its exit code and (rule, path, line) of each finding, and
    /// of each rule a finding also stands for (one cause, one finding: those IDs still apply to it).</summary>
    public (int ExitCode, List<(string Rule, string? Path, int? Line)> Findings, JsonElement Report) ScanJson(params string[] args)
    {
        var result = CliRun.InMemory(["scan", Root, "--format", "json", .. args]);
        Assert.True(result.ExitCode is 0 or 1, result.Stderr);
        var report = JsonDocument.Parse(result.Stdout).RootElement.Clone();
        var findings = report.GetProperty("findings").EnumerateArray().SelectMany(f =>
        {
            var location = f.GetProperty("location");
            var path = location.TryGetProperty("path", out var p) ? p.GetString() : null;
            int? line = location.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt32() : null;
            var rules = f.GetProperty("also").EnumerateArray().Select(a => a.GetString()!).Prepend(f.GetProperty("rule").GetString()!);
            return rules.Select(rule => (rule, path, line));
        }).ToList();
        return (result.ExitCode, findings, report);
    }

    public void Dispose() => _temp.Dispose();
}
