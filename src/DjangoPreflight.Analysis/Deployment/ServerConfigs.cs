using DjangoPreflight.Analysis.Deployment.Uwsgi;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>A gunicorn configuration file (gunicorn.conf.py, gunicorn_config.py...), read as
/// text: its <c>bind</c> and <c>worker_class</c> when they are plain literals.</summary>
public sealed record GunicornConfig(string Path, string? Bind, string? WorkerClass, SourceLocation? WorkerClassLocation);

/// <summary>A static-map of uWSGI: URLs under <paramref name="UrlPrefix"/> are files of
/// <paramref name="Directory"/>, served by uWSGI itself from the app's origin (<c>check-static</c>
/// maps the whole URL space onto a folder: its prefix is "/").</summary>
public sealed record UwsgiStaticMap(string UrlPrefix, string Directory, SourceLocation Location, bool Conditional);

/// <summary>A uWSGI configuration (ini or YAML): uWSGI serves WSGI only. What the deployment rules
/// read of it: the application module, the environment it sets, the sockets it answers HTTP on and
/// the folders it serves as static files.</summary>
public sealed record UwsgiConfig(string Path, SourceLocation Location, FileRole Role)
{
    public IReadOnlyList<UwsgiOption> Options { get; init; } = [];

    /// <summary>The WSGI module it loads (<c>module = shop.wsgi:application</c>, or a
    /// <c>wsgi-file</c> path made dotted), with where it is set.</summary>
    public (string Module, SourceLocation Location)? Module
    {
        get
        {
            if (Options.LastOrDefault(o => o.Key is "module" or "wsgi" && !o.Conditional) is { } module)
                return (module.Value.Split(':')[0].Trim(), module.Location);
            if (Options.LastOrDefault(o => o.Key is "wsgi-file" or "file" && !o.Conditional) is { } file && file.Value.EndsWith(".py", StringComparison.Ordinal))
                return (file.Value.TrimStart('.', '/')[..^3].Replace('/', '.'), file.Location);
            return null;
        }
    }

    /// <summary>Every <c>static-map</c> (and <c>static-map2</c>, <c>check-static</c>) of the configuration.</summary>
    public IEnumerable<UwsgiStaticMap> StaticMaps =>
        Options.Select(o => o.Key switch
        {
            "static-map" or "static-map2" when o.Value.IndexOf('=') is var eq and > 0 => new UwsgiStaticMap(o.Value[..eq].Trim(), o.Value[(eq + 1)..].Trim(), o.Location, o.Conditional),
            "check-static" => new UwsgiStaticMap("/", o.Value.Trim(), o.Location, o.Conditional),
            _ => null,
        }).OfType<UwsgiStaticMap>();

    /// <summary>The value a <c>route</c> (or <c>route-uri</c>) of the configuration gives a response
    /// header on every URL under <paramref name="prefix"/> (<c>route = ^/media/ addheader:Content-Disposition: attachment</c>):
    /// its regex is anchored at a path the prefix starts with. Null when none does.</summary>
    public (string Value, SourceLocation Location)? RouteHeader(string prefix, string header)
    {
        foreach (var route in Options.Where(o => o.Key is "route" or "route-uri"))
        {
            var space = route.Value.IndexOf(' ');
            if (space <= 0) continue;
            var (regex, action) = (route.Value[..space], route.Value[(space + 1)..].Trim());
            if (!action.StartsWith("addheader:", StringComparison.Ordinal)) continue;
            var colon = action.IndexOf(':', 10);
            if (colon < 0 || !string.Equals(action[10..colon].Trim(), header, StringComparison.OrdinalIgnoreCase)) continue;
            // A literal anchored path (^/media/) covers the URLs it starts; a regex with other operators is not judged.
            var path = regex.TrimStart('^').Replace("\\", "", StringComparison.Ordinal);
            if (!regex.StartsWith('^') || path.IndexOfAny(['*', '+', '?', '(', '[', '|', '$', '%', '{']) >= 0) continue;
            if ((prefix.TrimEnd('/') + "/").StartsWith(path, StringComparison.Ordinal))
                return (action[(colon + 1)..].Trim(), route.Location);
        }
        return null;
    }

    /// <summary>Where uWSGI is told to answer HTTP itself (<c>http</c>, <c>http-socket</c>, <c>https</c>)
    /// rather than speak the uwsgi protocol to a front server; null when it is not.</summary>
    public SourceLocation? HttpListener =>
        Options.FirstOrDefault(o => o.Key is "http" or "http-socket" or "https" or "https-socket" && !o.Conditional)?.Location;

    /// <summary>Why a request header reaches Django as the client sent it, when uWSGI meets clients itself;
    /// null when an option names the header (an internal route may rewrite it: not decided here).</summary>
    public string? ClientValue(string header)
    {
        var cgi = "HTTP_" + header.Replace('-', '_').ToUpperInvariant();
        if (Options.Any(o => o.Value.Contains(header, StringComparison.OrdinalIgnoreCase) || o.Value.Contains(cgi, StringComparison.OrdinalIgnoreCase)))
            return null;
        return $"uWSGI answers HTTP itself and hands Django the {header} the client sent";
    }
}
