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

    /// <summary><c>scan ROOT --format json ARGS</c>: its exit code and (rule, path, line) of each finding.</summary>
    public (int ExitCode, List<(string Rule, string? Path, int? Line)> Findings, JsonElement Report) ScanJson(params string[] args)
    {
        var result = CliRun.InMemory(["scan", Root, "--format", "json", .. args]);
        Assert.True(result.ExitCode is 0 or 1, result.Stderr);
        var report = JsonDocument.Parse(result.Stdout).RootElement.Clone();
        var findings = report.GetProperty("findings").EnumerateArray().Select(f =>
        {
            var location = f.GetProperty("location");
            return (f.GetProperty("rule").GetString()!,
                location.TryGetProperty("path", out var p) ? p.GetString() : null,
                location.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt32() : (int?)null);
        }).ToList();
        return (result.ExitCode, findings, report);
    }

    public void Dispose() => _temp.Dispose();
}
