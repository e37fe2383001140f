using System.IO.Compression;
using System.Xml.Linq;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Integrations;

/// <summary>Packs the solution and installs the package the way pre-commit's dotnet hooks and a user
/// do (`dotnet tool install --tool-path ... --add-source ...`), from the local folder only.</summary>
public sealed class DotnetToolFixture : IDisposable
{
    private readonly TempDirectory _temp = new("dp-tool");

    public DotnetToolFixture()
    {
        Packages = Path.Combine(_temp.Path, "packages");
        ToolPath = Path.Combine(_temp.Path, "tools");
        // The build the tests run on is packed as it is (--no-build), in its own configuration. The
        // restore first: an AOT publish (NativeAotTests) leaves the assets files restored for its runtime.
        var solution = Path.Combine(RepoPaths.Root, "DjangoPreflight.slnx");
        Restore = Dotnet(["restore", solution]);
        Pack = Dotnet(["pack", solution, "--no-build", "-c", RepoPaths.Configuration, "-o", Packages]);
        // No package source but the folder: nothing can come from a feed, and the package cache is
        // private so an older django-preflight 0.1.0 cached elsewhere cannot stand in for this one.
        var config = _temp.Write("nuget.config", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration><packageSources><clear /></packageSources></configuration>\n");
        Install = Dotnet(["tool", "install", "--tool-path", ToolPath, "--configfile", config, "--add-source", Packages, "django-preflight"],
            privateCache: true);
    }

    public string Packages { get; }

    public string ToolPath { get; }

    public ProcessResult Restore { get; }

    public ProcessResult Pack { get; }

    public ProcessResult Install { get; }

    public string Tool => Path.Combine(ToolPath, "django-preflight");

    private ProcessResult Dotnet(string[] args, bool privateCache = false)
    {
        var environment = new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        if (privateCache) environment["NUGET_PACKAGES"] = Path.Combine(_temp.Path, "nuget-cache");
        return ProcessRunner.Run("dotnet", args, workingDirectory: _temp.Path, timeout: DotnetBuildCollection.Timeout, environment: environment);
    }

    public void Dispose() => _temp.Dispose();
}

/// <summary>Tests that run `dotnet` on the repository's projects: one at a time, since a restore
/// for one target framework replaces the assets files another command reads.</summary>
[CollectionDefinition(Name)]
public sealed class DotnetBuildCollection
{
    public const string Name = "dotnet restore, publish and pack";

    /// <summary>How long one `dotnet` command may take: a limit for a hung command, not a speed
    /// check. A cold NuGet cache on a 2-core machine already busy with the other tests took over 8
    /// minutes for the AOT publish (scripts/test restores its packages first, so what is left is
    /// compiling).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);
}

[Collection(DotnetBuildCollection.Name)]
public class DotnetToolTests(DotnetToolFixture tool) : IClassFixture<DotnetToolFixture>
{
    [Fact]
    public void TheSolutionPacksIntoOneToolPackage()
    {
        Assert.True(tool.Restore.ExitCode == 0, tool.Restore.Stdout + tool.Restore.Stderr);
        Assert.True(tool.Pack.ExitCode == 0, tool.Pack.Stdout + tool.Pack.Stderr);
        // pre-commit installs every package `dotnet pack` makes: the libraries must not be packages.
        var package = Assert.Single(Directory.GetFiles(tool.Packages, "*.nupkg"));
        Assert.Equal("django-preflight.0.1.0.nupkg", Path.GetFileName(package));

        using var zip = ZipFile.OpenRead(package);
        var nuspec = XDocument.Load(zip.GetEntry("django-preflight.nuspec")!.Open()).Root!;
        string Meta(string name) => nuspec.Descendants().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal("django-preflight", Meta("id"));
        Assert.Equal("0.1.0", Meta("version"));
        Assert.Equal("README.md", Meta("readme"));
        Assert.StartsWith("Audits a Django project", Meta("description"));
        Assert.Equal("DotnetTool", nuspec.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")!.Value);
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")), new StreamReader(zip.GetEntry("README.md")!.Open()).ReadToEnd());

        var settings = XDocument.Load(zip.Entries.Single(e => e.Name == "DotnetToolSettings.xml").Open());
        var command = settings.Descendants("Command").Single();
        Assert.Equal("django-preflight", command.Attribute("Name")!.Value);
        Assert.Equal("django-preflight.dll", command.Attribute("EntryPoint")!.Value);
    }

    [Fact]
    public void InstallsFromTheLocalFolderAndRuns()
    {
        Assert.True(tool.Install.ExitCode == 0, tool.Install.Stdout + tool.Install.Stderr);
        Assert.Contains("Tool 'django-preflight' (version '0.1.0') was successfully installed.", tool.Install.Stdout);

        var rules = CliRun.Executable(tool.Tool, "rules");
        Assert.True(rules.ExitCode == 0, rules.Stderr);
        Assert.EndsWith($"{RuleCatalog.All.Count} rules\n", rules.Stdout);
        Assert.Equal("0.1.0\n", CliRun.Executable(tool.Tool, "--version").Stdout);
    }

    [Theory]
    [InlineData("rules", "--format", "json")]
    [InlineData("explain", "DP102", "--format", "markdown")]
    [InlineData("scan", "examples/insecure-shop", "--no-history", "--format", "json")]
    public void TheInstalledToolBehavesLikeTheBuild(params string[] args)
    {
        var installed = ProcessRunner.Run(tool.Tool, args, workingDirectory: RepoPaths.Root);
        var built = ProcessRunner.Run(RepoPaths.CliBinary, args, workingDirectory: RepoPaths.Root);
        Assert.Equal(built.ExitCode, installed.ExitCode);
        Assert.Equal(built.Stdout, installed.Stdout);
        Assert.NotEmpty(installed.Stdout);
    }
}
