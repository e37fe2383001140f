using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace DjangoPreflight.Probe.Tests.Lab;

/// <summary>A canned answer: status, headers, body.</summary>
public sealed record Canned(int Status, string Body = "", params (string Name, string Value)[] Headers)
{
    public static Canned Html(string body, params (string, string)[] headers) =>
        new(200, body, [("Content-Type", "text/html; charset=utf-8"), .. headers]);
}

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 (optionally over TLS) that answers each path with a canned
/// response and records every request line and Host header it receives. One request per
/// connection (Connection: close), so the count is exact. Unknown paths get <see cref="Fallback"/>.
/// </summary>
public sealed class CannedSite : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, Canned> _routes;
    private readonly X509Certificate2? _certificate;
    private readonly SslProtocols _protocols;
    private readonly Task _loop;

    public CannedSite(Dictionary<string, Canned> routes, X509Certificate2? certificate = null, SslProtocols protocols = SslProtocols.None)
    {
        _routes = routes;
        _certificate = certificate;
        _protocols = protocols;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptLoop);
    }

    public int Port { get; }

    public Uri Url => new($"{(_certificate is null ? "http" : "https")}://127.0.0.1:{Port}/");

    public Canned Fallback { get; init; } = new(404, "<h1>nope</h1>", ("Content-Type", "text/html"));

    /// <summary>"METHOD PATH HOST" of each request received.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The whole head (request line and headers) of each request received.</summary>
    public ConcurrentQueue<string> Heads { get; } = new();

    /// <summary>TCP connections accepted (TLS handshakes included).</summary>
    public int Connections => _connections;

    private int _connections;

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
            Stream stream = client.GetStream();
            if (_certificate is not null)
            {
                var ssl = new SslStream(stream);
                // .NET's server side neither answers nor closes on a TLS 1.0/1.1-only hello (the
                // probe's legacy-TLS test); a second's bound makes it hang up, as real servers do at once.
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                handshake.CancelAfter(TimeSpan.FromSeconds(1));
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate, EnabledSslProtocols = _protocols }, handshake.Token);
                stream = ssl;
            }
            var head = await ReadHead(stream);
            var lines = head.Split("\r\n");
            var parts = lines[0].Split(' ');
            var host = lines.Skip(1).FirstOrDefault(l => l.StartsWith("Host:", StringComparison.OrdinalIgnoreCase))?[5..].Trim() ?? "";
            Requests.Enqueue($"{parts[0]} {parts[1]} {host}");
            Heads.Enqueue(head);
            var canned = _routes.GetValueOrDefault(parts[1]) ?? Fallback;
            var body = Encoding.UTF8.GetBytes(canned.Body);
            var response = new StringBuilder($"HTTP/1.1 {canned.Status} X\r\n");
            foreach (var (name, value) in canned.Headers) response.Append($"{name}: {value}\r\n");
            response.Append($"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response.ToString()));
            await stream.WriteAsync(body);
            await stream.FlushAsync();
        }
        catch (Exception)
        {
            // A client that gave up (or a refused TLS version) ends its connection; nothing to serve.
        }
    }

    private static async Task<string> ReadHead(Stream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 65536 && await stream.ReadAsync(one) == 1)
        {
            buffer.Add(one[0]);
            if (buffer.Count >= 4 && buffer[^1] == '\n' && buffer[^2] == '\r' && buffer[^3] == '\n' && buffer[^4] == '\r')
                break;
        }
        return Encoding.ASCII.GetString(buffer.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
