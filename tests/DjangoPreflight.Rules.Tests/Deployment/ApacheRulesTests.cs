using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Infrastructure;
using DjangoPreflight.Rules.Operations;
using DjangoPreflight.Rules.Transport;
using DjangoPreflight.TestSupport;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>
/// Apache httpd with mod_wsgi, read by the rules that read nginx, Caddy and Traefik. The apache-wsgi
/// fixture's production site file (deploy/apache/shop.conf) does everything right: the first virtual
/// host of each port rejects unknown hosts, :80 redirects, :443 sends HSTS and sets X-Forwarded-Proto,
/// an included file hides the version, /static/ and /media/ are aliased with media downloaded only.
/// Each bad variant is that file replaced, so each assertion can fail; the fixture's development and
/// test Apache files must not count for production.
/// </summary>
public sealed class ApacheRulesTests
{
    private const string Site = "deploy/apache/shop.conf";

    private static SettingsModel Proxied() => Settings(
        ("INSTALLED_APPS", List("django.contrib.staticfiles", "shop"), 10),
        ("MIDDLEWARE", List("django.middleware.security.SecurityMiddleware"), 20),
        ("SECURE_PROXY_SSL_HEADER", Tuple("HTTP_X_FORWARDED_PROTO", "https"), 30),
        ("STATIC_URL", new PyStr("/static/"), 40),
        ("MEDIA_URL", new PyStr("/media/"), 50));

    private static Finding Django(string rule, string message, int line) =>
        new(rule, null, Severity.Medium, "title", message, new SourceLocation(SettingsPath, line), null, Confidence.Certain);

    private static ProjectContext Variant(TempDirectory dir, string text, string? drop = null)
    {
        var root = dir.CopyFrom(Dir("apache-wsgi"), "apache-wsgi");
        File.WriteAllText(Path.Combine(root, Site), text);
        if (drop is not null) File.Delete(Path.Combine(root, drop));
        return new ProjectContext(root, new ScanOptions());
    }

    /// <summary>The edge rules' findings about production files (the development and test files' own are checked apart).</summary>
    private static List<string> EdgeFindings(ProjectContext project) => Render(
        new NginxNoHttpsRedirect().Check(project).Concat(new NginxNoDefaultServer().Check(project)).Concat(new NginxVersionDisclosed().Check(project))
            .Concat(new MediaMayBeExecuted().Check(project, Proxied())).Concat(new NginxForwardedProtoMissing().Check(project, Proxied()))
            .Concat(new ProxySslHeaderNotOverwritten().Check(project, Proxied())).Concat(new StaticFilesNotServed().Check(project, Proxied()))
            .Where(f => f.Location.Path is not ("contrib/apache/site.conf" or "docker/apache/test-site.conf")));

    [Fact]
    public void The_production_site_file_is_read_with_its_include_and_the_others_get_their_roles()
    {
        var project = Project("apache-wsgi");
        Assert.Equal(
        [
            "contrib/apache/site.conf apache development: selects the settings module shop.settings.dev (line 4)",
            "deploy/apache/shop.conf apache production: its folder deploy/ says deploy",
            "docker/apache/test-site.conf apache test: its name says test",
        ], project.Deployment.Files.Where(f => f.KindName == "apache").Select(f => $"{f.Path} {f.KindName} {f.Role.Name()}: {f.Reason}"));
        var config = Assert.Single(project.Deployment.Apache, c => c.Path == Site);
        Assert.Equal([Site, "deploy/apache/conf-available/shop-security.conf"], config.Files);
        Assert.Equal(
        [
            "*:80 (catchall.invalid) port 80 tls=False redirect= reject=deploy/apache/shop.conf:7 catches=True app=",
            "*:80 (shop.example.com) port 80 tls=False redirect=deploy/apache/shop.conf:14 reject= catches=False app=",
            "*:443 (catchall.invalid) port 443 tls=True redirect= reject=deploy/apache/shop.conf:24 catches=True app=",
            "*:443 (shop.example.com www.shop.example.com) port 443 tls=True redirect= reject= catches=False app=deploy/apache/shop.conf:41",
        ], project.Deployment.ProductionEdgeSites.Select(s => $"{s.Name} port {s.Port} tls={s.Tls} redirect={s.HttpsRedirect} reject={s.Rejection} catches={s.CatchesUnknownHosts} app={s.PassesToApp}"));
    }

