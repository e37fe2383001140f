using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Transport;

/// <summary>DP309: SECURE_PROXY_SSL_HEADER is set, or a wsgi.py copies a request header into
/// wsgi.url_scheme by hand, but no proxy configuration of the project is seen to overwrite that
/// header, so clients can claim HTTPS themselves.</summary>
public sealed class ProxySslHeaderNotOverwritten : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP309",
        Title: "SECURE_PROXY_SSL_HEADER is trusted: the proxy must overwrite that header",
        Category: Category.Transport,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                With SECURE_PROXY_SSL_HEADER set, Django believes a request is HTTPS whenever that header
                says so. nginx passes client headers through unless told otherwise, so unless the proxy
                always overwrites it, any client can send `X-Forwarded-Proto: https` over plain HTTP:
                SECURE_SSL_REDIRECT stops redirecting and request.is_secure() lies to your code.
                """,
            Fix: """
                In every proxy location that reaches Django, overwrite the header with the real scheme
                (`proxy_set_header X-Forwarded-Proto $scheme;`). Never copy the client's value.
                """,
            Before: """
                location / {
                    proxy_pass http://app:8000;
                }
                """,
            After: """
                location / {
                    proxy_pass http://app:8000;
                    proxy_set_header X-Forwarded-Proto $scheme;
                }
                """));

    public override IEnumerable<Finding> Check(ProjectContext project) => Check(project, project.Settings.Production);

    /// <summary>The check against the given settings: the evaluated production module, or a test's own.</summary>
    public IEnumerable<Finding> Check(ProjectContext project, SettingsModel? settings)
    {
        var upstreams = project.Deployment.ProductionAppProxies.ToList();
        // A wsgi.py copying a request header into wsgi.url_scheme trusts it the same way.
        var trusted = project.Code.SchemeHeaders
            .Select(h => ($"{h.Location.Path} sets wsgi.url_scheme from the {h.Header} request header", h.Header, h.Location, (string?)null));
        return FromSetting(settings, upstreams).Concat(trusted.SelectMany(t => Judge(t.Item1, t.Header, t.Location, t.Item4, upstreams)));
    }

    private IEnumerable<Finding> FromSetting(SettingsModel? settings, IReadOnlyList<AppProxy> upstreams)
    {
        // Only a header the project certainly trusts: one a local file or unread code only may set is not verified.
        if (settings is null || !settings.CertainlySet("SECURE_PROXY_SSL_HEADER")) return [];
        var location = settings.LocationOf("SECURE_PROXY_SSL_HEADER");
        if (SettingsLookups.ProxySslHeader(settings) is var (header, _))
            return Judge($"SECURE_PROXY_SSL_HEADER trusts the {header} header", header, location, "SECURE_PROXY_SSL_HEADER", upstreams);
        return settings["SECURE_PROXY_SSL_HEADER"]!.Value.IsKnown
            ? []
            : [Finding("SECURE_PROXY_SSL_HEADER could not be resolved; make sure the proxy overwrites the header it names.",
                location, Confidence.Low, "SECURE_PROXY_SSL_HEADER")];
    }

    /// <summary>Whether every proxy in front of the app overwrites <paramref name="header"/>, which
    /// <paramref name="trust"/> (the setting or the wsgi.py that believes it) says is trusted.</summary>
    private IEnumerable<Finding> Judge(string trust, string header, SourceLocation location, string? setting, IReadOnlyList<AppProxy> upstreams)
    {
        if (upstreams.Count == 0)
        {
            yield return Finding(
                $"{trust}, and the repository holds no proxy configuration that shows it is overwritten; make sure the front server always sets it.",
                location, Confidence.Low, setting);
            yield break;
        }
        var open = upstreams.Select(u => (Proxy: u, Why: u.ClientValue(header))).Where(u => u.Why is not null).ToList();
        if (open.Count == 0) yield break;
        var (first, why) = open[0];
        // nginx's reason is what the rule's docs say; another server's is told.
        var reason = first.Noun.StartsWith("nginx", StringComparison.Ordinal) ? "" : $" ({why})";
        var nouns = open.Select(o => o.Proxy.Noun).Distinct().ToList();
        yield return Finding(
            open.Count == upstreams.Count
                ? $"{trust}, but no {(nouns.Count == 1 ? nouns[0] : "proxy location")} overwrites it (e.g. {first.Location}){reason}: clients can claim HTTPS themselves."
                : $"{trust}, but the {first.Noun} at {first.Location} passes the client's own value through{reason}.",
            location, open.Count == upstreams.Count ? Confidence.High : Confidence.Medium, setting);
    }
}
