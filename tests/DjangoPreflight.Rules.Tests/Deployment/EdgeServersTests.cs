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
/// Front servers beyond nginx, read by the rules that read nginx: Caddy's automatic HTTPS and HSTS
/// header lower DP302-DP304 (and DP204: it answers only the hosts its sites name), its reverse_proxy
/// overwrites X-Forwarded-Proto unless it trusts every client as a proxy (DP309), its file_server and
/// uWSGI's static-map serve STATIC_URL (DP602), and an nginx that only Caddy, or Traefik by a compose
/// service's labels, reaches is internal (no DP803/DP804). Each bad variant is the good fixture copied
/// with one thing changed, so each assertion can fail.
/// </summary>
public sealed class EdgeServersTests
{
    private static SettingsModel Proxied() => Settings(
        ("INSTALLED_APPS", List("django.contrib.staticfiles", "shop"), 10),
        ("MIDDLEWARE", List("django.middleware.security.SecurityMiddleware"), 20),
        ("SECURE_PROXY_SSL_HEADER", Tuple("HTTP_X_FORWARDED_PROTO", "https"), 30),
        ("STATIC_URL", new PyStr("/static/"), 40));

    private static Finding Django(string rule, string message, int line) =>
        new(rule, null, Severity.Medium, "title", message, new SourceLocation(SettingsPath, line), null, Confidence.Certain);

    private static IReadOnlyList<Finding> DjangoFindings() =>
    [
        Django("DP204", "ALLOWED_HOSTS contains '*'.", 3),
        Django("DP302", "SECURE_SSL_REDIRECT is not True.", 4),
        Django("DP303", "SECURE_HSTS_SECONDS is not set.", 5),
        Django("DP304", "HSTS without includeSubDomains.", 6),
        Django("DP305", "HSTS without preload.", 7),
    ];

    /// <summary>The fixture copied, with its Caddyfile (or uwsgi.ini) replaced.</summary>
    private static ProjectContext Variant(TempDirectory dir, string fixture, string file, string text)
    {
        var root = dir.CopyFrom(Dir(fixture), fixture);
        File.WriteAllText(Path.Combine(root, file), text);
        return new ProjectContext(root, new ScanOptions());
    }

    [Fact]
    public void Caddy_that_redirects_names_its_hosts_and_sends_hsts_lowers_the_settings_findings()
    {
        Assert.Equal(
        [
            "DP204 shop/settings/production.py:3 info certain | ALLOWED_HOSTS contains '*'. Caddy already rejects unknown Host headers at caddy/Caddyfile:5, so this is lowered to info.",
            "DP302 shop/settings/production.py:4 info certain | SECURE_SSL_REDIRECT is not True. Caddy already redirects HTTP to HTTPS at caddy/Caddyfile:5, so this is lowered to info.",
            "DP303 shop/settings/production.py:5 info certain | SECURE_HSTS_SECONDS is not set. Caddy already sends Strict-Transport-Security at caddy/Caddyfile:6, so this is lowered to info.",
            "DP304 shop/settings/production.py:6 info certain | HSTS without includeSubDomains. Caddy already sends Strict-Transport-Security with includeSubDomains at caddy/Caddyfile:6, so this is lowered to info.",
            "DP305 shop/settings/production.py:7 medium certain | HSTS without preload.",
        ], Render(ProxyAwareness.Apply(DjangoFindings(), Project("nginx-behind-caddy"))));
    }

    [Fact]
    public void Caddy_with_a_plain_http_address_redirects_nothing()
    {
        using var dir = new TempDirectory("dp-edge");
        var project = Variant(dir, "nginx-behind-caddy", "caddy/Caddyfile", "http://shop.example.com {\n\treverse_proxy app:8000\n}\n");
        // The site still names its host, so only DP204 is lowered.
        Assert.Equal(Render(DjangoFindings().Where(f => f.RuleId != "DP204")),
            Render(ProxyAwareness.Apply(DjangoFindings(), project).Where(f => f.RuleId != "DP204")));
    }

    [Fact]
    public void Caddy_proxy_overwrites_the_forwarded_proto_and_serves_static_files()
    {
        var project = Project("nginx-behind-caddy");
        Assert.Empty(new ProxySslHeaderNotOverwritten().Check(project, Proxied()));
        Assert.Empty(new StaticFilesNotServed().Check(project, Proxied()));
    }

