using DjangoPreflight.Probe.Http;
using DjangoPreflight.Probe.Tests.Lab;

namespace DjangoPreflight.Probe.Tests;

/// <summary>The legacy-TLS test against real servers: openssl s_server allowing TLS 1.0 (with the
/// security level lowered on its own command line, the machine's configuration untouched), and one
/// at Debian's defaults, which refuses it with an alert.</summary>
public sealed class TlsVersionProbeTests : IDisposable
{
    private readonly LabDirectory _dir = new("tls-versions");

    private int Serve(params string[] extra)
    {
        var none = new Dictionary<string, string>();
        if (!File.Exists(Path.Combine(_dir.Path, "cert.pem")))
            ChildProcess.Run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem",
                "-days", "2", "-subj", "/CN=legacy.test"], _dir.Path, none, TimeSpan.FromSeconds(30));
        var port = FreePort.Next();
        var server = ChildProcess.Start("openssl", ["s_server", "-accept", $"127.0.0.1:{port}", "-cert", "cert.pem", "-key", "key.pem", "-www", .. extra], _dir.Path, none);
        _servers.Add(server);
        server.WaitForPort(port, TimeSpan.FromSeconds(10));
        return port;
    }

    private readonly List<ChildProcess> _servers = [];

    private static async Task<TlsVersionResult> Test(int port, string name, ushort version)
    {
        var budget = new RequestBudget(1);
        using var client = new ProbeClient(new ProbeSettings(), budget, CancellationToken.None);
        var result = await TlsVersionProbe.TestAsync(client, TimeSpan.FromSeconds(5), new Uri($"https://127.0.0.1:{port}/"), name, version);
        Assert.Equal(1, budget.Used);
        return result;
    }

    [Fact]
    public async Task AServerAllowingTls10IsSeenAcceptingIt()
    {
        var port = Serve("-tls1", "-cipher", "DEFAULT:@SECLEVEL=0");
        Assert.Equal(new TlsVersionResult("TLS 1.0", TlsVersionVerdict.Accepted, "the server answered a TLS 1.0 hello with a TLS 1.0 ServerHello"),
            await Test(port, "TLS 1.0", 0x0301));
    }

    [Fact]
    public async Task AServerAtDebianDefaultsRefusesTls10And11WithAnAlert()
    {
        // OpenSSL 3 at Debian's security level answers a TLS 1.0/1.1 hello with internal_error.
        var port = Serve();
        Assert.Equal(new TlsVersionResult("TLS 1.0", TlsVersionVerdict.Rejected, "the server refused TLS 1.0 (alert internal_error)"), await Test(port, "TLS 1.0", 0x0301));
        Assert.Equal(new TlsVersionResult("TLS 1.1", TlsVersionVerdict.Rejected, "the server refused TLS 1.1 (alert internal_error)"), await Test(port, "TLS 1.1", 0x0302));
    }

    [Theory]
    [InlineData(new byte[0], TlsVersionVerdict.Rejected, "the server closed the connection when offered TLS 1.0")]
    [InlineData(new byte[] { 0x15, 3, 1, 0, 2, 2, 40 }, TlsVersionVerdict.Rejected, "the server refused TLS 1.0 (alert handshake_failure)")]
    [InlineData(new byte[] { 0x16, 3, 1, 0, 80, 2, 0, 0, 76, 3, 3 }, TlsVersionVerdict.Rejected, "the server answered with another version (0x0303)")]
    [InlineData(new byte[] { (byte)'H', (byte)'T', (byte)'T', (byte)'P', (byte)'/', (byte)'1' }, TlsVersionVerdict.CouldNotTest, "the server's answer is not a TLS handshake or alert")]
    public void AnswersAreJudgedByTheirFirstRecord(byte[] answer, TlsVersionVerdict verdict, string detail) =>
        Assert.Equal(new TlsVersionResult("TLS 1.0", verdict, detail), TlsVersionProbe.Judge("TLS 1.0", 0x0301, answer));

    public void Dispose()
    {
        foreach (var server in _servers) server.Dispose();
        _dir.Dispose();
    }
}