    [Fact]
    public void A_site_that_redirects_rejects_unknown_hosts_hides_its_version_and_overwrites_the_header_has_no_finding()
    {
        Assert.Empty(EdgeFindings(Project("apache-wsgi")));
    }

    [Fact]
    public void Apache_that_redirects_rejects_unknown_hosts_and_sends_hsts_lowers_the_settings_findings()
    {
        IReadOnlyList<Finding> django =
        [
            Django("DP204", "ALLOWED_HOSTS contains '*'.", 3),
            Django("DP302", "SECURE_SSL_REDIRECT is not True.", 4),
            Django("DP303", "SECURE_HSTS_SECONDS is not set.", 5),
            Django("DP304", "HSTS without includeSubDomains.", 6),
            Django("DP305", "HSTS without preload.", 7),
        ];
        Assert.Equal(
        [
            "DP204 shop/settings/production.py:3 info certain | ALLOWED_HOSTS contains '*'. Apache already rejects unknown Host headers at deploy/apache/shop.conf:7, so this is lowered to info.",
            "DP302 shop/settings/production.py:4 info certain | SECURE_SSL_REDIRECT is not True. Apache already redirects HTTP to HTTPS at deploy/apache/shop.conf:14, so this is lowered to info.",
            "DP303 shop/settings/production.py:5 info certain | SECURE_HSTS_SECONDS is not set. Apache already sends Strict-Transport-Security at deploy/apache/shop.conf:35, so this is lowered to info.",
            "DP304 shop/settings/production.py:6 info certain | HSTS without includeSubDomains. Apache already sends Strict-Transport-Security with includeSubDomains at deploy/apache/shop.conf:35, so this is lowered to info.",
            "DP305 shop/settings/production.py:7 medium certain | HSTS without preload.",
        ], Render(ProxyAwareness.Apply(django, Project("apache-wsgi"))));
    }

    [Fact]
    public void Apache_running_the_app_on_plain_http_as_the_first_host_with_an_executable_media_folder()
    {
        using var dir = new TempDirectory("dp-apache");
        var project = Variant(dir, """
            ServerTokens OS
            <VirtualHost *:80>
                ServerName shop.example.com
                WSGIScriptAlias / /srv/shop/shop/wsgi.py
                Alias /media/ /srv/shop/media/
                <Directory /srv/shop/media>
                    Options +ExecCGI +Indexes
                    AddHandler cgi-script .cgi .py
                </Directory>
            </VirtualHost>
            <VirtualHost *:443>
                ServerName shop.example.com
                SSLEngine on
                WSGIScriptAlias / /srv/shop/shop/wsgi.py
            </VirtualHost>
            """);
        Assert.Equal(
        [
            "DP806 deploy/apache/shop.conf:1 low certain | `ServerTokens OS` makes Apache send its version in the Server header.",
            "DP803 deploy/apache/shop.conf:2 medium medium | Requests to port 80 with an unknown Host header go to the Apache virtual host *:80 (shop.example.com), the first one for that port, which passes them to the app at deploy/apache/shop.conf:4 (no catch-all Apache virtual host before it rejects them); unless a file Apache loads before this one holds such a catch-all.",
            "DP804 deploy/apache/shop.conf:2 high high | The Apache virtual host *:80 (shop.example.com) answers plain HTTP on port 80 without redirecting to HTTPS.",
            "DP805 deploy/apache/shop.conf:4 high certain | 2 Apache WSGIScriptAlias lines of this file (this one first) pass the client's own X-Forwarded-Proto header on, and Django trusts it (SECURE_PROXY_SSL_HEADER at shop/settings/production.py:30): Apache runs the app itself (mod_wsgi) and hands Django the X-Forwarded-Proto the client sent; no RequestHeader sets or unsets it.",
            "DP604 deploy/apache/shop.conf:5 high certain | Uploaded files under /media can be executed: Apache runs files of /srv/shop/media with the handler cgi-script set at deploy/apache/shop.conf:8.",
            "DP803 deploy/apache/shop.conf:11 medium medium | Requests to port 443 with an unknown Host header go to the Apache virtual host *:443 (shop.example.com), the first one for that port, which passes them to the app at deploy/apache/shop.conf:14 (no catch-all Apache virtual host before it rejects them); unless a file Apache loads before this one holds such a catch-all.",
            "DP309 shop/settings/production.py:30 medium high | SECURE_PROXY_SSL_HEADER trusts the X-Forwarded-Proto header, but no Apache WSGIScriptAlias overwrites it (e.g. deploy/apache/shop.conf:4) (Apache runs the app itself (mod_wsgi) and hands Django the X-Forwarded-Proto the client sent; no RequestHeader sets or unsets it): clients can claim HTTPS themselves.",
            "DP602 shop/settings/production.py:40 medium medium | Static files are collected but never served: nothing serves STATIC_URL (/static/): no WhiteNoise middleware, no web-server route for it (nginx location, Caddy file_server, uWSGI static-map, Apache Alias), no remote static storage.",
        ], EdgeFindings(project));
    }

