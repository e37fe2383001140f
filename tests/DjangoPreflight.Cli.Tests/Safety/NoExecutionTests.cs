using DjangoPreflight.Reporting;

namespace DjangoPreflight.Cli.Tests.Safety;

/// <summary>Reading a project must never run it: every command, every format, leaves the trap shut.</summary>
public class NoExecutionTests
{
    [Fact]
    public void TheTrapWorksWhenTheProjectIsRun()
    {
        // Proves the fixture can fail: running the settings with Python does write the marker.
        using var project = new BoobyTrappedProject();
        var run = DjangoPreflight.TestSupport.ProcessRunner.Run(
            DjangoPreflight.TestSupport.ProcessRunner.Python, ["-c", "import trap.settings"], workingDirectory: project.Root);
        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(project.Marker));
    }

    [Fact]
    public void ScanningInEveryFormatRunsNothing()
    {
        using var project = new BoobyTrappedProject();
        foreach (var format in ReportWriters.Formats)
        {
            var result = CliRun.Binary("scan", project.Root, "--format", format, "--no-history");
            Assert.True(result.ExitCode is 0 or 1, $"{format}: exit {result.ExitCode}: {result.Stderr}");
        }
        var settings = CliRun.Binary("settings", project.Root, "--format", "json");
        Assert.Equal(0, settings.ExitCode);
        Assert.False(File.Exists(project.Marker), "project code was executed: " +
            (File.Exists(project.Marker) ? File.ReadAllText(project.Marker) : ""));
    }
}
