using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Auth;
using DjangoPreflight.Rules.Infrastructure;
using DjangoPreflight.Rules.Operations;
using DjangoPreflight.TestSupport;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>
/// The rules that read nginx read Caddy too: a plain-HTTP site without a redirect (DP804), a site
/// answering every Host that proxies to the app (DP803, and DP204 lowered when every site names its
/// hosts), a reverse_proxy keeping the client's X-Forwarded-Proto or login header (DP805, DP512),
/// a file_server for media that lists it or types it by name (DP604). Each starts from the
/// nginx-behind-caddy fixture, whose Caddyfile does none of it, with its Caddyfile replaced; every
/// Caddyfile written is first accepted by the real Caddy.
/// </summary>
public sealed class CaddyRulesTests
{
    private const string Caddyfile = "caddy/Caddyfile";

    private static ProjectContext WithCaddyfile(TempDirectory dir, string text, params (string Path, string Text)[] more)
    {
        var root = dir.CopyFrom(Dir("nginx-behind-caddy"), "nginx-behind-caddy");
        File.WriteAllText(Path.Combine(root, Caddyfile), text);
        CaddyFixturesAreValidTests.AssertAdapts(Path.Combine(root, Caddyfile));
        foreach (var (path, content) in more) File.WriteAllText(Path.Combine(root, path), content);
        return new ProjectContext(root, new ScanOptions());
    }

    /// <summary>The findings on the Caddyfile (the fixture's frontend nginx is fronted only by the
    /// fixture's own Caddyfile, which these variants replace).</summary>
    private static List<string> OnCaddy(IEnumerable<Finding> findings) => Render(findings.Where(f => f.Location.Path == Caddyfile));

    [Fact]
    public void A_plain_http_site_without_a_redirect_is_dp804_and_one_that_redirects_is_not()
    {
        Assert.Empty(new NginxNoHttpsRedirect().Check(Project("nginx-behind-caddy")));
        using var dir = new TempDirectory("dp-caddy");
        var plain = WithCaddyfile(dir, "shop.example.com {\n\treverse_proxy app:8000\n}\n\nhttp://admin.shop.example.com {\n\treverse_proxy app:8000\n}\n");
        Assert.Equal(
        [
            "DP804 caddy/Caddyfile:5 high high | The Caddy site http://admin.shop.example.com answers plain HTTP without redirecting to HTTPS (an http:// or port-80 address gets no automatic HTTPS).",
        ], OnCaddy(new NginxNoHttpsRedirect().Check(plain)));

        using var dir2 = new TempDirectory("dp-caddy");
        var redirected = WithCaddyfile(dir2, "shop.example.com {\n\treverse_proxy app:8000\n}\n\nhttp://admin.shop.example.com {\n\tredir https://shop.example.com{uri}\n}\n");
        Assert.Empty(OnCaddy(new NginxNoHttpsRedirect().Check(redirected)));
    }

    [Fact]
    public void A_caddy_serving_only_port_80_may_sit_behind_a_load_balancer_and_answers_every_host()
    {
        using var dir = new TempDirectory("dp-caddy");
        var project = WithCaddyfile(dir, ":80 {\n\treverse_proxy app:8000\n}\n");
        Assert.Equal(
        [
            "DP804 caddy/Caddyfile:1 low low | The Caddy site :80 answers plain HTTP without redirecting to HTTPS (an http:// or port-80 address gets no automatic HTTPS); no site in this Caddyfile is served over HTTPS, so check that the load balancer in front redirects.",
        ], OnCaddy(new NginxNoHttpsRedirect().Check(project)));
        Assert.Equal(
        [
            "DP803 caddy/Caddyfile:1 medium medium | Requests with any Host header reach the Caddy site :80, which passes them to the app at caddy/Caddyfile:2 (its address names no host, and it does not abort them).",
        ], OnCaddy(new NginxNoDefaultServer().Check(project)));
        Assert.Equal(Render([AllowedHostsStar()]), Render(ProxyAwareness.Apply([AllowedHostsStar()], project)));
    }

    [Fact]
    public void Sites_that_name_their_hosts_or_abort_the_rest_keep_unknown_hosts_from_the_app()
    {
        Assert.Empty(new NginxNoDefaultServer().Check(Project("nginx-behind-caddy")));
        Assert.Equal(
        [
            "DP204 shop/settings/production.py:3 info certain | ALLOWED_HOSTS contains '*'. Caddy already rejects unknown Host headers at caddy/Caddyfile:5, so this is lowered to info.",
        ], Render(ProxyAwareness.Apply([AllowedHostsStar()], Project("nginx-behind-caddy"))));

        using var dir = new TempDirectory("dp-caddy");
        var aborting = WithCaddyfile(dir, "shop.example.com {\n\treverse_proxy /app/* web:3000\n\treverse_proxy app:8000\n}\n\n:80 {\n\tabort\n}\n");
        Assert.Empty(new NginxNoDefaultServer().Check(aborting));
        Assert.Equal(Severity.Info, ProxyAwareness.Apply([AllowedHostsStar()], aborting).Single().Severity);
    }

