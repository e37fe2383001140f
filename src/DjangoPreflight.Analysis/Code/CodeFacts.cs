using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Discovery;
using DjangoPreflight.Analysis.Git;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Code;

/// <summary>
/// What the project's Python code (beyond the settings) and its text files say, computed lazily and
/// once per scan: every .py file is parsed at most once and shared by all facts.
/// </summary>
public sealed partial class CodeFacts
{
    private readonly ProjectContext _project;
    private readonly Lazy<ModuleIndex> _index;
    private readonly Lazy<UrlFacts> _urls;
    private readonly Lazy<ViewFacts> _views;
    private readonly Lazy<TemplateFacts> _templates;
    private readonly Lazy<ErrorTrackerFacts> _trackers;
    private readonly Lazy<ContentSecurityPolicy?> _csp;
    private readonly Lazy<CorsPolicy?> _cors;
    private readonly Lazy<ClassLineage> _classes;
    private readonly Lazy<IReadOnlyList<UploadField>> _uploads;
    private readonly ConcurrentDictionary<string, Lazy<SourceLocation?>> _mentions = new(StringComparer.Ordinal);

    public CodeFacts(ProjectContext project)
    {
        _project = project;
        Sources = project.Python;
        _index = new(() => new ModuleIndex(project.Files, SettingsDiscovery.ImportRoots(project.Files)));
        _urls = new(() => UrlFacts.Load(Sources, _index.Value, project.Files.All, RootUrlConf(),
            name => project.Settings.Production?[name]?.Value.AsString));
        _views = new(() => ViewFacts.Load(Sources.ApplicationCode, _urls.Value.RoutedViewSets.Select(r => r.ViewSet).ToHashSet(StringComparer.Ordinal)));
        _templates = new(() => TemplateFacts.Load(project.Settings.Production, project.Files, _index.Value));
        _trackers = new(() => ErrorTrackerFacts.Load(Sources.ApplicationCode));
        _csp = new(() => project.Settings.Production is { } s ? ContentSecurityPolicy.From(s) : null);
        _cors = new(() => project.Settings.Production is { } s ? CorsPolicy.From(s) : null);
        _classes = new(() => new ClassLineage(Sources, _index.Value));
        _uploads = new(LoadUploadFields);
        Locator = new SettingLocator(Sources, () => project.Settings.All.Select(m => m.Path).OfType<string>());
    }

    /// <summary>Finds the line of an element of a setting, for precise finding locations.</summary>
    public SettingLocator Locator { get; }

    /// <summary>The parse cache every code fact reads through.</summary>
    public PythonSources Sources { get; }

    /// <summary>URL confs from ROOT_URLCONF: admin mount points, error handlers.</summary>
    public UrlFacts Urls => _urls.Value;

    /// <summary>Views and DRF classes: CSRF exemptions, permission/authentication/throttle classes, write methods.</summary>
    public ViewFacts Views => _views.Value;

    /// <summary>What the project's classes derive from (a MIDDLEWARE entry subclassing Django's).</summary>
    public ClassLineage Classes => _classes.Value;

    /// <summary>Which error templates exist where the template engines would find them.</summary>
    public TemplateFacts Templates => _templates.Value;

    /// <summary>Error tracker initialisations (sentry_sdk.init and the like).</summary>
    public ErrorTrackerFacts ErrorTrackers => _trackers.Value;

    /// <summary>The Content Security Policy configured by the production settings (null without settings).</summary>
    public ContentSecurityPolicy? Csp => _csp.Value;

    /// <summary>django-cors-headers' policy from the production settings (null without settings).</summary>
    public CorsPolicy? Cors => _cors.Value;

    /// <summary>Access-Control-Allow-Origin headers the application code writes itself that let any
    /// origin in, ordered by location.</summary>
    public IReadOnlyList<HandWrittenCors> HandWrittenCors =>
        Sources.ApplicationCode.SelectMany(c => c.HandWrittenCors)
            .OrderBy(c => c.Location.Path, StringComparer.Ordinal).ThenBy(c => c.Location.Line).ThenBy(c => c.Location.Column).ToList();

    /// <summary>Request headers a wsgi.py copies into wsgi.url_scheme by hand, ordered by location.</summary>
    public IReadOnlyList<SchemeFromHeader> SchemeHeaders =>
        Sources.ApplicationCode.SelectMany(c => c.SchemeHeaders)
            .OrderBy(s => s.Location.Path, StringComparer.Ordinal).ThenBy(s => s.Location.Line).ThenBy(s => s.Location.Column).ToList();

