using System.Text.Json;
using System.Text.RegularExpressions;
using DjangoPreflight.TestSupport;
using YamlDotNet.RepresentationModel;

namespace DjangoPreflight.Cli.Tests.Integrations;

/// <summary>action.yml: every input is used, the steps set up .NET, build, scan and upload SARIF
/// even when the scan fails, and the scan step's own script, run with bash as GitHub runs it,
/// drives the real CLI and passes its exit code through.</summary>
public partial class GitHubActionTests
{
    private static readonly string ActionText = File.ReadAllText(Path.Combine(RepoPaths.Root, "action.yml"));

    private static YamlMappingNode Action()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(ActionText));
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node)[key];

    private static string Text(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value! : "";

    private static List<YamlMappingNode> Steps() =>
        ((YamlSequenceNode)Map(Action(), "runs")["steps"]).Children.Cast<YamlMappingNode>().ToList();

    private static YamlMappingNode Step(string id) => Steps().Single(s => Text(s, "id") == id);

    [Fact]
    public void EveryInputIsDeclaredOnceAndUsed()
    {
        var declared = Map(Action(), "inputs").Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
        var runs = ActionText[ActionText.IndexOf("\nruns:", StringComparison.Ordinal)..];
        var used = InputReference().Matches(runs).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(declared.Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
        Assert.Equal(["path", "settings", "env-file", "fail-on", "args", "sarif-file", "upload-sarif", "dotnet-version"], declared);
    }

    [Fact]
    public void ItSetsUpDotnetBuildsTheCliScansAndAlwaysUploadsTheSarif()
    {
        Assert.Equal("composite", Text(Map(Action(), "runs"), "using"));
        var steps = Steps();
        Assert.Equal(["actions/setup-dotnet@v4", "", "", "github/codeql-action/upload-sarif@v3"], steps.Select(s => Text(s, "uses")));
        Assert.Equal("${{ inputs.dotnet-version }}", Text(Map(steps[0], "with"), "dotnet-version"));

        var build = Text(Step("build"), "run");
        var project = Regex.Match(build, "dotnet publish \"\\$ACTION_PATH/([^\"]+)\"").Groups[1].Value;
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, project, "DjangoPreflight.Cli.csproj")), $"build step publishes '{project}'");

        var upload = steps[3];
        Assert.StartsWith("always() && ", Text(upload, "if"));
        Assert.Contains("steps.scan.outputs.sarif-file != ''", Text(upload, "if"));
        Assert.Equal("${{ steps.scan.outputs.sarif-file }}", Text(Map(upload, "with"), "sarif_file"));
        Assert.Equal("${{ steps.scan.outputs.exit-code }}", Text(Map(Map(Action(), "outputs"), "exit-code"), "value"));
    }

    [Fact]
    public void AFailingScanUploadsItsSarifAndFailsTheStepWithItsExitCode()
    {
        using var workspace = new TempDirectory("dp-action");
        workspace.CopyFrom(RepoPaths.Examples("insecure-shop"), "insecure-shop");

        var run = RunScanStep(workspace, new()
        {
            ["path"] = "insecure-shop",
            ["env-file"] = "insecure-shop/deploy/production.env",
            ["args"] = "--no-history  --ignore DP207",
        });

        Assert.True(run.Result.ExitCode == 1, run.Result.Stdout + run.Result.Stderr);
        Assert.Equal(["exit-code=1", "sarif-file=django-preflight.sarif"], run.Outputs);
        Assert.StartsWith("django-preflight scan insecure-shop --env-file insecure-shop/deploy/production.env --no-history --ignore DP207\n", run.Result.Stdout);
        Assert.Matches(@"DP201\b[^\n]*DEBUG is on in production", run.Result.Stdout);
        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace.Path, "django-preflight.sarif")));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var rules = results.Select(r => r.GetProperty("ruleId").GetString()).ToList();
        // DEBUG on by its default is one result under DP202 that also names DP201 (one cause, one finding).
        var debug = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "DP202");
        Assert.Contains("DP201", debug.GetProperty("properties").GetProperty("also_rules").EnumerateArray().Select(a => a.GetString()));
        Assert.DoesNotContain("DP207", rules);
    }

    [Fact]
    public void ACleanScanPassesWithSeveralEnvFilesAndTheFailOnInput()
    {
        using var workspace = new TempDirectory("dp-action");
        var shop = workspace.CopyFrom(RepoPaths.Examples("hardened-shop"), "hardened-shop");
        // The env files, comma- and newline-separated with stray blanks; the second one overrides.
        File.Move(Path.Combine(shop, RepoPaths.ProductionEnv("hardened-shop")), Path.Combine(workspace.Path, "production.env"));
        workspace.Write("debug.env", "DJANGO_DEBUG=0\n");

        var run = RunScanStep(workspace, new()
        {
            ["path"] = "hardened-shop",
            ["settings"] = "shop.settings.production",
            ["env-file"] = " production.env ,\n debug.env\n",
            ["fail-on"] = "low",
            ["sarif-file"] = "out/report.sarif",
            ["args"] = "--no-history",
        }, createDirectory: "out");

        Assert.True(run.Result.ExitCode == 0, run.Result.Stdout + run.Result.Stderr);
        Assert.Equal(["exit-code=0", "sarif-file=out/report.sarif"], run.Outputs);
        Assert.StartsWith("django-preflight scan hardened-shop --settings shop.settings.production --env-file production.env --env-file debug.env --fail-on low --no-history\n", run.Result.Stdout);
        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace.Path, "out", "report.sarif")));
        Assert.Equal(0, sarif.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void AUsageErrorPassesExitCodeTwoAndNoSarif()
    {
        using var workspace = new TempDirectory("dp-action");

        var run = RunScanStep(workspace, new() { ["path"] = "no-such-project" });

        Assert.Equal(2, run.Result.ExitCode);
        Assert.Equal(["exit-code=2"], run.Outputs);
        Assert.Contains("django-preflight: error: 'no-such-project' does not exist", run.Result.Stderr);
    }

    private sealed record StepRun(ProcessResult Result, List<string> Outputs);

    /// <summary>Runs the scan step's script as a runner would: bash with -e and pipefail, in the
    /// step's working directory, with the step's environment after substituting the expressions.</summary>
    private static StepRun RunScanStep(TempDirectory workspace, Dictionary<string, string> inputs, string? createDirectory = null)
    {
        if (createDirectory is not null) Directory.CreateDirectory(Path.Combine(workspace.Path, createDirectory));
        var defaults = Map(Action(), "inputs").Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => Text(p.Value, "default"));
        string Expression(string name) => name switch
        {
            "github.workspace" => workspace.Path,
            "steps.build.outputs.binary" => RepoPaths.CliBinary,
            _ when name.StartsWith("inputs.", StringComparison.Ordinal) => inputs.GetValueOrDefault(name[7..]) ?? defaults[name[7..]],
            _ => throw new InvalidOperationException($"the test does not know ${{{{ {name} }}}}"),
        };
        string Substitute(string text) => ExpressionPattern().Replace(text, m => Expression(m.Groups[1].Value));

        var step = Step("scan");
        var outputs = workspace.Write("github-output", "");
        var environment = Map(step, "env").Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => (string?)Substitute(((YamlScalarNode)p.Value).Value!));
        environment["GITHUB_OUTPUT"] = outputs;
        var script = workspace.Write("step.sh", Substitute(Text(step, "run")));
        var result = ProcessRunner.Run("bash", ["--noprofile", "--norc", "-eo", "pipefail", script],
            workingDirectory: Substitute(Text(step, "working-directory")), environment: environment);
        return new StepRun(result, File.ReadAllLines(outputs).ToList());
    }

    [GeneratedRegex(@"\binputs\.([a-z][a-z0-9-]*)")]
    private static partial Regex InputReference();

    [GeneratedRegex(@"\$\{\{\s*([^}]+?)\s*\}\}")]
    private static partial Regex ExpressionPattern();
}
