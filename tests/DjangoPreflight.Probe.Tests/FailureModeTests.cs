using DjangoPreflight.Probe.Tests.Lab;

namespace DjangoPreflight.Probe.Tests;

/// <summary>Sites that cannot be probed end the probe within its timeout, with a one-line reason.</summary>
public sealed class FailureModeTests
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    [Fact]
    public void ClosedPortIsAUsageErrorNamingTheRefusal()
    {
        var port = FreePort.Next();
        var r = ProbeCli.Run("probe", $"http://127.0.0.1:{port}/", "--timeout", "2");
        Assert.Equal(2, r.Exit);
        Assert.Equal($"django-preflight: error: cannot probe http://127.0.0.1:{port}/: cannot connect to 127.0.0.1:{port}: connection refused\n", r.Error.ReplaceLineEndings("\n"));
        Assert.Equal("", r.Out);
        Assert.True(r.Elapsed < TimeSpan.FromSeconds(2) + Slack, r.Elapsed.ToString());
    }

    [Fact]
    public async Task NonHttpServerIsAUsageErrorSayingSo()
    {
        await using var server = new BrokenServer(BrokenServer.Kind.Garbage);
        var r = ProbeCli.Run("probe", server.Url.ToString(), "--timeout", "2");
        Assert.Equal(2, r.Exit);
        Assert.Equal($"django-preflight: error: cannot probe {server.Url}: 127.0.0.1:{server.Port} does not answer with HTTP (invalid response)\n", r.Error.ReplaceLineEndings("\n"));
        Assert.True(r.Elapsed < TimeSpan.FromSeconds(2) + Slack, r.Elapsed.ToString());
    }

    [Fact]
    public async Task SilentServerTimesOutAfterTimeout()
    {
        await using var server = new BrokenServer(BrokenServer.Kind.Silent);
        var r = ProbeCli.Run("probe", server.Url.ToString(), "--timeout", "2");
        Assert.Equal(2, r.Exit);
        Assert.Equal($"django-preflight: error: cannot probe {server.Url}: no response from 127.0.0.1:{server.Port} within 2 s (--timeout)\n", r.Error.ReplaceLineEndings("\n"));
        Assert.True(r.Elapsed >= TimeSpan.FromSeconds(1.9), r.Elapsed.ToString());
        Assert.True(r.Elapsed < TimeSpan.FromSeconds(2) + Slack, r.Elapsed.ToString());
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task EndlessBodyIsCutAtTheBoundAndReported()
    {
        await using var server = new BrokenServer(BrokenServer.Kind.EndlessBody);
        var r = ProbeCli.Run("probe", server.Url.ToString(), "--timeout", "2", "--max-requests", "4");
        Assert.Equal(1, r.Exit);
        Assert.True(r.Out.Contains("Note: responses cut at 512 KiB (the body did not end): / and 3 more", StringComparison.Ordinal), r.Out);
        Assert.Contains("Note: 4 of 4 requests used", r.Out);
        Assert.True(r.Elapsed < TimeSpan.FromSeconds(2) + Slack, r.Elapsed.ToString());
        Assert.Equal(4, server.Connections);
    }

    [Fact]
    public async Task OverallDeadlineStopsAProbeOfASlowSite()
    {
        // Each request alone is within --timeout, but the deadline ends the probe first.
        await using var server = new BrokenServer(BrokenServer.Kind.Silent);
        var r = ProbeCli.Run("probe", server.Url.ToString(), "--timeout", "30", "--deadline", "2");
        Assert.Equal(2, r.Exit);
        Assert.Equal($"django-preflight: error: cannot probe {server.Url}: the probe's overall deadline (--deadline) passed\n", r.Error.ReplaceLineEndings("\n"));
        Assert.True(r.Elapsed < TimeSpan.FromSeconds(2) + Slack, r.Elapsed.ToString());
    }
}
