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
    public IEnumerable<Finding> Check(ProjectContext project, SettingsModel? settings) =>
        FromSetting(project, settings).Concat(FromWsgi(project));

    /// <summary>A wsgi.py copying a request header into wsgi.url_scheme trusts it the same way: a
    /// client can claim HTTPS unless every proxy overwrites that header.</summary>
    private IEnumerable<Finding> FromWsgi(ProjectContext project)
    {
        var upstreams = project.Deployment.ProductionAppProxies.ToList();
        foreach (var hand in project.Code.SchemeHeaders)
        {
            var what = $"{hand.Location.Path} sets wsgi.url_scheme from the {hand.Header} request header";
            if (upstreams.Count == 0)
            {
                yield return Finding($"{what}, and the repository holds no proxy configuration that shows it is overwritten; make sure the front server always sets it.",
                    hand.Location, Confidence.Low);
                continue;
            }
            var open = upstreams.Select(u => (Proxy: u, Why: u.ClientValue(hand.Header))).Where(u => u.Why is not null).ToList();
            if (open.Count == 0) continue;
            var (first, why) = open[0];
            var reason = first.Noun.StartsWith("nginx", StringComparison.Ordinal) ? "" : $" ({why})";
            yield return Finding(
                open.Count == upstreams.Count
                    ? $"{what}, but no proxy overwrites it (e.g. the {first.Noun} at {first.Location}){reason}: clients can claim HTTPS themselves."
                    : $"{what}, but the {first.Noun} at {first.Location} passes the client's own value through{reason}.",
                hand.Location, open.Count == upstreams.Count ? Confidence.High : Confidence.Medium);
        }
    }

    private IEnumerable<Finding> FromSetting(ProjectContext project, SettingsModel? settings)
    {
        // Only a header the project certainly trusts: one a local file or unread code only may set is not verified.
        if (settings is null || !settings.CertainlySet("SECURE_PROXY_SSL_HEADER")) yield break;
        var location = settings.LocationOf("SECURE_PROXY_SSL_HEADER");
        if (SettingsLookups.ProxySslHeader(settings) is not var (header, _))
        {
            if (!settings["SECURE_PROXY_SSL_HEADER"]!.Value.IsKnown)
                yield return Finding("SECURE_PROXY_SSL_HEADER could not be resolved; make sure the proxy overwrites the header it names.",
                    location, Confidence.Low, "SECURE_PROXY_SSL_HEADER");
            yield break;
        }
        var upstreams = project.Deployment.ProductionAppProxies.ToList();
        if (upstreams.Count == 0)
        {
            yield return Finding(
                $"SECURE_PROXY_SSL_HEADER trusts the {header} header, and the repository holds no proxy configuration that shows it is overwritten; make sure the front server always sets it.",
                location, Confidence.Low, "SECURE_PROXY_SSL_HEADER");
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
                ? $"SECURE_PROXY_SSL_HEADER trusts the {header} header, but no {(nouns.Count == 1 ? nouns[0] : "proxy location")} overwrites it (e.g. {first.Location}){reason}: clients can claim HTTPS themselves."
                : $"SECURE_PROXY_SSL_HEADER trusts the {header} header, but the {first.Noun} at {first.Location} passes the client's own value through{reason}.",
            location, open.Count == upstreams.Count ? Confidence.High : Confidence.Medium, "SECURE_PROXY_SSL_HEADER");
    }
}
