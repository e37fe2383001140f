using System.Globalization;
using DjangoPreflight.Analysis.Deployment.Compose;
using DjangoPreflight.Analysis.Deployment.Nginx;

namespace DjangoPreflight.Analysis.Deployment.Roles;

/// <summary>
/// An nginx configuration left behind by an older deployment: nothing in the repository uses it (no
/// compose mount, COPY, include or command names it) and every upstream it proxies to is a service
/// production does not run: a name no production-capable compose file defines, on a port none of the
/// project's production app servers listens on (they bind other ports or a unix socket). Judged as
/// production it would report an HTTP-only server and headers of a proxy nobody starts.
/// Anything unknown keeps the file's unknown role: a target that is an address, a socket or a
/// variable; an app server whose listening port is not written (defaults, <c>$PORT</c>, a config
/// file); no production app server at all; Kubernetes manifests, whose Service names we do not
/// read.
/// </summary>
internal static class UnusedNginx
{
    /// <param name="platformsOnly">The hosting platforms' files when production deploys only through them
    /// (<see cref="PlatformsOnly"/>): then nothing in production can start nginx, whatever it proxies to.</param>
    public static RoleJudgement? Judge(NginxConfig config, IReadOnlyList<FileReference> references, IReadOnlyList<ComposeFile> compose,
        IReadOnlyList<ServerLaunch> productionLaunches, bool otherServerConfigs, IReadOnlyList<string>? platformsOnly = null)
    {
        var files = config.Files.ToHashSet(StringComparer.Ordinal);
        if (references.Any(r => files.Contains(r.To) && !files.Contains(r.From))) return null;
        if (platformsOnly is { Count: > 0 })
            return new RoleJudgement(FileRole.Unused,
                $"nothing in the repository uses it, and production deploys only to hosting platforms ({string.Join(", ", platformsOnly)}), which run the app's own processes: no production file starts nginx");
        if (otherServerConfigs || productionLaunches.Count == 0) return null;

        var listening = new HashSet<int>();
        foreach (var launch in productionLaunches)
        {
            if (ListenPorts(launch.Command) is not { } ports) return null;
            listening.UnionWith(ports);
        }
        var services = compose.Where(c => c.Role.SpeaksForProduction()).SelectMany(c => c.Services).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        var passes = config.Servers.SelectMany(s => s.Upstreams()).Select(u => u.Pass).ToList();
        if (passes.Count == 0) return null;
        var missing = new List<string>();
        foreach (var pass in passes)
        {
            var targets = NginxUpstreamHosts.Targets(config, pass);
            if (targets.Count == 0) return null;
            foreach (var (host, port) in targets)
            {
                if (services.Contains(host) || port is null || listening.Contains(port.Value)) return null;
                missing.Add($"{host}:{port} ({pass.Location.Path}:{pass.Location.Line})");
            }
        }
        var served = listening.Count == 0 ? "a unix socket" : "port " + string.Join(", ", listening.Order());
        return new RoleJudgement(FileRole.Unused,
            $"nothing in the repository uses it, and its upstream {string.Join(", ", missing.Distinct())} is no production service: no production compose service has that name and the app servers production starts listen on {served} ({productionLaunches[0].Location.Path}:{productionLaunches[0].Location.Line})");
    }

    /// <summary>The production Procfiles and platform configurations (Heroku, Dokku, DigitalOcean App Platform,
    /// nixpacks...) when production deploys only through them: no production-capable Dockerfile, compose
    /// file, Kubernetes manifest, systemd unit or supervisor program (each of which could run nginx beside
    /// the app), and no production command that names nginx. Null otherwise.</summary>
    public static IReadOnlyList<string>? PlatformsOnly(IReadOnlyDictionary<string, DeploymentKind> kinds, Func<string, FileRole> roleOf,
        IEnumerable<(string Path, string Text, int Line)> commandLines)
    {
        var production = kinds.Where(k => roleOf(k.Key).SpeaksForProduction()).ToList();
        var platforms = production.Where(k => k.Value is DeploymentKind.Procfile or DeploymentKind.Platform).Select(k => k.Key).ToList();
        if (platforms.Count == 0
            || production.Any(k => k.Value is DeploymentKind.Dockerfile or DeploymentKind.Compose or DeploymentKind.Kubernetes or DeploymentKind.Systemd or DeploymentKind.Supervisor)
            || commandLines.Any(c => kinds.KindOf(c.Path) != DeploymentKind.CI && roleOf(c.Path).SpeaksForProduction() && c.Text.Contains("nginx", StringComparison.Ordinal)))
            return null;
        return platforms;
    }

    /// <summary>The TCP ports a server command listens on, from its bind flags (gunicorn
    /// <c>--bind</c>/<c>-b</c>, uWSGI <c>--http</c>/<c>--http-socket</c>/<c>--socket</c>, daphne and
    /// uvicorn <c>--port</c>/<c>--bind</c>/<c>--uds</c>, runserver's address); a unix socket adds no port.
    /// Null when a bind is not written or not literal: the server's default or the environment decides.</summary>
    internal static HashSet<int>? ListenPorts(string command)
    {
        var words = ShellWords.Split(command).ToList();
        var ports = new HashSet<int>();
        var found = false;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var eq = word.IndexOf('=');
            var flag = word.StartsWith('-') && eq > 0 ? word[..eq] : word;
            string? value = eq > 0 && word.StartsWith('-') ? word[(eq + 1)..] : i + 1 < words.Count ? words[i + 1] : null;
            switch (flag)
            {
                case "--bind" or "-b" or "--http" or "--http-socket" or "--socket" or "-s" or "--uwsgi-socket" or "--port" or "-p" or "--uds" or "-u" or "--fd":
                    if (value is null || value.Contains('$') || value.Contains('{')) return null;
                    found = true;
                    if (flag is "--uds" or "-u" || value.StartsWith("unix:", StringComparison.Ordinal) || value.StartsWith('/')) break;
                    if (flag == "--fd") return null;
                    var text = value.LastIndexOf(':') is var colon and >= 0 ? value[(colon + 1)..] : value;
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port)) return null;
                    ports.Add(port);
                    break;
                case "runserver":
                    // runserver [addr:]port; without one it listens on 8000.
                    found = true;
                    var address = value is not null && !value.StartsWith('-') ? value : "8000";
                    if (address.Contains('$')) return null;
                    var portText = address.LastIndexOf(':') is var c and >= 0 ? address[(c + 1)..] : address;
                    if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var served)) return null;
                    ports.Add(served);
                    break;
            }
        }
        return found ? ports : null;
    }
}
