using DjangoPreflight.Probe.Tests.Lab;

namespace DjangoPreflight.Probe.Tests;

/// <summary>Bad command lines are one-line usage errors (exit 2) and send nothing.</summary>
public sealed class UsageTests
{
    [Theory]
    [InlineData("not a url", "invalid URL 'not a url' (expected e.g. https://shop.example/)")]
    [InlineData("/relative/path", "invalid URL '/relative/path' (expected e.g. https://shop.example/)")]
    [InlineData("ftp://shop.example/", "unsupported scheme 'ftp' in 'ftp://shop.example/' (expected http or https)")]
    [InlineData("file:///etc/passwd", "invalid URL 'file:///etc/passwd' (expected e.g. https://shop.example/)")]
    public void InvalidTargets(string url, string message)
    {
        var r = ProbeCli.Run("probe", url);
        Assert.Equal(2, r.Exit);
        Assert.Equal($"django-preflight: error: {message}\n", r.Error.ReplaceLineEndings("\n"));
        Assert.Equal("", r.Out);
    }

    [Theory]
    [InlineData("--max-requests", "0", "--max-requests must be between 1 and 1000, not 0")]
    [InlineData("--timeout", "-1", "--timeout must be a number of seconds between 0 and 3600, not -1")]
    [InlineData("--burst", "5", "--burst needs --rate-limit-path")]
    [InlineData("--header", "NoColon", "invalid --header 'NoColon' (expected NAME:VALUE)")]
    [InlineData("--header", "Host: evil", "--header cannot set Host (use --resolve to connect to another address)")]
    [InlineData("--resolve", "shop.test:not-an-ip", "invalid --resolve 'shop.test:not-an-ip' (expected HOST:IP)")]
    [InlineData("--rate-limit-path", "login/", "--rate-limit-path must be a path starting with '/', not 'login/'")]
    [InlineData("--ca-file", "/nonexistent/ca.pem", "--ca-file '/nonexistent/ca.pem' does not exist")]
    [InlineData("--fail-on", "severe", "unknown severity 'severe' for --fail-on (expected one of: info, low, medium, high, critical)")]
    public void InvalidOptions(string option, string value, string message)
    {
        var r = ProbeCli.Run("probe", "http://127.0.0.1:9/", option, value);
        Assert.Equal(2, r.Exit);
        Assert.Equal($"django-preflight: error: {message}\n", r.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void BurstIsBounded()
    {
        var r = ProbeCli.Run("probe", "http://127.0.0.1:9/", "--rate-limit-path", "/login/", "--burst", "101");
        Assert.Equal(2, r.Exit);
        Assert.Equal("django-preflight: error: --burst must be between 1 and 100, not 101\n", r.Error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("--request-timeout", "5")]
    [InlineData("--deadline", "5")]
    [InlineData("--max-requests", "5")]
    [InlineData("--insecure", null)]
    public void ProbeOptionsOfScanNeedUrl(string option, string? value)
    {
        // Without --url nothing is probed: an option that would be ignored is refused instead.
        var r = ProbeCli.Run(["scan", Path.Combine(LabDirectory.RepoRoot(), "examples", "hardened-shop"), "--no-history", option, .. value is null ? Array.Empty<string>() : [value]]);
        Assert.Equal(2, r.Exit);
        Assert.Equal($"django-preflight: error: {option} is a probe option: it needs --url\n", r.Error.ReplaceLineEndings("\n"));
        Assert.Equal("", r.Out);
    }
}
