using System.Net.Security;
using System.Security.Authentication;

namespace DjangoPreflight.Probe.Http;

/// <summary>What a handshake offering only one legacy protocol version showed.</summary>
public enum TlsVersionVerdict
{
    Accepted,
    Rejected,
    CouldNotTest,
}

public sealed record TlsVersionResult(string Version, TlsVersionVerdict Verdict, string Detail);

/// <summary>
/// Asks the server whether it still accepts TLS 1.0 / 1.1 by offering only that version. Each
/// handshake takes one request from the budget. The local TLS library (OpenSSL 3 at its default
/// security level) often refuses to offer these versions at all; that is reported as "could not
/// test", never as the server rejecting them.
/// </summary>
public static class TlsVersionProbe
{
#pragma warning disable SYSLIB0039 // TLS 1.0/1.1 are obsolete: offering them is the point of the test.
    public static readonly IReadOnlyList<(string Name, SslProtocols Protocol)> Legacy =
    [
        ("TLS 1.0", SslProtocols.Tls),
        ("TLS 1.1", SslProtocols.Tls11),
    ];
#pragma warning restore SYSLIB0039

    public static async Task<TlsVersionResult> TestAsync(ProbeClient client, TimeSpan timeout, Uri target, string name, SslProtocols protocol)
    {
        client.Budget.Take();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(client.Deadline);
        cts.CancelAfter(timeout);
        try
        {
            await using var stream = await client.Connector.ConnectAsync(target.Host, target.Port, cts.Token);
            await using var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = target.Host,
                EnabledSslProtocols = protocol,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            }, cts.Token);
            return new TlsVersionResult(name, TlsVersionVerdict.Accepted, $"the server completed a {name} handshake");
        }
        catch (OperationCanceledException)
        {
            return new TlsVersionResult(name, TlsVersionVerdict.CouldNotTest, "the handshake timed out");
        }
        catch (Exception e) when (e is AuthenticationException or IOException or System.Net.Sockets.SocketException or PlatformNotSupportedException)
        {
            return Classify(name, e);
        }
    }

    /// <summary>Tells "the server said no" (a protocol_version alert, or the connection closed
    /// during the handshake) from "this machine cannot offer that version".</summary>
    internal static TlsVersionResult Classify(string name, Exception e)
    {
        var text = Messages(e);
        if (text.Contains("no protocols available", StringComparison.OrdinalIgnoreCase)
            || text.Contains("no ciphers available", StringComparison.OrdinalIgnoreCase)
            || text.Contains("unsupported protocol", StringComparison.OrdinalIgnoreCase) && !text.Contains("alert", StringComparison.OrdinalIgnoreCase)
            || e is PlatformNotSupportedException)
            return new TlsVersionResult(name, TlsVersionVerdict.CouldNotTest, $"the local TLS library cannot offer {name} ({Last(e)})");
        if (text.Contains("alert protocol version", StringComparison.OrdinalIgnoreCase)
            || text.Contains("alert handshake failure", StringComparison.OrdinalIgnoreCase)
            || text.Contains("wrong version number", StringComparison.OrdinalIgnoreCase)
            || text.Contains("unexpected eof", StringComparison.OrdinalIgnoreCase)
            || text.Contains("connection reset", StringComparison.OrdinalIgnoreCase)
            || e is IOException && text.Contains("received an unexpected EOF", StringComparison.OrdinalIgnoreCase))
            return new TlsVersionResult(name, TlsVersionVerdict.Rejected, $"the server refused {name}");
        return new TlsVersionResult(name, TlsVersionVerdict.CouldNotTest, Last(e));
    }

    private static string Messages(Exception? e)
    {
        var parts = new List<string>();
        for (; e is not null; e = e.InnerException) parts.Add(e.Message);
        return string.Join(" | ", parts);
    }

    private static string Last(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e.Message.ReplaceLineEndings(" ");
    }
}
