using System.Text.RegularExpressions;
using DjangoPreflight.Core;
using DjangoPreflight.Probe.Http;
using DjangoPreflight.Probe.Observing;

namespace DjangoPreflight.Probe.Rules;

/// <summary>DPL13: files that must never be public are served (/.env, /.git/HEAD, settings,
/// directory listings), or django-debug-toolbar is active.</summary>
public sealed partial class SensitiveFilesExposed : LiveRule
{
    [GeneratedRegex(@"^\s*(export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=", RegexOptions.Multiline | RegexOptions.NonBacktracking)]
    private static partial Regex EnvAssignment();

    [GeneratedRegex(@"^(ref: refs/|[0-9a-f]{40}\s*$)", RegexOptions.NonBacktracking)]
    private static partial Regex GitHead();

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPL13",
        Title: "Sensitive files are exposed",
        Category: Category.Live,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["002", "003"],
        Docs: new RuleDocs(
            Why: """
                A served .env or settings file hands out SECRET_KEY and database passwords; a served .git
                directory lets anyone download the source and its history; a directory listing shows
                every uploaded or collected file; django-debug-toolbar shows SQL, settings and headers.
                """,
            Fix: """
                Serve only STATIC_ROOT and MEDIA_ROOT, never the project directory; deny dot-files in
                the proxy (location ~ /\. { deny all; }); turn autoindex off; remove debug_toolbar from
                production settings.
                """,
            Before: """
                location / { root /srv/shop; }
                """,
            After: """
                location /static/ { alias /srv/shop/staticfiles/; autoindex off; }
                location / { proxy_pass http://app; }
                """));

    public override IEnumerable<Finding> Check(ProbeObservations o)
    {
        foreach (var (path, exchange) in o.Sensitive)
        {
            if (exchange.Response is not { Status: 200 } r)
                continue;
            var at = SourceLocation.ForUrl(r.Url.ToString());
            if (path == "/.env" && !r.IsHtml && EnvAssignment().IsMatch(r.Body))
                yield return Finding("/.env is served: the environment file with the site's secrets can be downloaded.", at, severity: Severity.Critical);
            else if (path == "/.git/HEAD" && GitHead().IsMatch(r.Body))
                yield return Finding("/.git/HEAD is served: the git repository (source and history) can be downloaded.", at);
            else if (path == "/settings.py" && !r.IsHtml && (r.Body.Contains("INSTALLED_APPS", StringComparison.Ordinal) || r.Body.Contains("SECRET_KEY", StringComparison.Ordinal)))
                yield return Finding("/settings.py is served: the Django settings source can be downloaded.", at, severity: Severity.Critical);
            else if (path.EndsWith('/') && IsListing(r))
                yield return Finding($"{path} shows a directory listing.", at, severity: Severity.Medium);
        }
        var toolbar = o.AllResponses.FirstOrDefault(r => DjangoMarkers.HasDebugToolbar(r.Body))
            ?? o.AllResponses.FirstOrDefault(r => DjangoMarkers.ListsDebugToolbarUrls(r.Body));
        if (toolbar is not null)
            yield return Finding($"django-debug-toolbar is active ({(DjangoMarkers.HasDebugToolbar(toolbar.Body) ? "its panel is in the page" : "its __debug__/ URLs are installed")}).",
                SourceLocation.ForUrl(toolbar.Url.ToString()));
    }

    private static bool IsListing(ProbeResponse r) =>
        r.IsHtml && r.Body.Contains("<title>Index of ", StringComparison.OrdinalIgnoreCase);
}