    [Fact]
    public void Caddy_trusting_every_client_as_a_proxy_passes_the_clients_header_and_without_file_server_static_is_not_served()
    {
        using var dir = new TempDirectory("dp-edge");
        var project = Variant(dir, "nginx-behind-caddy", "caddy/Caddyfile", """
            {
            	servers {
            		trusted_proxies static {$TRUSTED_PROXIES:0.0.0.0/0}
            	}
            }

            shop.example.com {
            	reverse_proxy /app/* web:3000
            	reverse_proxy app:8000
            }
            """);
        Assert.Equal(
        [
            "DP309 shop/settings/production.py:30 medium high | SECURE_PROXY_SSL_HEADER trusts the X-Forwarded-Proto header, but no Caddy reverse_proxy overwrites it (e.g. caddy/Caddyfile:9) (trusted_proxies at caddy/Caddyfile:3 trusts every client as a proxy, so Caddy keeps the client's own X-Forwarded-Proto): clients can claim HTTPS themselves.",
        ], Render(new ProxySslHeaderNotOverwritten().Check(project, Proxied())));
        Assert.Equal(
        [
            "DP602 shop/settings/production.py:40 medium medium | Static files are collected but never served: nothing serves STATIC_URL (/static/): no WhiteNoise middleware, no web-server route for it (nginx location, Caddy file_server, uWSGI static-map, Apache Alias), no remote static storage.",
        ], Render(new StaticFilesNotServed().Check(project, Proxied())));
    }

    [Fact]
    public void An_nginx_only_caddy_reaches_is_internal_but_still_shows_its_version()
    {
        var project = Project("nginx-behind-caddy");
        Assert.Equal("caddy/Caddyfile:11", project.Deployment.Nginx.Single().FrontedBy?.ToString());
        Assert.Empty(new NginxNoHttpsRedirect().Check(project));
        Assert.Empty(new NginxNoDefaultServer().Check(project));
        // Caddy passes the upstream's Server header on.
        Assert.Single(new NginxVersionDisclosed().Check(project));
    }

    [Fact]
    public void The_same_nginx_without_caddy_in_front_meets_clients()
    {
        using var dir = new TempDirectory("dp-edge");
        var project = Variant(dir, "nginx-behind-caddy", "caddy/Caddyfile", "shop.example.com {\n\treverse_proxy app:8000\n}\n");
        Assert.Null(project.Deployment.Nginx.Single().FrontedBy);
        Assert.Equal(
        [
            "DP804 frontend/nginx.conf:3 low low | The server named \"\" answers plain HTTP on port 3000 without redirecting to HTTPS; no server in this configuration terminates TLS, so check that the load balancer in front redirects.",
        ], Render(new NginxNoHttpsRedirect().Check(project)));
    }

    [Fact]
    public void An_edge_nginx_reaches_the_internal_one_on_the_port_its_pass_names_not_a_same_named_upstream_server()
    {
        // The edge nginx passes /app/ to web:3000 and keeps an upstream block for Django on web:8000:
        // the internal nginx listens on 3000, so the pass (not the upstream's server line) fronts it.
        using var dir = new TempDirectory("dp-edge");
        var project = Variant(dir, "nginx-behind-caddy", "caddy/Caddyfile", "shop.example.com {\n\treverse_proxy app:8000\n}\n");
        const string edge = "upstream django { server web:8000; }\n"
                            + "server {\n    listen 443 ssl;\n    server_name shop.example.com;\n"
                            + "    location /app/ { proxy_pass http://web:3000; }\n    location / { proxy_pass http://django; }\n}\n";
        Directory.CreateDirectory(Path.Combine(project.Root, "edge"));
        File.WriteAllText(Path.Combine(project.Root, "edge", "nginx.conf"), edge);
        var fronted = new ProjectContext(project.Root, new ScanOptions());
        Assert.Equal("edge/nginx.conf:5", fronted.Deployment.Nginx.Single(n => n.Path == "frontend/nginx.conf").FrontedBy?.ToString());

        File.WriteAllText(Path.Combine(project.Root, "edge", "nginx.conf"), edge.Replace("web:3000", "web:3001", StringComparison.Ordinal));
        var elsewhere = new ProjectContext(project.Root, new ScanOptions());
        Assert.Null(elsewhere.Deployment.Nginx.Single(n => n.Path == "frontend/nginx.conf").FrontedBy);
    }

    [Fact]
    public void An_nginx_that_traefik_labels_route_to_is_internal()
    {
        var project = Project("nginx-behind-traefik");
        Assert.Equal("docker-compose.prod.yml:29", project.Deployment.Nginx.Single().FrontedBy?.ToString());
        Assert.Empty(new NginxNoHttpsRedirect().Check(project));
        Assert.Empty(new NginxNoDefaultServer().Check(project));
    }