    [Theory]
    [InlineData("trusted_proxies 0.0.0.0/0", "trusted_proxies at caddy/Caddyfile:3 trusts every client as a proxy, so Caddy keeps the client's own X-Forwarded-Proto")]
    [InlineData("header_up X-Forwarded-Proto {http.request.header.X-Forwarded-Proto}", "header_up at caddy/Caddyfile:3 sets it to the client's own X-Forwarded-Proto")]
    public void A_reverse_proxy_keeping_the_clients_forwarded_proto_is_dp805(string line, string why)
    {
        var settings = Settings(("SECURE_PROXY_SSL_HEADER", Tuple("HTTP_X_FORWARDED_PROTO", "https"), 30));
        Assert.Empty(new NginxForwardedProtoMissing().Check(Project("nginx-behind-caddy"), settings));
        using var dir = new TempDirectory("dp-caddy");
        var project = WithCaddyfile(dir, $"shop.example.com {{\n\treverse_proxy app:8000 {{\n\t\t{line}\n\t}}\n}}\n");
        Assert.Equal(
        [
            $"DP805 caddy/Caddyfile:2 high certain | This Caddy reverse_proxy passes the client's own X-Forwarded-Proto header on, and Django trusts it (SECURE_PROXY_SSL_HEADER at shop/settings/production.py:30): {why}.",
        ], Render(new NginxForwardedProtoMissing().Check(project, settings)));
    }

    [Fact]
    public void A_login_header_caddy_passes_on_is_dp512_and_one_it_strips_is_not()
    {
        const string middleware = "from django.contrib.auth.middleware import RemoteUserMiddleware\n\n\nclass ProxyUserMiddleware(RemoteUserMiddleware):\n    header = \"HTTP_X_PROXY_USER\"\n";
        var settings = Settings(("MIDDLEWARE", List("shop.auth.ProxyUserMiddleware"), 20), ("AUTHENTICATION_BACKENDS", List("django.contrib.auth.backends.RemoteUserBackend"), 25));
        using var dir = new TempDirectory("dp-caddy");
        var passing = WithCaddyfile(dir, "shop.example.com {\n\treverse_proxy app:8000\n}\n", ("shop/auth.py", middleware));
        Assert.Equal(
        [
            "DP512 shop/settings/production.py:20 high high | ProxyUserMiddleware logs users in from the X-Proxy-User request header, but the Caddy reverse_proxy at caddy/Caddyfile:2 passes the client's own value: anyone can log in as anyone.",
        ], Render(new RemoteUserHeaderTrusted().Check(passing, settings)));

        using var dir2 = new TempDirectory("dp-caddy");
        var stripping = WithCaddyfile(dir2, "shop.example.com {\n\treverse_proxy app:8000 {\n\t\theader_up -X-Proxy-User\n\t}\n}\n", ("shop/auth.py", middleware));
        Assert.Empty(new RemoteUserHeaderTrusted().Check(stripping, settings));
    }

    [Fact]
    public void A_media_file_server_that_lists_and_types_uploads_is_dp604_and_one_forcing_downloads_is_not()
    {
        var settings = Settings(("MEDIA_URL", new PyStr("/media/"), 50));
        Assert.Empty(new MediaMayBeExecuted().Check(Project("nginx-behind-caddy"), settings));
        using var dir = new TempDirectory("dp-caddy");
        var browsing = WithCaddyfile(dir, "shop.example.com {\n\thandle_path /media/* {\n\t\troot * /srv/media\n\t\tfile_server browse\n\t}\n\treverse_proxy app:8000\n}\n");
        Assert.Equal(
        [
            "DP604 caddy/Caddyfile:4 medium medium | Uploads under /media are served by Caddy's file_server with the type their name suggests: an uploaded .html or .svg runs script on this site (no Content-Disposition attachment or sandbox CSP header for that path).",
            "DP604 caddy/Caddyfile:4 medium certain | file_server browse lists every uploaded file under /media.",
        ], Render(new MediaMayBeExecuted().Check(browsing, settings)));

        using var dir2 = new TempDirectory("dp-caddy");
        var downloads = WithCaddyfile(dir2, "shop.example.com {\n\thandle_path /media/* {\n\t\theader Content-Disposition attachment\n\t\troot * /srv/media\n\t\tfile_server\n\t}\n\treverse_proxy app:8000\n}\n");
        Assert.Empty(new MediaMayBeExecuted().Check(downloads, settings));
    }

    private static Finding AllowedHostsStar() =>
        new("DP204", null, Severity.Medium, "title", "ALLOWED_HOSTS contains '*'.", new SourceLocation(SettingsPath, 3), null, Confidence.Certain);
}
