using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests;

/// <summary>Publishes the Native AOT binary once (the documented command) and checks that it behaves
/// exactly like the JIT build: this is what keeps reflection out of the code base.</summary>
public sealed class NativeAotFixture : IDisposable
{
    private readonly TempDirectory _output = new("dp-aot");

    public NativeAotFixture()
    {
        Binary = Path.Combine(_output.Path, "django-preflight");
        Publish = ProcessRunner.Run("dotnet",
            ["publish", Path.Combine(RepoPaths.Root, "src", "DjangoPreflight.Cli"), "-c", "Release", "-r", "linux-x64",
             "-p:PublishAot=true", "-o", _output.Path, "-nologo"],
            timeout: Integrations.DotnetBuildCollection.Timeout);
    }

    public ProcessResult Publish { get; }

    public string Binary { get; }

    public void Dispose() => _output.Dispose();
}

[Collection(Integrations.DotnetBuildCollection.Name)]
public class NativeAotTests(NativeAotFixture aot) : IClassFixture<NativeAotFixture>
{
    [Fact]
    public void PublishesOneWorkingBinary()
    {
        Assert.True(aot.Publish.ExitCode == 0, aot.Publish.Stdout + aot.Publish.Stderr);
        Assert.True(File.Exists(aot.Binary));
        var version = CliRun.Executable(aot.Binary, "--version");
        Assert.Equal(0, version.ExitCode);
        Assert.Equal("0.1.0", version.Stdout.Trim());
    }

    [Theory]
    [InlineData("rules", "--format", "json")]
    [InlineData("explain", "DP201")]
    public void BehavesLikeTheJitBuild(params string[] args)
    {
        var native = CliRun.Executable(aot.Binary, args);
        var jit = CliRun.Binary(args);
        Assert.Equal(jit.ExitCode, native.ExitCode);
        Assert.Equal(jit.Stdout, native.Stdout);
    }

    [Fact]
    public void ScansTheInsecureShopLikeTheJitBuild()
    {
        string[] args = ["scan", RepoPaths.Examples("insecure-shop"), "--format", "json", "--no-history",
            "--env-file", Path.Combine(RepoPaths.Examples("insecure-shop"), "deploy", "production.env")];
        var native = CliRun.Executable(aot.Binary, args);
        var jit = CliRun.Binary(args);
        Assert.Equal(1, native.ExitCode);
        Assert.Equal(jit.Stdout, native.Stdout);
    }
}
