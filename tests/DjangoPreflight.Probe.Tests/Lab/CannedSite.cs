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
                // probe's legacy-TLS test): read the hello's version without consuming it and hang
                // up on those, as servers that refuse them do.
                if (await OffersOnlyLegacyTls(client.Client))
                    return;
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate, EnabledSslProtocols = _protocols }, _stop.Token);
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
            // "$http_origin" stands for the request's Origin header, as in an nginx add_header.
            var origin = lines.Skip(1).FirstOrDefault(l => l.StartsWith("Origin:", StringComparison.OrdinalIgnoreCase))?[7..].Trim();
            foreach (var (name, value) in canned.Headers)
                if (value != "$http_origin" || origin is not null)
                    response.Append($"{name}: {(value == "$http_origin" ? origin : value)}\r\n");
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

    /// <summary>True when the ClientHello waiting on <paramref name="socket"/> offers at most TLS 1.1
    /// (its client_version, bytes 9-10; modern clients say TLS 1.2 there and list 1.3 in an extension).</summary>
    private async Task<bool> OffersOnlyLegacyTls(Socket socket)
    {
        var head = new byte[11];
        for (var tries = 0; tries < 50; tries++)
        {
            var n = await socket.ReceiveAsync(head, SocketFlags.Peek, _stop.Token);
            if (n == 0) return true;
            if (n == head.Length) return head[0] == 0x16 && head[9] == 3 && head[10] < 3;
            await Task.Delay(20, _stop.Token);
        }
        return false;
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
