using System.Text.Json;
using System.Text.RegularExpressions;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Examples;

/// <summary>
/// django-preflight on its own showcase: `scan` with the production environment finds every
/// deliberate mistake of insecure-shop's README table (with its committed deploy/production.env),
/// and nothing above info in hardened-shop (with its deploy/production.env.example).
/// </summary>
public sealed class ExampleScanTests
{
    private sealed record Reported(string Rule, string Severity, string Path);

    [Fact]
    public void InsecureShop_Scan_ReportsEveryRuleOfTheMistakesTable()
    {
        string root = ExampleProject.SourcePath(ExampleProject.Insecure);
        var expected = MistakesTable.Read(root).Select(r => r.Rule).ToHashSet();

        var reported = Scan(root).Select(f => f.Rule).ToHashSet();

        Assert.Empty(expected.Except(reported).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void HardenedShop_TheReadmesScanCommand_FindsNothingAboveInfo()
    {
        // The command exactly as examples/hardened-shop/README.md prints it (run from the repository root).
        var readme = File.ReadAllLines(Path.Combine(ExampleProject.SourcePath(ExampleProject.Hardened), "README.md"));
        var command = Assert.Single(readme, l => l.StartsWith("dotnet run --project src/DjangoPreflight.Cli -- scan examples/hardened-shop", StringComparison.Ordinal));
        var args = command["dotnet run --project src/DjangoPreflight.Cli -- ".Length..].Split(' ')
            .Select(a => a.StartsWith("examples/", StringComparison.Ordinal) ? Path.Combine(RepoPaths.Root, a) : a).ToArray();

        var result = CliRun.InMemory([.. args, "--format", "json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = Parse(result.Stdout);
        Assert.DoesNotContain(report, f => f.Severity != "info");
    }

    [Fact]
    public void HardenedShop_TracksNoEnvFileWithASecretLookingValue()
    {
        // What git tracks under the example (the repository's own index), every env-style file,
        // examples included: each value that names a secret must read as a placeholder.
        var root = ExampleProject.SourcePath(ExampleProject.Hardened);
        var tracked = GitSandbox.RunGit(root, ["ls-files", "-z", "."]).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var envFiles = tracked.Where(p => Analysis.Git.FileKinds.IsEnvFile(p) || p.EndsWith(".env.example", StringComparison.Ordinal)).ToList();
        Assert.Equal([".env.example", "deploy/production.env.example"], envFiles.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("deploy/production.env", tracked);
        foreach (var file in envFiles)
        {
            var text = File.ReadAllText(Path.Combine(root, file));
            Assert.Empty(Analysis.Git.SecretScanner.Scan(file.Replace(".example", ""), text));
            foreach (var (name, value) in Analysis.Environment.DotEnvParser.Parse(text))
                if (Regex.IsMatch(name, "SECRET|PASSWORD|KEY|TOKEN") && value.Length > 0)
                    Assert.True(Analysis.Git.Placeholders.IsPlaceholder(value), $"{file}: {name} does not read as a placeholder");
        }
    }

    private static List<Reported> Scan(string root)
    {
        var result = CliRun.InMemory("scan", root, "--env-file", Path.Combine(root, "deploy", "production.env"), "--format", "json");
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        return Parse(result.Stdout);
    }

    private static List<Reported> Parse(string json)
    {
        using var report = JsonDocument.Parse(json);
        Assert.Empty(report.RootElement.GetProperty("summary").GetProperty("parse_errors").EnumerateArray());
        Assert.Equal("shop.settings.production", report.RootElement.GetProperty("target").GetProperty("settings_module").GetString());
        // A finding that stands for several rules (one cause, one finding) counts for each of them.
        return report.RootElement.GetProperty("findings").EnumerateArray()
            .SelectMany(f => f.GetProperty("also").EnumerateArray().Select(a => a.GetString()!).Prepend(f.GetProperty("rule").GetString()!)
                .Select(rule => new Reported(
                    rule,
                    f.GetProperty("severity").GetString()!,
                    f.GetProperty("location").TryGetProperty("path", out var path) ? path.GetString()! : "")))
            .ToList();
    }
}
