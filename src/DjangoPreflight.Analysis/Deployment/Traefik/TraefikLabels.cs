using System.Globalization;
using DjangoPreflight.Analysis.Deployment.Compose;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Traefik;

/// <summary>
/// Traefik's configuration written as labels on a compose service (its Docker provider reads
/// <c>traefik.http.routers.*</c>, <c>traefik.http.services.*</c> and <c>traefik.http.middlewares.*</c>
/// from the containers it routes to). Read here: the port Traefik sends the service's requests to.
/// </summary>
public static class TraefikLabels
{
    /// <summary>The ports Traefik sends the service's requests to, from
    /// <c>traefik.http.services.&lt;name&gt;.loadbalancer.server.port</c>, with where each is written;
    /// none when the service's labels turn Traefik off for it (<c>traefik.enable=false</c>).</summary>
    public static IEnumerable<(int Port, SourceLocation At)> ServerPorts(ComposeService service)
    {
        if (service.Labels.Any(l => l.Key == "traefik.enable" && string.Equals(l.Value.Value.Trim(), "false", StringComparison.OrdinalIgnoreCase)))
            yield break;
        foreach (var (key, value) in service.Labels)
        {
            var parts = key.Split('.');
            // traefik . http . services . <name> . loadbalancer . server . port
            if (parts is ["traefik", "http", "services", _, "loadbalancer", "server", "port"]
                && int.TryParse(value.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                yield return (port, value.Location);
        }
    }
}
