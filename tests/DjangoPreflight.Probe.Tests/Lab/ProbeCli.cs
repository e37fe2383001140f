using System.Diagnostics;
using DjangoPreflight.Cli;

namespace DjangoPreflight.Probe.Tests.Lab;

public sealed record CliResult(int Exit, string Out, string Error, TimeSpan Elapsed);

/// <summary>Runs the real command line in memory.</summary>
public static class ProbeCli
{
    public static CliResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var watch = Stopwatch.StartNew();
        var exit = CliApp.Run(args, stdout, stderr);
        return new CliResult(exit, stdout.ToString(), stderr.ToString(), watch.Elapsed);
    }
}
