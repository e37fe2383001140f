using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Deployment.Nginx;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Infrastructure;

/// <summary>DP805: an nginx location passes requests to Django without setting the header that
/// SECURE_PROXY_SSL_HEADER trusts, or a Caddy reverse_proxy, a Traefik entry point or an Apache ProxyPass or
/// WSGIScriptAlias (without RequestHeader set) keeps the client's value of it.</summary>
public sealed class NginxForwardedProtoMissing : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP805",
        Title: "The edge server (nginx, Caddy, Traefik, Apache) passes the client's X-Forwarded-Proto while Django trusts SECURE_PROXY_SSL_HEADER",
        Category: Category.Infrastructure,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                Django decides whether a request came over HTTPS from the header SECURE_PROXY_SSL_HEADER
                names. If this nginx location does not set it, the client's own header reaches Django:
                anyone can make a plain-HTTP request look secure, and genuine HTTPS requests look insecure
                (redirect loops with SECURE_SSL_REDIRECT, CSRF origin failures).
                """,
            Fix: """
                Add `proxy_set_header X-Forwarded-Proto $scheme;` (for uwsgi_pass:
                `uwsgi_param HTTP_X_FORWARDED_PROTO $scheme;`) to every location that reaches Django,
                or to the server block if the location sets no proxy_set_header of its own.
                """,
            Before: """
                location / {
                    proxy_set_header Host $host;
                    proxy_pass http://app:8000;
                }
                """,
            After: """
                location / {
                    proxy_set_header Host $host;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_pass http://app:8000;
                }
                """));

    public override IEnumerable<Finding> Check(ProjectContext project) => Check(project, project.Settings.Production);

    /// <summary>The check against the given settings: the evaluated production module, or a test's own.</summary>
    public IEnumerable<Finding> Check(ProjectContext project, SettingsModel? settings)
    {
        if (settings is null || SettingsLookups.ProxySslHeader(settings) is not var (header, _)) yield break;
        var trusted = settings.LocationOf("SECURE_PROXY_SSL_HEADER");
        foreach (var (_, _, scope, pass) in project.Deployment.DjangoUpstreams)
        {
            if (NginxConfig.HeaderOverwrite(scope, pass, header) is not null) continue;
            var copied = scope.EffectiveArray(pass.Name == "proxy_pass" ? "proxy_set_header" : pass.Name.Replace("_pass", "_param", StringComparison.Ordinal))
                .Any(d => d.Arg(1).StartsWith("$http_", StringComparison.OrdinalIgnoreCase)
                          && string.Equals(d.Arg(0).Replace('_', '-').Replace("HTTP-", "", StringComparison.OrdinalIgnoreCase), header, StringComparison.OrdinalIgnoreCase));
            yield return Finding(
                copied
                    ? $"This {pass.Name} copies the client's own {header} header to Django, which trusts it (SECURE_PROXY_SSL_HEADER at {trusted})."
                    : $"This {pass.Name} does not set {header}, which Django trusts (SECURE_PROXY_SSL_HEADER at {trusted}): the client's own value goes through.",
                // The location block is where the missing header goes.
                (scope as NginxLocation)?.Location ?? pass.Location, setting: "SECURE_PROXY_SSL_HEADER");
        }
        // Caddy and Traefik set X-Forwarded-Proto themselves; the client's value gets through only where
        // told. Apache's mod_proxy and mod_wsgi pass it on unless RequestHeader sets it. One finding per file and reason: a global trusted_proxies, or an entry point's
        // forwardedHeaders, opens every proxy at once.
        var open = project.Deployment.EdgeAppProxies.Select(p => (Proxy: p, Why: p.ClientValue(header))).Where(p => p.Why is not null);
        foreach (var same in open.GroupBy(p => (p.Proxy.ConfigPath, p.Proxy.Noun, p.Why)))
        {
            // Which of the upstreams is Django is not always known: the message says what each proxy does.
            var count = same.Count();
            yield return Finding(
                (count == 1 ? $"This {same.Key.Noun} passes" : $"{count} {same.Key.Noun} lines of this file (this one first) pass")
                + $" the client's own {header} header on, and Django trusts it (SECURE_PROXY_SSL_HEADER at {trusted}): {same.Key.Why}.",
                same.First().Proxy.Location, setting: "SECURE_PROXY_SSL_HEADER");
        }
    }
}
