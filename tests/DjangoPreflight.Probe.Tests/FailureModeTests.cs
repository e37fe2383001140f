using DjangoPreflight.Probe.Tests.Lab;

namespace DjangoPreflight.Probe.Tests;

/// <summary>Sites that cannot be probed end the probe with a one-line reason naming the bound that
/// ended it. The tests assert which bound acted (from what the probe says and what the server saw),
/// never how long it took: a loaded machine stretches every duration.</summary>
public sealed class FailureModeTests
{
    [Fact]
    public void ClosedPortIsAUsageErrorNamingTheRefusal()
    {
        // The refusal is reported as such, not as the timeout it would otherwise have waited for.
        var port = FreePort.Next();
        var r = ProbeCli.Run("probe", $"http://127.0.0.1:{port}/", "--timeout", "60");
        Assert.Equal(2, r.Exit);
        Assert.Equal($"django-preflight: error: cannot probe http://127.0.0.1:{port}/: cannot connect to 127.0.0.1:{port}: connection refused\n", r.Error.ReplaceLineEndings("\n"));
        Assert.Equal("", r.Out);
    }

    [Fact]
    public async Task NonHttpServerIsAUsageErrorSayingSo()
    {
        // The server sends its garbage and keeps the connection open: the probe stops at the
        // garbage, not at the timeout.
        await using var server = new BrokenServer(BrokenServer.Kind.Garbage);
        var r = ProbeCli.Run("probe", server.Url.ToString(), "--timeout", "60");
        Assert.Equal(2, r.Exit);
        Assert.Equal($"django-preflight: error: cannot probe {server.Url}: 127.0.0.1:{server.Port} does not answer with HTTP (invalid response)\n", r.Error.ReplaceLineEndings("\n"));
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task SilentServerTimesOutAfterTimeout()
    {
        await using var server = new BrokenServer(BrokenServer.Kind.Silent);
        var r = ProbeCli.Run("probe", server.Url.ToString(), "--timeout", "2");
        Assert.Equal(2, r.Exit);
        Assert.Equal($"django-preflight: error: cannot probe {server.Url}: no response from 127.0.0.1:{server.Port} within 2 s (--timeout)\n", r.Error.ReplaceLineEndings("\n"));
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task ScanUrlTakesTheProbesTimeout()
    {
        // scan --url probes with the same per-request bound as probe (the default would say 10 s),
        // named --request-timeout there: scan's own --timeout bounds the whole run.
        await using var server = new BrokenServer(BrokenServer.Kind.Silent);
        var r = ProbeCli.Run("scan", Path.Combine(LabDirectory.RepoRoot(), "examples", "hardened-shop"), "--no-history", "--url", server.Url.ToString(), "--request-timeout", "2");
        Assert.Equal(2, r.Exit);
        Assert.Equal($"django-preflight: error: cannot probe {server.Url}: no response from 127.0.0.1:{server.Port} within 2 s (--request-timeout)\n", r.Error.ReplaceLineEndings("\n"));
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task ProbeTakesRequestTimeoutAsAnotherNameForTimeout()
    {
        await using var server = new BrokenServer(BrokenServer.Kind.Silent);
        var r = ProbeCli.Run("probe", server.Url.ToString(), "--request-timeout", "2");
        Assert.Equal(2, r.Exit);
        Assert.Equal($"django-preflight: error: cannot probe {server.Url}: no response from 127.0.0.1:{server.Port} within 2 s (--timeout)\n", r.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task ScanTimeoutBoundsTheProbeToo()
    {
        // Each request may take 30 s and the probe 90 s, but the whole scan only 3: the probe gets
        // what the project's scan left, and the message names the scan's budget as the cause.
        await using var server = new BrokenServer(BrokenServer.Kind.Silent);
        var r = ProbeCli.Run("scan", Path.Combine(LabDirectory.RepoRoot(), "examples", "hardened-shop"), "--no-history", "--url", server.Url.ToString(), "--timeout", "3", "--request-timeout", "30");
        Assert.Equal(2, r.Exit);
        Assert.Equal($"django-preflight: error: cannot probe {server.Url}: the scan's time budget (--timeout) passed\n", r.Error.ReplaceLineEndings("\n"));
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task EndlessBodyIsCutAtTheBoundAndReported()
    {
        // A timeout no loaded machine reaches while reading 512 KiB from loopback: the notice below
        // is given only for a body that reached the bound and went on (a body cut by --timeout or
        // --deadline has a notice of its own), so it shows the bound, not a clock, cut all four.
        await using var server = new BrokenServer(BrokenServer.Kind.EndlessBody);
        var r = ProbeCli.Run("probe", server.Url.ToString(), "--format", "json", "--timeout", "60", "--max-requests", "4");
        Assert.Equal(1, r.Exit);
        var report = ProbeJson.Parse(r);
        Assert.Contains("responses cut at 512 KiB (the body did not end): / and 3 more", report.Notices);
        Assert.DoesNotContain(report.Notices, n => n.Contains("--timeout", StringComparison.Ordinal) || n.Contains("--deadline", StringComparison.Ordinal));
        Assert.Equal(4, report.RequestsUsed);
        Assert.Contains("4 of 4 requests used", report.Notices);
        Assert.Equal(4, server.Connections);
    }

    [Fact]
    public async Task StallingBodyIsKeptAsFarAsItCameAndSaidSo()
    {
        await using var server = new BrokenServer(BrokenServer.Kind.StallingBody);
        var r = ProbeCli.Run("probe", server.Url.ToString(), "--format", "json", "--timeout", "2", "--max-requests", "1");
        var report = ProbeJson.Parse(r);
        Assert.Contains("responses read only as far as they came within 2 s (--timeout; the body was still arriving): /", report.Notices);
        Assert.DoesNotContain(report.Notices, n => n.StartsWith("responses cut at", StringComparison.Ordinal));
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task OverallDeadlineStopsAProbeOfASlowSite()
    {
        // Each request alone is within --timeout, but the deadline ends the probe first: the
        // message names the deadline, which a 30 s timeout would not.
        await using var server = new BrokenServer(BrokenServer.Kind.Silent);
        var r = ProbeCli.Run("probe", server.Url.ToString(), "--timeout", "30", "--deadline", "2");
        Assert.Equal(2, r.Exit);
        Assert.Equal($"django-preflight: error: cannot probe {server.Url}: the probe's overall deadline (--deadline) passed\n", r.Error.ReplaceLineEndings("\n"));
        Assert.Equal(1, server.Connections);
    }
}