    /// <summary>The model fields that store files under MEDIA_ROOT, ordered by location; an imagekit
    /// ImageSpecField's folder is the production settings' IMAGEKIT_CACHEFILE_DIR.</summary>
    public IReadOnlyList<UploadField> UploadFields => _uploads.Value;

    private IReadOnlyList<UploadField> LoadUploadFields()
    {
        var imagekit = UploadField.ImagekitFolder(_project.Settings.Production?["IMAGEKIT_CACHEFILE_DIR"]?.Value);
        return Sources.ApplicationCode.SelectMany(c => c.UploadFields).Select(f => f.Generated ? f with { Folder = imagekit } : f)
            .OrderBy(f => f.Location.Path, StringComparer.Ordinal).ThenBy(f => f.Location.Line).ThenBy(f => f.Location.Column).ToList();
    }

    /// <summary>Where something other than the CSP middleware sets a Content-Security-Policy header
    /// (a proxy config, custom middleware), as "path:line"; null if nowhere.</summary>
    public string? CspHeaderSetElsewhere => FirstMention("csp-header", CspHeader(), IsConfigOrCode)?.ToString();

    /// <summary>Where <c>clearsessions</c> is scheduled or run (cron, compose, CI, a task), if anywhere.</summary>
    public SourceLocation? ClearSessionsScheduled => FirstMention("clearsessions", ClearSessions(), IsConfigOrCode);

    /// <summary>Where the project shows it uses a dotenv file, as the first of: code or configuration
    /// that loads one (python-dotenv, django-environ's read_env, python-decouple, which reads .env by
    /// itself, pydantic-settings' or compose's env_file), an example env file inviting a copy, or a
    /// Pipfile (pipenv loads .env into every command it runs); null if nothing does.</summary>
    public SourceLocation? DotEnvUsed =>
        FirstMention("dotenv", DotEnvLoad(), IsConfigOrCode)
        ?? _project.Files.All.Where(p => (FileKinds.IsEnvFile(p) && FileKinds.IsEnvExample(p)) || ProjectFiles.FileName(p) == "Pipfile")
            .Order(StringComparer.Ordinal).Select(p => new SourceLocation(p, 1)).FirstOrDefault();

    [GeneratedRegex("""(?im)(add_header|header\s+set|header|more_set_headers)\s+["']?Content-Security-Policy\b|["']Content-Security-Policy["']|^\s*-?\s*Content-Security-Policy\s*:""", RegexOptions.NonBacktracking)]
    private static partial Regex CspHeader();

    [GeneratedRegex(@"(?m)\b(load_dotenv|dotenv_values|read_dotenv|read_env)\s*\(|^\s*(from|import)\s+decouple\b|\benv_file\s*[=:]", RegexOptions.NonBacktracking)]
    private static partial Regex DotEnvLoad();

    [GeneratedRegex(@"\bclearsessions\b", RegexOptions.NonBacktracking)]
    private static partial Regex ClearSessions();

    private string? RootUrlConf() => _project.Settings.Production?["ROOT_URLCONF"]?.Value.AsString;

    /// <summary>Deployment/config files and application code; documentation and tests are not evidence.</summary>
    private static bool IsConfigOrCode(string path)
    {
        if (PythonSources.IsMigrationOrTest(path)) return false;
        var name = ProjectFiles.FileName(path);
        var dot = name.LastIndexOf('.');
        var ext = dot < 0 ? "" : name[(dot + 1)..].ToLowerInvariant();
        return ext is not ("md" or "rst" or "txt" or "html" or "css" or "js" or "svg" or "png" or "jpg" or "gif" or "ico" or "lock" or "map" or "woff" or "woff2");
    }

    private SourceLocation? FirstMention(string key, Regex pattern, Func<string, bool> filter) =>
        _mentions.GetOrAdd(key, _ => new Lazy<SourceLocation?>(() =>
        {
            foreach (var path in _project.Files.All.Where(filter))
            {
                if (_project.Files.ReadText(path) is not { } text) continue;
                var match = pattern.Match(text);
                if (!match.Success) continue;
                var line = 1 + text.AsSpan(0, match.Index).Count('\n');
                return new SourceLocation(path, line);
            }
            return null;
        })).Value;
}