    [Fact]
    public void Apache_in_front_of_gunicorn_overwrites_the_forwarded_proto_only_with_request_header_set()
    {
        const string Front = """
            ServerTokens Prod
            <VirtualHost *:443>
                ServerName shop.example.com
                SSLEngine on
                Header always set Strict-Transport-Security "max-age=31536000"
                {0}
                ProxyPass /static/ !
                ProxyPass / http://app:8000/
                ProxyPassReverse / http://app:8000/
                Alias /static/ /srv/static/
            </VirtualHost>
            """;
        // Without the mod_wsgi site beside it, the contrib file's one development sign (its settings
        // module) does not decide its role: it is left out here.
        using var dir = new TempDirectory("dp-apache");
        var setting = Variant(dir, Front.Replace("{0}", "RequestHeader set X-Forwarded-Proto \"https\"", StringComparison.Ordinal), "contrib/apache/site.conf");
        Assert.Equal(
        [
            "DP803 deploy/apache/shop.conf:2 medium medium | Requests to port 443 with an unknown Host header go to the Apache virtual host *:443 (shop.example.com), the first one for that port, which passes them to the app at deploy/apache/shop.conf:8 (no catch-all Apache virtual host before it rejects them); unless a file Apache loads before this one holds such a catch-all.",
        ], EdgeFindings(setting));
        using var other = new TempDirectory("dp-apache");
        var passing = Variant(other, Front.Replace("{0}", "RequestHeader append X-Forwarded-Proto \"https\"", StringComparison.Ordinal), "contrib/apache/site.conf");
        Assert.Equal(
        [
            "DP803 deploy/apache/shop.conf:2 medium medium | Requests to port 443 with an unknown Host header go to the Apache virtual host *:443 (shop.example.com), the first one for that port, which passes them to the app at deploy/apache/shop.conf:8 (no catch-all Apache virtual host before it rejects them); unless a file Apache loads before this one holds such a catch-all.",
            "DP805 deploy/apache/shop.conf:8 high certain | This Apache ProxyPass passes the client's own X-Forwarded-Proto header on, and Django trusts it (SECURE_PROXY_SSL_HEADER at shop/settings/production.py:30): Apache's mod_proxy passes a client's X-Forwarded-Proto on (it adds X-Forwarded-For, -Host and -Server only); no RequestHeader sets or unsets it.",
            "DP309 shop/settings/production.py:30 medium high | SECURE_PROXY_SSL_HEADER trusts the X-Forwarded-Proto header, but no Apache ProxyPass overwrites it (e.g. deploy/apache/shop.conf:8) (Apache's mod_proxy passes a client's X-Forwarded-Proto on (it adds X-Forwarded-For, -Host and -Server only); no RequestHeader sets or unsets it): clients can claim HTTPS themselves.",
        ], EdgeFindings(passing));
    }

    [Fact]
    public void Findings_on_the_development_and_test_apache_files_are_lowered_to_info()
    {
        var report = ProjectScanner.Scan(new ProjectContext(Dir("apache-wsgi"), new ScanOptions { NoHistory = true }), ProjectRuleSet.All, "apache-wsgi");
        var others = report.Findings.Where(f => f.Location.Path is "contrib/apache/site.conf" or "docker/apache/test-site.conf").ToList();
        Assert.Equal(
        [
            "DP803 contrib/apache/site.conf:2",
            "DP803 docker/apache/test-site.conf:1",
            "DP804 contrib/apache/site.conf:2",
            "DP804 docker/apache/test-site.conf:1",
            "DP806 contrib/apache/site.conf:2",
            "DP806 docker/apache/test-site.conf:1",
        ], others.Select(f => $"{f.RuleId} {f.Location}").Order(StringComparer.Ordinal));
        Assert.All(others, f => Assert.Equal(Severity.Info, f.Severity));
        Assert.All(others, f => Assert.Contains("it does not describe production, so this is lowered to info.", f.Message));
        Assert.DoesNotContain(report.Findings, f => f.Location.Path == Site);
    }
}
