using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests;

/// <summary>Runs the CLI in memory (CliApp with captured writers) or as the real built binary.</summary>
public static class CliRun
{
    public static ProcessResult InMemory(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var code = CliApp.Run(args, stdout, stderr);
        return new ProcessResult(code, stdout.ToString(), stderr.ToString(), watch.Elapsed);
    }

    public static ProcessResult Binary(params string[] args) => Executable(RepoPaths.CliBinary, args);

    public static ProcessResult Executable(string executable, params string[] args) =>
        ProcessRunner.Run(executable, args, timeout: TimeSpan.FromMinutes(2));

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
