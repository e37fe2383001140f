using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests;

/// <summary>The contract of bad input: exit code 2, nothing on stdout, and exactly one line on stderr,
/// "django-preflight: error: " followed by a message containing <c>expected</c>.</summary>
public static class CliAssert
{
    public static void UsageError(ProcessResult result, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("django-preflight: error: ", line);
        Assert.Contains(expected, line);
    }
}
