using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Operations;

/// <summary>DP603: uploaded media would be mixed with static files or the source code: MEDIA_URL
/// equals STATIC_URL, MEDIA_ROOT is (inside) STATIC_ROOT, or MEDIA_ROOT is the project root or
/// inside a Python package. Also Django's caches.W002 (a deploy check since 3.1): a file-based cache
/// whose LOCATION matches, is inside or contains MEDIA_ROOT, STATIC_ROOT or a STATICFILES_DIRS entry.</summary>
public sealed class MediaLocationUnsafe : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP603",
        Title: "MEDIA_ROOT/MEDIA_URL mix uploads with static files or source",
        Category: Category.Operations,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["004"],
        Docs: new RuleDocs(
            Why: """
                Uploads are untrusted. Stored among static files they are served with the trust (and
                caching) of your own assets, and collectstatic may overwrite or publish them; stored in the
                source tree they sit next to code the server may execute or import, and end up in backups
                and images built from the repository.
                """,
            Fix: """
                Give uploads their own directory outside the code and STATIC_ROOT (e.g. /var/www/media) and
                their own URL prefix, served by the web server without script execution.
                """,
            Before: """
                STATIC_ROOT = BASE_DIR / "public"
                MEDIA_ROOT = BASE_DIR / "public" / "uploads"
                """,
            After: """
                STATIC_ROOT = "/var/www/static"
                MEDIA_ROOT = "/var/www/media"
                """));

    public override IEnumerable<Finding> Check(ProjectContext project) =>
        project.Settings.Production is { } settings
            ? CheckSettings(settings, project.Root, project.Files.All).Concat(CheckCaches(settings, project.Django.Version))
            : [];

    private const string FileBasedCache = "django.core.cache.backends.filebased.FileBasedCache";

    /// <summary>caches.W002 under Django's exact condition; an unknown value or a relative path
    /// compared with an absolute one (Django resolves it against a working directory we cannot see)
    /// decides nothing.</summary>
    public IEnumerable<Finding> CheckCaches(SettingsModel settings, DjangoVersion? version)
    {
        if (version is { } v && v < new DjangoVersion(3, 1) || settings["CACHES"]?.Value is not PyDict caches) yield break;
        foreach (var name in new[] { "MEDIA_ROOT", "STATIC_ROOT", "STATICFILES_DIRS" })
        {
            if (settings[name]?.Value is not { Truthy: true } value) continue;
            var roots = (name == "STATICFILES_DIRS" ? StaticDirs(value) : [value]).Select(PathOf).ToList();
            if (roots.Count == 0 || roots.Any(r => r is null)) continue;
            foreach (var (alias, config) in caches.Entries)
            {
                if (alias is not PyStr aliasName || config is not PyDict c || c.Get("BACKEND")?.AsString != FileBasedCache) continue;
                if (c.Get("LOCATION") is not { } location || PathOf(location) is not { } cache) continue;
                var comparable = roots.Where(r => r!.StartsWith('/') == cache.StartsWith('/')).Select(r => r!).ToList();
                var relation = comparable.Any(r => r == cache) ? "matches"
                    : comparable.Any(r => Inside(cache, r)) ? "is inside"
                    : comparable.Any(r => Inside(r, cache)) ? "contains"
                    : null;
                if (relation is null) continue;
                yield return Finding($"Your '{aliasName.Value}' cache configuration might expose your cache or lead to corruption of your data because its LOCATION {relation} {name}.",
                    settings.LocationOf("CACHES"), setting: "CACHES", djangoId: "caches.W002");
            }
        }
    }

    /// <summary>STATICFILES_DIRS entries may be (prefix, path) pairs.</summary>
    private static IEnumerable<PyValue> StaticDirs(PyValue value) =>
        value.AsSequence is { } items ? items.Select(i => i.AsSequence is { Length: 2 } pair ? pair[1] : i) : [new PyUnknown("not a sequence")];

    /// <summary>A path as text with '.' and '..' resolved, or null when not a known path.</summary>
    private static string? PathOf(PyValue value)
    {
        var text = value switch { PyPath p => p.Value, PyStr s => s.Value, _ => null };
        if (text is null) return null;
        var absolute = text.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in text.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
            else if (part != ".." || !absolute) parts.Add(part);
        }
        return (absolute ? "/" : "") + string.Join('/', parts);
    }

    private static bool Inside(string child, string parent) =>
        child != parent && child.StartsWith(parent.EndsWith('/') ? parent : parent + "/", StringComparison.Ordinal);

    /// <param name="root">The scanned project's absolute root.</param>
    /// <param name="files">The project's files (relative), to tell Python packages apart.</param>
    public IEnumerable<Finding> CheckSettings(SettingsModel settings, string root, IReadOnlyList<string> files)
    {
        if (settings["MEDIA_URL"]?.Value is PyStr { Value.Length: > 0 } mediaUrl && settings["STATIC_URL"]?.Value is PyStr staticUrl
            && Url(mediaUrl.Value) == Url(staticUrl.Value))
            yield return Finding($"MEDIA_URL equals STATIC_URL (\"{mediaUrl.Value}\"): uploads would be served as static assets.",
                settings.LocationOf("MEDIA_URL"), setting: "MEDIA_URL");

        if (settings["MEDIA_ROOT"] is not { IsDefault: false } mediaSetting || mediaSetting.Value is PyStr { Value.Length: 0 }) yield break;
        var media = Absolute(mediaSetting.Value, root);
        if (media is null) yield break;
        if (settings["STATIC_ROOT"]?.Value is PyStr or PyPath && Absolute(settings["STATIC_ROOT"]!.Value, root) is { } staticRoot
            && (media == staticRoot || media.StartsWith(staticRoot + "/", StringComparison.Ordinal)))
        {
            yield return Finding("MEDIA_ROOT is inside STATIC_ROOT: uploads are mixed with collected static files.",
                settings.LocationOf("MEDIA_ROOT"), setting: "MEDIA_ROOT");
            yield break;
        }
        var relative = TemplateFacts.ProjectPath(new PyStr(media), root);
        if (relative is null) yield break; // outside the project: fine
        var packageDir = relative.Length == 0 ? null : InsidePackage(relative, files);
        if (relative.Length == 0)
            yield return Finding("MEDIA_ROOT is the project root: uploads land among the source code.",
                settings.LocationOf("MEDIA_ROOT"), setting: "MEDIA_ROOT");
        else if (packageDir is not null)
            yield return Finding($"MEDIA_ROOT is inside the Python package {packageDir}/: uploads land among the source code.",
                settings.LocationOf("MEDIA_ROOT"), setting: "MEDIA_ROOT");
        else
            yield return Finding($"MEDIA_ROOT is {relative}/ inside the project's source tree: uploads sit next to the code and in anything built from it.",
                settings.LocationOf("MEDIA_ROOT"), setting: "MEDIA_ROOT", severity: Severity.Low);
    }

    private static string Url(string url) => url.Trim('/');

    private static string? Absolute(PyValue value, string root)
    {
        var relative = TemplateFacts.ProjectPath(value, root);
        if (relative is not null) return relative.Length == 0 ? root.Replace('\\', '/').TrimEnd('/') : root.Replace('\\', '/').TrimEnd('/') + "/" + relative;
        return value switch { PyPath p => p.Value.TrimEnd('/'), PyStr s => s.Value.TrimEnd('/'), _ => null };
    }

    /// <summary>The nearest enclosing directory of <paramref name="relative"/> that is a Python package.</summary>
    private static string? InsidePackage(string relative, IReadOnlyList<string> files)
    {
        var packages = files.Where(f => ProjectFiles.FileName(f) == "__init__.py").Select(f => f.Contains('/') ? f[..f.LastIndexOf('/')] : "").ToHashSet(StringComparer.Ordinal);
        for (var dir = relative; dir.Length > 0; dir = dir.Contains('/') ? dir[..dir.LastIndexOf('/')] : "")
            if (packages.Contains(dir)) return dir;
        return null;
    }
}
