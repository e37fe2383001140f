using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Deployment.Nginx;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Operations;

/// <summary>DP604: the web server may execute uploaded media, list it, or serve it with a content
/// type a browser renders (uploaded HTML/SVG running script on the site's origin); nginx locations,
/// Caddy file_servers, uWSGI static-maps and the folders of other front servers (Apache's Alias).</summary>
public sealed class MediaMayBeExecuted : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP604",
        Title: "The web server may execute or mis-serve uploaded media",
        Category: Category.Operations,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["004"],
        Docs: new RuleDocs(
            Why: """
                MEDIA_ROOT holds what users upload. nginx checks regex locations before plain prefix ones,
                so `location ~ \.php$ { fastcgi_pass ...; }` also runs /media/shell.php. Served normally,
                an uploaded .html or .svg gets a text/html or image/svg+xml type and runs its script on
                your domain with your users' cookies; autoindex lists every private upload.
                """,
            Fix: """
                Use `location ^~ /media/` so no regex location can take over, never pass media to an
                interpreter, turn autoindex off, and force downloads for user content
                (`add_header Content-Disposition attachment;` with `add_header X-Content-Type-Options nosniff;`)
                or serve media from a separate domain.
                """,
            Before: """
                location /media/ { alias /srv/media/; }
                location ~ \.php$ { fastcgi_pass unix:/run/php-fpm.sock; }
                """,
            After: """
                location ^~ /media/ {
                    alias /srv/media/;
                    add_header Content-Disposition attachment;
                    add_header X-Content-Type-Options nosniff;
                }
                """));

    public override IEnumerable<Finding> Check(ProjectContext project) => Check(project, project.Settings.Production);

    /// <summary>The check against the given settings: the evaluated production module, or a test's own.</summary>
    public IEnumerable<Finding> Check(ProjectContext project, SettingsModel? settings)
    {
        var mediaPrefix = settings?["MEDIA_URL"]?.Value.AsString is { } url && url.Trim('/').Length > 0 && !url.Contains("://", StringComparison.Ordinal)
            ? "/" + url.Trim('/')
            : null;
        foreach (var (_, server) in project.Deployment.NginxServers)
        {
            foreach (var media in server.AllLocations.Where(l => IsMedia(l, mediaPrefix)))
            {
                // A regex location anywhere at server level that runs a script wins over a plain prefix.
                var runner = media.Modifier == "^~" ? null : server.Locations.FirstOrDefault(l => l.IsRegex && l.Upstream is not null && RunsScripts(l));
                runner ??= media.Locations.FirstOrDefault(l => l.Upstream is not null);
                if (runner is not null)
                {
                    yield return Finding(
                        $"Uploaded files under {media.Path} can be executed: the location at {runner.Location} passes matching requests to {runner.Upstream!.Name}.",
                        media.Location);
                    continue;
                }
                if (media.Effective("autoindex") is { } index && index.Arg(0) == "on")
                    yield return Finding($"autoindex lists every uploaded file under {media.Path}.", index.Location, severity: Severity.Medium);
                if (!ForcesSafeType(media))
                    yield return TypedByName(media.Path, mediaPrefix, project.Code.UploadFields,
                        $"Uploads under {media.Path} are served with the type their name suggests", "(no Content-Disposition attachment, sandbox CSP or forced type)",
                        media.Location, Confidence.Medium);
            }
        }
        // Caddy's file_server runs nothing, but lists folders with `browse` and types files by their name.
        foreach (var site in project.Deployment.Caddy.SelectMany(c => c.Sites))
        {
            foreach (var (prefix, server) in site.FileRoutes.Where(r => IsMediaPath(r.Prefix, mediaPrefix)))
            {
                if (server.Args.Contains("browse") || (server.Block ?? []).Any(d => d.Name == "browse"))
                    yield return Finding($"file_server browse lists every uploaded file under {prefix}.", server.Location, severity: Severity.Medium);
                if (!KeepsInert(site.ResponseHeader("Content-Disposition", prefix)?.Value, site.ResponseHeader("Content-Security-Policy", prefix)?.Value))
                    yield return TypedByName(prefix, mediaPrefix, project.Code.UploadFields,
                        $"Uploads under {prefix} are served by Caddy's file_server with the type their name suggests", "(no Content-Disposition attachment or sandbox CSP header for that path)",
                        server.Location, Confidence.Medium);
            }
        }
        // uWSGI's static-map runs nothing either, but serves the files from the app's own origin, typed
        // by their name; a route adding the header for the path keeps an uploaded page inert. A prefix
        // left to a placeholder (%(_)media) is not judged.
        foreach (var uwsgi in project.Deployment.UwsgiConfigs)
        {
            foreach (var map in uwsgi.StaticMaps.Where(m => m.UrlPrefix != "/" && !m.UrlPrefix.Contains('%') && IsMediaPath(m.UrlPrefix.TrimEnd('/'), mediaPrefix)))
            {
                var prefix = map.UrlPrefix.TrimEnd('/');
                if (!KeepsInert(uwsgi.RouteHeader(prefix, "Content-Disposition")?.Value, uwsgi.RouteHeader(prefix, "Content-Security-Policy")?.Value))
                    yield return TypedByName(prefix, mediaPrefix, project.Code.UploadFields,
                        $"Uploads under {prefix} are served by uWSGI's static-map ({map.Directory}) from the app's own origin with the type their name suggests", "(no route adding a Content-Disposition attachment or sandbox CSP header for that path)",
                        map.Location, map.Conditional ? Confidence.Low : Confidence.Medium);
            }
        }
        foreach (var finding in EdgeFolders(project, mediaPrefix))
            yield return finding;
    }

    /// <summary>Folders read the server-neutral way (Apache's Alias and its Directory sections): a handler
    /// that runs files there (PHP, CGI with ExecCGI) runs an uploaded script; listings and render-typed
    /// responses as for nginx.</summary>
    private IEnumerable<Finding> EdgeFolders(ProjectContext project, string? mediaPrefix)
    {
        foreach (var folder in project.Deployment.EdgeFolders.Where(f => IsMediaPath(f.Prefix, mediaPrefix)))
        {
            if (folder.Runs is var (handler, at))
            {
                yield return Finding($"Uploaded files under {folder.Prefix} can be executed: {folder.Server} runs files of {folder.Folder} with the handler {handler} set at {at}.", folder.Location);
                continue;
            }
            if (folder.Lists is { } lists)
                yield return Finding($"Directory listings at {lists} show every uploaded file under {folder.Prefix}.", lists, severity: Severity.Medium);
            if (!folder.Inert)
                yield return TypedByName(folder.Prefix, mediaPrefix, project.Code.UploadFields,
                    $"Uploads under {folder.Prefix} are served by {folder.Server} from {folder.Folder} with the type their name suggests", "(no Content-Disposition attachment, sandbox CSP or forced type for that folder)",
                    folder.Location, Confidence.Medium);
        }
    }

    /// <summary>The finding for media served with the type its name suggests. Medium, unless the route
    /// serves a folder below MEDIA_ROOT where, of the project's file-storing model fields (each one's
    /// folder known), only image fields put files: Django accepts for those only the extensions Pillow
    /// reads, so no .html or .svg lands there through a form. Then it is a low note saying so; files the
    /// code writes there by hand are not known, and the message does not claim they are.</summary>
    private Finding TypedByName(string path, string? mediaPrefix, IReadOnlyList<UploadField> fields, string served, string missing,
        SourceLocation location, Confidence confidence)
    {
        if (FolderUnderMedia(path, mediaPrefix) is { Length: > 0 } folder && fields.All(f => f.Folder is not null)
            && fields.Where(f => f.MayLandIn(folder)).ToList() is { Count: > 0 } landing && landing.All(f => f.ImagesOnly))
        {
            var which = string.Join(", ", landing.Select(f => $"{f.Field} at {f.Location.Path}:{f.Location.Line}"));
            return Finding($"{served} {missing}, but the only model fields storing files there hold images ({which}): Django accepts image uploads only with extensions Pillow reads, so no uploaded .html or .svg lands there through them.",
                location, confidence, severity: Severity.Low);
        }
        return Finding($"{served}: an uploaded .html or .svg runs script on this site {missing}.", location, confidence, severity: Severity.Medium);
    }

    /// <summary>The folder below MEDIA_ROOT a media route serves ("" for the media root itself): the path
    /// past MEDIA_URL, or, when MEDIA_URL is not known, past the first segment naming media or uploads.</summary>
    private static string? FolderUnderMedia(string path, string? mediaPrefix)
    {
        var trimmed = path.TrimEnd('/');
        if (mediaPrefix is not null)
            return trimmed == mediaPrefix ? "" : trimmed.StartsWith(mediaPrefix + "/", StringComparison.Ordinal) ? trimmed[(mediaPrefix.Length + 1)..] : null;
        var segments = trimmed.Trim('/').Split('/');
        var root = Array.FindIndex(segments, s => s.Contains("media", StringComparison.OrdinalIgnoreCase) || s.Contains("upload", StringComparison.OrdinalIgnoreCase));
        return root < 0 ? null : string.Join('/', segments[(root + 1)..]);
    }

    private static bool IsMedia(NginxLocation location, string? mediaPrefix) =>
        !location.IsRegex && location.Upstream is null && location.FileSource is not null && IsMediaPath(location.Path.TrimEnd('/'), mediaPrefix);

    private static bool IsMediaPath(string path, string? mediaPrefix) =>
        mediaPrefix is not null
            ? path == mediaPrefix || path.StartsWith(mediaPrefix + "/", StringComparison.Ordinal)
            : path.Contains("media", StringComparison.OrdinalIgnoreCase) || path.Contains("upload", StringComparison.OrdinalIgnoreCase);

    private static bool RunsScripts(NginxLocation location) =>
        new[] { "php", "py", "cgi", "pl", "phtml", "jsp", "asp" }.Any(ext => location.Path.Contains(ext, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the response headers keep an uploaded page inert: a Content-Disposition
    /// attachment (downloaded, never rendered) or a CSP sandbox (rendered without script or origin).</summary>
    private static bool KeepsInert(string? disposition, string? csp) =>
        disposition?.StartsWith("attachment", StringComparison.OrdinalIgnoreCase) == true || csp?.Contains("sandbox", StringComparison.OrdinalIgnoreCase) == true;

    private static bool ForcesSafeType(NginxLocation media)
    {
        if (KeepsInert(media.EffectiveHeader("Content-Disposition")?.Arg(1), media.EffectiveHeader("Content-Security-Policy")?.Arg(1)))
            return true;
        // `types { } default_type application/octet-stream;` drops the extension mapping.
        var types = media.Directives.LastOrDefault(d => d.Name == "types");
        return types is { Block.Count: 0 } && media.Effective("default_type")?.Arg(0) is "application/octet-stream" or "text/plain";
    }
}
