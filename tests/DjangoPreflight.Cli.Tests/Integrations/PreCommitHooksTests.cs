using System.Xml.Linq;
using DjangoPreflight.Cli.Tests.Examples;
using DjangoPreflight.TestSupport;
using YamlDotNet.RepresentationModel;

namespace DjangoPreflight.Cli.Tests.Integrations;

/// <summary>.pre-commit-hooks.yaml: its hooks are valid command lines for the CLI, and Debian's real
/// pre-commit (offline: a local hooks repository) runs them, passing a clean project and blocking an
/// insecure one.</summary>
public class PreCommitHooksTests
{
    private static readonly string ManifestPath = Path.Combine(RepoPaths.Root, ".pre-commit-hooks.yaml");

    private static List<YamlMappingNode> Hooks()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(ManifestPath)));
        return ((YamlSequenceNode)yaml.Documents.Single().RootNode).Children.Cast<YamlMappingNode>().ToList();
    }

    private static string Field(YamlMappingNode hook, string key) => ((YamlScalarNode)hook[key]).Value!;

    [Fact]
    public void TheManifestDeclaresTheDotnetAndTheInstalledHook()
    {
        var hooks = Hooks();
        Assert.Equal(["django-preflight", "django-preflight-system"], hooks.Select(h => Field(h, "id")));
        Assert.Equal(["dotnet", "system"], hooks.Select(h => Field(h, "language")));
        var command = XDocument.Load(Path.Combine(RepoPaths.Root, "src", "DjangoPreflight.Cli", "DjangoPreflight.Cli.csproj"))
            .Descendants("ToolCommandName").Single().Value;
        foreach (var hook in hooks)
        {
            // pre-commit runs `entry args...` at the repository root; the scan covers the whole
            // project, so no file names are appended.
            Assert.Equal($"{command} scan", Field(hook, "entry"));
            Assert.Equal("false", Field(hook, "pass_filenames"));
            Assert.Equal("true", Field(hook, "require_serial"));
            Assert.False(string.IsNullOrWhiteSpace(Field(hook, "description")));
        }
    }

    [Theory]
    [InlineData(ExampleProject.Hardened, 0)]
    [InlineData(ExampleProject.Insecure, 1)]
    public void TheEntryIsACommandLineOfTheCli(string example, int exitCode)
    {
        using var project = new HookProject(example);
        foreach (var hook in Hooks())
        {
            var words = Field(hook, "entry").Split(' ');
            var run = ProcessRunner.Run(RepoPaths.CliBinary, [.. words.Skip(1), .. HookProject.Args], workingDirectory: project.Root);
            Assert.True(run.ExitCode == exitCode, run.Stdout + run.Stderr);
        }
    }

    [Theory]
    [InlineData(ExampleProject.Hardened, 0, "Passed")]
    [InlineData(ExampleProject.Insecure, 1, "Failed")]
    public void PreCommitRunsTheHook(string example, int exitCode, string verdict)
    {
        using var project = new HookProject(example);

        var run = project.PreCommit("django-preflight-system");

        Assert.True(run.ExitCode == exitCode, run.Stdout + run.Stderr);
        Assert.Matches($@"(?m)^django-preflight\.+{verdict}$", run.Stdout);
        if (exitCode == 1) Assert.Matches(@"DP201\b[^\n]*DEBUG is on in production", run.Stdout);
    }

    /// <summary>An example copied into a fresh git repository, its production env file kept outside
    /// it (where a real server keeps it; hardened-shop's committed example stays, as in a real
    /// project), and a hooks repository holding this checkout's manifest.</summary>
    private sealed class HookProject : IDisposable
    {
        private readonly TempDirectory _temp = new("dp-pre-commit");

        public static readonly string[] Args = ["--env-file", "../production.env"];

        public HookProject(string example)
        {
            Root = _temp.CopyFrom(RepoPaths.Examples(example), "project");
            var env = Path.Combine(Root, RepoPaths.ProductionEnv(example));
            if (env.EndsWith(".example", StringComparison.Ordinal)) File.Copy(env, Path.Combine(_temp.Path, "production.env"));
            else File.Move(env, Path.Combine(_temp.Path, "production.env"));
            HooksRepo = Path.Combine(_temp.Path, "hooks");
            Directory.CreateDirectory(HooksRepo);
            File.Copy(ManifestPath, Path.Combine(HooksRepo, ".pre-commit-hooks.yaml"));
            GitSandbox.RunGit(HooksRepo, ["init", "-q"]);
            GitSandbox.RunGit(HooksRepo, ["add", "-A"]);
            GitSandbox.RunGit(HooksRepo, ["commit", "-q", "-m", "hooks"]);
            Rev = GitSandbox.RunGit(HooksRepo, ["rev-parse", "HEAD"]).Trim();
        }

        public string Root { get; }

        public string HooksRepo { get; }

        public string Rev { get; }

        public ProcessResult PreCommit(string hookId)
        {
            File.WriteAllText(Path.Combine(Root, ".pre-commit-config.yaml"),
                $"repos:\n  - repo: {HooksRepo}\n    rev: {Rev}\n    hooks:\n      - id: {hookId}\n        args: [{string.Join(", ", Args)}]\n");
            GitSandbox.RunGit(Root, ["init", "-q"]);
            GitSandbox.RunGit(Root, ["add", "-A"]);
            GitSandbox.RunGit(Root, ["commit", "-q", "-m", "project"]);
            return ProcessRunner.Run("/usr/bin/pre-commit", ["run", "--all-files", "--color", "never"], workingDirectory: Root,
                timeout: TimeSpan.FromMinutes(2), environment: new Dictionary<string, string?>
                {
                    // The installed hook finds django-preflight on PATH: the build under test.
                    ["PATH"] = $"{Path.GetDirectoryName(RepoPaths.CliBinary)}:/usr/bin:/bin",
                    ["HOME"] = _temp.Path,
                    ["PRE_COMMIT_HOME"] = Path.Combine(_temp.Path, "pre-commit-home"),
                    ["GIT_CONFIG_NOSYSTEM"] = "1",
                });
        }

        public void Dispose() => _temp.Dispose();
    }
}
