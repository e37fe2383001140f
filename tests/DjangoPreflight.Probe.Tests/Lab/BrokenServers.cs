using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DjangoPreflight.Probe.Tests.Lab;

/// <summary>Loopback servers that misbehave in one way each, for the probe's failure paths.</summary>
public sealed class BrokenServer : IAsyncDisposable
{
    public enum Kind
    {
        /// <summary>Answers every connection with bytes that are not HTTP.</summary>
        Garbage,

        /// <summary>Accepts connections and never sends a byte.</summary>
        Silent,

        /// <summary>Sends a 200 with a chunked body that never ends.</summary>
        EndlessBody,

        /// <summary>Sends a 200 and the first chunk of its body, then nothing more.</summary>
        StallingBody,

        /// <summary>Answers the first request of a connection and keeps it open; a second request on
        /// it is read (and counted) and the connection dropped without an answer, which makes an
        /// HTTP client that reuses connections resend it on a new one.</summary>
        DropsReusedConnections,
    }

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Kind _kind;
    private readonly Task _loop;
    private int _connections;

    public BrokenServer(Kind kind)
    {
        _kind = kind;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptLoop);
    }

    public int Port { get; }

    public int Connections => _connections;

    /// <summary>Request heads read (for <see cref="Kind.DropsReusedConnections"/>).</summary>
    public int Requests => _requests;

    private int _requests;

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var token = _stop.Token;
            switch (_kind)
            {
                case Kind.Garbage:
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.2p1 garbage\r\n\0\x01\x02 not http at all\r\n\r\n"), token);
                    await Task.Delay(Timeout.Infinite, token);
                    break;
                case Kind.Silent:
                    await Task.Delay(Timeout.Infinite, token);
                    break;
                case Kind.EndlessBody:
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"), token);
                    var chunk = Encoding.ASCII.GetBytes($"4000\r\n{new string('x', 0x4000)}\r\n");
                    while (!token.IsCancellationRequested)
                        await stream.WriteAsync(chunk, token);
                    break;
                case Kind.StallingBody:
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>x\n\r\n"), token);
                    await Task.Delay(Timeout.Infinite, token);
                    break;
                case Kind.DropsReusedConnections:
                    if (!await ReadHead(stream, token)) return;
                    Interlocked.Increment(ref _requests);
                    var body = "<html><body>kept alive</body></html>";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {body.Length}\r\nConnection: keep-alive\r\n\r\n{body}"), token);
                    if (await ReadHead(stream, token))
                        Interlocked.Increment(ref _requests);
                    break;
            }
        }
        catch (Exception)
        {
            // The probe hung up, or the test ended: both are how these connections are meant to end.
        }
    }

    /// <summary>Reads up to the blank line ending a request head; false when the client closed first.</summary>
    private async Task<bool> ReadHead(Stream stream, CancellationToken token)
    {
        var last = 0u;
        var one = new byte[1];
        var sb = new StringBuilder();
        for (var n = 0; n < 65536; n++)
        {
            if (await stream.ReadAsync(one, token) != 1) return false;
            sb.Append((char)one[0]);
            last = (last << 8) | one[0];
            if (last == 0x0D0A0D0A) { Heads.Enqueue(sb.ToString()); return true; }
        }
        return false;
    }

    public System.Collections.Concurrent.ConcurrentQueue<string> Heads { get; } = new();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