    [Theory]
    [InlineData("loadbalancer.server.port=8080\"", "loadbalancer.server.port=8081\"")]
    [InlineData("traefik.http.routers.media.rule", "traefik.enable=false\"\n      - \"traefik.http.routers.media.rule")]
    public void An_nginx_traefik_sends_nothing_to_meets_clients(string label, string changed)
    {
        using var dir = new TempDirectory("dp-edge");
        var compose = File.ReadAllText(Path.Combine(Dir("nginx-behind-traefik"), "docker-compose.prod.yml"));
        Assert.Contains(label, compose, StringComparison.Ordinal);
        var project = Variant(dir, "nginx-behind-traefik", "docker-compose.prod.yml", compose.Replace(label, changed, StringComparison.Ordinal));
        Assert.Null(project.Deployment.Nginx.Single().FrontedBy);
        Assert.Equal(
        [
            "DP804 media/nginx.conf:3 low low | The server named \"\" answers plain HTTP on port 8080 without redirecting to HTTPS; no server in this configuration terminates TLS, so check that the load balancer in front redirects.",
        ], Render(new NginxNoHttpsRedirect().Check(project)));
    }

    [Fact]
    public void A_uwsgi_static_map_serves_static_files_and_without_it_nothing_does()
    {
        Assert.Empty(new StaticFilesNotServed().Check(Project("uwsgi-static-map"), Proxied()));
        using var dir = new TempDirectory("dp-edge");
        var project = Variant(dir, "uwsgi-static-map", "uwsgi.ini", "[uwsgi]\nmodule = shop.wsgi:application\nhttp-socket = :8000\n");
        Assert.Equal(
        [
            "DP602 shop/settings/production.py:40 medium medium | Static files are collected but never served: nothing serves STATIC_URL (/static/): no WhiteNoise middleware, no web-server route for it (nginx location, Caddy file_server, uWSGI static-map, Apache Alias), no remote static storage.",
        ], Render(new StaticFilesNotServed().Check(project, Proxied())));
    }

    [Fact]
    public void A_production_uwsgi_that_answers_http_itself_passes_the_clients_forwarded_proto()
    {
        // No front server: uWSGI's own HTTP socket meets clients, and the header is theirs.
        Assert.Equal(
        [
            "DP309 shop/settings/production.py:30 medium high | SECURE_PROXY_SSL_HEADER trusts the X-Forwarded-Proto header, but no uWSGI HTTP server overwrites it (e.g. uwsgi.ini:3) (uWSGI answers HTTP itself and hands Django the X-Forwarded-Proto the client sent): clients can claim HTTPS themselves.",
        ], Render(new ProxySslHeaderNotOverwritten().Check(Project("uwsgi-static-map"), Proxied())));

        // Speaking the uwsgi protocol, it sits behind a front server the repository does not hold: not decided.
        using var dir = new TempDirectory("dp-edge");
        var behind = Variant(dir, "uwsgi-static-map", "uwsgi.ini", "[uwsgi]\nmodule = shop.wsgi:application\nsocket = :3031\nstatic-map = /static=/app/static\n");
        Assert.Equal(
        [
            "DP309 shop/settings/production.py:30 medium low | SECURE_PROXY_SSL_HEADER trusts the X-Forwarded-Proto header, and the repository holds no proxy configuration that shows it is overwritten; make sure the front server always sets it.",
        ], Render(new ProxySslHeaderNotOverwritten().Check(behind, Proxied())));
    }

    [Fact]
    public void An_app_view_that_serves_static_url_itself_needs_neither_collectstatic_nor_static_root()
    {
        var project = Project("app-serves-static");
        Assert.Empty(new StaticFilesNotServed().Check(project, Proxied()));
        Assert.Empty(new StaticRootMissing().Check(project));

        // The same view mounted only when DEBUG is on serves nothing in production.
        using var dir = new TempDirectory("dp-edge");
        var guarded = Variant(dir, "app-serves-static", "shop/urls.py", """
            from django.conf import settings
            from django.urls import path, re_path

            from shop.views import home, serve_static

            urlpatterns = [path("", home)]
            if settings.DEBUG:
                urlpatterns += [re_path(r"^static/(?P<path>.*)$", serve_static)]
            """);
        Assert.Equal(
        [
            "DP602 Dockerfile:5 medium medium | Static files are never collected: no deployment file runs collectstatic (Dockerfile, Procfile release, compose, scripts, CI, Makefile), so STATIC_ROOT is empty in production.",
        ], Render(new StaticFilesNotServed().Check(guarded, Proxied())));
        Assert.Equal(["DP601"], new StaticRootMissing().Check(guarded).Select(f => f.RuleId));
    }
}
