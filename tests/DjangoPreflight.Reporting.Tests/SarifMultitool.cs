using System.Text.Json;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Reporting.Tests;

/// <summary>One problem the SARIF Multitool's validator reported.</summary>
public sealed record SarifProblem(string Level, string RuleId, string Where)
{
    public override string ToString() => $"{Level} {RuleId} at {Where}";
}

/// <summary>Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool 5.7.0). Its Linux package
/// ships a self-contained .NET executable, so it needs no runtime of its own. scripts/test installs
/// it under artifacts/npm before the tests run; the tests download nothing.</summary>
public static class SarifMultitool
{
    public const string Version = "5.7.0";

    private static readonly Lazy<string> Executable = new(Locate);

    private static string Prefix => Path.Combine(RepoPaths.Root, "artifacts", "npm");

    private static string Locate()
    {
        var binary = Path.Combine(Prefix, "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool");
        if (!File.Exists(binary))
            throw new InvalidOperationException(
                $"the SARIF Multitool is not in {Prefix}: run scripts/test, which installs it before the tests " +
                $"(npm install --prefix artifacts/npm @microsoft/sarif-multitool@{Version})");
        return binary;
    }

    /// <summary>Runs <c>validate</c> once over SARIF files (one run: the tool takes seconds to start)
    /// and returns their errors and warnings; notes, such as "provide a help URI", are advice and
    /// not returned.</summary>
    public static IReadOnlyList<SarifProblem> Validate(params string[] sarifFiles)
    {
        var output = Path.Combine(Path.GetDirectoryName(sarifFiles[0])!, "validation.sarif.log");
        var result = ProcessRunner.Run(Executable.Value,
            ["validate", .. sarifFiles, "--output", output, "--log", "ForceOverwrite", "--level", "Error;Warning"],
            environment: new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" },
            timeout: TimeSpan.FromMinutes(1));
        if (result.ExitCode != 0 || !File.Exists(output))
            throw new InvalidOperationException($"Sarif.Multitool validate failed ({result.ExitCode}): {result.Stdout}{result.Stderr}");
        using var log = JsonDocument.Parse(File.ReadAllText(output));
        var run = log.RootElement.GetProperty("runs")[0];
        var defaults = run.GetProperty("tool").GetProperty("driver").TryGetProperty("rules", out var rules)
            ? rules.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r =>
                r.TryGetProperty("defaultConfiguration", out var c) && c.TryGetProperty("level", out var l) ? l.GetString()! : "warning")
            : [];
        var problems = new List<SarifProblem>();
        foreach (var r in run.GetProperty("results").EnumerateArray())
        {
            var id = r.GetProperty("ruleId").GetString()!;
            var level = r.TryGetProperty("level", out var l) ? l.GetString()! : defaults.GetValueOrDefault(id, "warning");
            var file = Path.GetFileName(new Uri(r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath);
            var where = r.GetProperty("message").TryGetProperty("arguments", out var args) && args.GetArrayLength() > 0 ? args[0].GetString()! : "";
            if (level is "error" or "warning") problems.Add(new SarifProblem(level, id, $"{file} {where}"));
        }
        return problems;
    }
}
