using DjangoPreflight.Cli;

namespace DjangoPreflight.Probe.Tests.Lab;

public sealed record CliResult(int Exit, string Out, string Error);

/// <summary>Runs the real command line in memory. It keeps no clock: tests say which bound ended a
/// probe from what it reports, never from how long it took.</summary>
public static class ProbeCli
{
    public static CliResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }
}
