using System.Net;
using System.Net.Sockets;

namespace DjangoPreflight.Probe.Http;

/// <summary>Opens TCP connections, honouring --resolve (connect to a given address for a host
/// name, keeping the name for Host and SNI); each one is checked against the request budget.</summary>
public sealed class Connector(IReadOnlyDictionary<string, IPAddress> resolve, RequestBudget budget)
{
    public async ValueTask<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        budget.Connect();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (resolve.TryGetValue(host.ToLowerInvariant(), out var address))
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
            else
                await socket.ConnectAsync(new DnsEndPoint(host, port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
