using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.HtmlReport;

/// <summary><c>scan --format html</c> end to end, without a browser.</summary>
public sealed class HtmlReportScanTests
{
    [Fact]
    public void SameProjectSameBytes_OnStdoutAsInTheOutputFile()
    {
        var root = RepoPaths.Examples("insecure-shop");
        string[] args = ["scan", root, "--env-file", Path.Combine(root, "deploy", "production.env"), "--no-history", "--format", "html"];
        using var temp = new TempDirectory("dp-html");
        var file = Path.Combine(temp.Path, "report.html");

        var first = CliRun.InMemory(args);
        var second = CliRun.InMemory(args);
        var written = CliRun.InMemory([.. args, "--output", file]);

        Assert.Equal(1, first.ExitCode);
        Assert.StartsWith("<!DOCTYPE html>\n", first.Stdout);
        Assert.EndsWith("</html>\n", first.Stdout);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal(1, written.ExitCode);
        Assert.Equal("", written.Stdout);
        Assert.Equal(first.Stdout, File.ReadAllText(file));
        // DEBUG on because DJANGO_DEBUG defaults to True: one finding under DP202 that names DP201.
        Assert.Contains("data-rule=\"DP202\"", first.Stdout);
        Assert.Contains("also breaks DP201 (DEBUG is on in production)", first.Stdout);
    }
}
