using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;

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
/// Asks the server whether it still accepts TLS 1.0 / 1.1 by sending a ClientHello that offers only
/// that version and reading the first record of the answer: a ServerHello for that version means
/// accepted; an alert or a closed connection means refused. The hello is written here, byte by
/// byte (RFC 2246 / 4346 §7.4.1.2), because the machine's TLS library (OpenSSL 3 at Debian's
/// default security level) will not offer these versions at all, and changing its policy would
/// change it for the whole process. No handshake is completed and no key is made: the connection
/// is closed as soon as the server has answered. Each attempt takes one request from the budget.
/// </summary>
public static class TlsVersionProbe
{
    public static readonly IReadOnlyList<(string Name, ushort Version)> Legacy =
    [
        ("TLS 1.0", 0x0301),
        ("TLS 1.1", 0x0302),
    ];

    /// <summary>Cipher suites every TLS 1.0/1.1 server speaks, most common first: ECDHE and RSA key
    /// exchange with AES-CBC and 3DES, and the renegotiation SCSV (RFC 5746).</summary>
    private static readonly ushort[] CipherSuites =
        [0xC013, 0xC014, 0xC009, 0xC00A, 0x0033, 0x0039, 0x002F, 0x0035, 0x000A, 0x00FF];

    private static readonly Dictionary<byte, string> Alerts = new()
    {
        [40] = "handshake_failure", [47] = "illegal_parameter", [70] = "protocol_version",
        [71] = "insufficient_security", [80] = "internal_error", [86] = "inappropriate_fallback", [112] = "unrecognized_name",
    };

    public static async Task<TlsVersionResult> TestAsync(ProbeClient client, TimeSpan timeout, Uri target, string name, ushort version)
    {
        client.Budget.Take();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(client.Deadline);
        cts.CancelAfter(timeout);
        try
        {
            await using var stream = await client.Connector.ConnectAsync(target.Host, target.Port, cts.Token);
            await stream.WriteAsync(ClientHello(version, target.Host), cts.Token);
            return Judge(name, version, await ReadRecordStartAsync(stream, cts.Token));
        }
        catch (OperationCanceledException)
        {
            return new TlsVersionResult(name, TlsVersionVerdict.CouldNotTest, "the server did not answer the handshake in time");
        }
        catch (IOException)
        {
            return new TlsVersionResult(name, TlsVersionVerdict.Rejected, $"the server closed the connection when offered {name}");
        }
        catch (System.Net.Sockets.SocketException e)
        {
            return new TlsVersionResult(name, TlsVersionVerdict.CouldNotTest, $"cannot connect: {e.Message}");
        }
    }

    /// <summary>What the first bytes of the server's answer say; null when it closed without a byte.</summary>
    public static TlsVersionResult Judge(string name, ushort offered, byte[]? answer)
    {
        switch (answer)
        {
            case null or []:
                return new TlsVersionResult(name, TlsVersionVerdict.Rejected, $"the server closed the connection when offered {name}");
            case [0x15, _, _, _, _, _, var description, ..]:
                return new TlsVersionResult(name, TlsVersionVerdict.Rejected,
                    $"the server refused {name} (alert {Alerts.GetValueOrDefault(description, description.ToString())})");
            case [0x16, _, _, _, _, 0x02, _, _, _, var major, var minor, ..]:
                var chosen = (ushort)(major << 8 | minor);
                return chosen == offered
                    ? new TlsVersionResult(name, TlsVersionVerdict.Accepted, $"the server answered a {name} hello with a {name} ServerHello")
                    : new TlsVersionResult(name, TlsVersionVerdict.Rejected, $"the server answered with another version (0x{chosen:x4})");
            default:
                return new TlsVersionResult(name, TlsVersionVerdict.CouldNotTest, "the server's answer is not a TLS handshake or alert");
        }
    }

    /// <summary>A ClientHello record offering exactly <paramref name="version"/>, with SNI when the
    /// host is a name (servers that route by name need it to answer at all).</summary>
    public static byte[] ClientHello(ushort version, string host)
    {
        var extensions = new List<byte>();
        if (!IPAddress.TryParse(host, out _))
        {
            var name = Encoding.ASCII.GetBytes(host);
            Extension(extensions, 0x0000, [.. U16(name.Length + 3), 0x00, .. U16(name.Length), .. name]);
        }
        Extension(extensions, 0x000A, [.. U16(6), .. U16(0x001D), .. U16(0x0017), .. U16(0x0018)]); // x25519, P-256, P-384
        Extension(extensions, 0x000B, [0x01, 0x00]); // uncompressed points

        var body = new List<byte>();
        body.AddRange(U16(version));
        body.AddRange(RandomNumberGenerator.GetBytes(32));
        body.Add(0x00); // no session id
        body.AddRange(U16(CipherSuites.Length * 2));
        foreach (var suite in CipherSuites) body.AddRange(U16(suite));
        body.AddRange([0x01, 0x00]); // null compression only
        body.AddRange(U16(extensions.Count));
        body.AddRange(extensions);

        byte[] handshake = [0x01, (byte)(body.Count >> 16), (byte)(body.Count >> 8), (byte)body.Count, .. body];
        // The record layer says TLS 1.0 whatever is offered, as clients do for compatibility.
        return [0x16, 0x03, 0x01, .. U16(handshake.Length), .. handshake];
    }

    private static void Extension(List<byte> to, ushort type, byte[] data)
    {
        to.AddRange(U16(type));
        to.AddRange(U16(data.Length));
        to.AddRange(data);
    }

    private static byte[] U16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
        return bytes;
    }

    /// <summary>The first 11 bytes of the answer (a record header and the start of its message), or
    /// fewer when the server closed; null when it closed without a byte.</summary>
    private static async Task<byte[]?> ReadRecordStartAsync(Stream stream, CancellationToken token)
    {
        var buffer = new byte[11];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), token);
            if (n == 0) break;
            read += n;
        }
        return read == 0 ? null : buffer[..read];
    }
}
