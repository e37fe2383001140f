using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Rules.Auth;
using DjangoPreflight.Rules.Infrastructure;
using DjangoPreflight.Rules.Operations;
using DjangoPreflight.Rules.Transport;
using DjangoPreflight.TestSupport;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>The nginx rules (DP803-DP806, DP604) and the settings rules cross-checked with nginx
/// (DP309, DP512, DP514, DP602), on the good, bad and server_tokens fixtures.</summary>
public sealed class NginxRulesTests
{
    private static SettingsModel ProxiedSettings() => Settings(
        ("INSTALLED_APPS", List("django.contrib.admin", "django.contrib.auth", "django.contrib.staticfiles", "shop"), 10),
        ("MIDDLEWARE", List("django.middleware.security.SecurityMiddleware", "shop.middleware.ProxyRemoteUserMiddleware"), 20),
        ("AUTHENTICATION_BACKENDS", List("django.contrib.auth.backends.RemoteUserBackend"), 25),
        ("SECURE_PROXY_SSL_HEADER", Tuple("HTTP_X_FORWARDED_PROTO", "https"), 30),
        ("STATIC_URL", new PyStr("/static/"), 31),
        ("MEDIA_URL", new PyStr("/media/"), 32));

    [Fact]
    public void Good_configuration_fires_nothing()
    {
        var project = Project("nginx-good");
        var settings = ProxiedSettings();
        Assert.Empty(new NginxNoDefaultServer().Check(project));
        Assert.Empty(new NginxNoHttpsRedirect().Check(project));
        Assert.Empty(new NginxVersionDisclosed().Check(project));
        Assert.Empty(new NginxForwardedProtoMissing().Check(project, settings));
        Assert.Empty(new ProxySslHeaderNotOverwritten().Check(project, settings));
        Assert.Empty(new RemoteUserHeaderTrusted().Check(project, settings));
        Assert.Empty(new AdminWithoutExtraProtection().Check(project, settings));
        Assert.Empty(new StaticFilesNotServed().Check(project, settings));
        Assert.Empty(new MediaMayBeExecuted().Check(project, settings));
    }

    [Fact]
    public void Unknown_hosts_reach_the_site_on_both_ports()
    {
        Assert.Equal(
        [
            "DP803 site.conf:5 medium medium | Requests to port 80 with an unknown Host header go to the server named shop.example.com www.shop.example.com, which does not reject them (no default server returning 444).",
            "DP803 site.conf:40 medium medium | Requests to port 443 with an unknown Host header go to the server named shop.example.com, which does not reject them (no default server returning 444).",
        ], Render(new NginxNoDefaultServer().Check(Project("nginx-bad"))));
    }

    [Fact]
    public void Plain_http_served_without_redirect()
    {
        Assert.Equal(
        [
            "DP804 site.conf:6 high high | The server named shop.example.com www.shop.example.com answers plain HTTP on port 80 without redirecting to HTTPS.",
        ], Render(new NginxNoHttpsRedirect().Check(Project("nginx-bad"))));
    }

    [Fact]
    public void Server_tokens_default_in_a_site_file_and_explicit_on_in_a_whole_config()
    {
        Assert.Equal(
        [
            "DP806 site.conf:5 low medium | server_tokens is not set, and nginx's default is on: responses and error pages show the nginx version (unless the http block outside this file sets it off).",
        ], Render(new NginxVersionDisclosed().Check(Project("nginx-bad"))));
        // The first server turns it off for itself; the second inherits the http block's `on`.
        Assert.Equal(
        [
            "DP806 nginx.conf:4 low certain | `server_tokens on` makes nginx send its version in the Server header and error pages.",
        ], Render(new NginxVersionDisclosed().Check(Project("nginx-tokens"))));
    }

    [Fact]
    public void Forwarded_proto_missing_or_copied_from_the_client()
    {
        // The PHP location's fastcgi_pass is not Django and is not reported.
        Assert.Equal(
        [
            "DP805 site.conf:28 high certain | This proxy_pass copies the client's own X-Forwarded-Proto header to Django, which trusts it (SECURE_PROXY_SSL_HEADER at shop/settings/production.py:30).",
            "DP805 site.conf:34 high certain | This proxy_pass does not set X-Forwarded-Proto, which Django trusts (SECURE_PROXY_SSL_HEADER at shop/settings/production.py:30): the client's own value goes through.",
            "DP805 site.conf:46 high certain | This proxy_pass does not set X-Forwarded-Proto, which Django trusts (SECURE_PROXY_SSL_HEADER at shop/settings/production.py:30): the client's own value goes through.",
        ], Render(new NginxForwardedProtoMissing().Check(Project("nginx-bad"), ProxiedSettings())));
        // Django does not trust the header: nothing to say.
        Assert.Empty(new NginxForwardedProtoMissing().Check(Project("nginx-bad"), Settings(("DEBUG", new PyBool(false), 1))));
    }

    [Fact]
    public void Proxy_ssl_header_cross_checked_with_nginx()
    {
        Assert.Equal(
        [
            "DP309 shop/settings/production.py:30 medium high | SECURE_PROXY_SSL_HEADER trusts the X-Forwarded-Proto header, but no nginx location overwrites it (e.g. site.conf:31): clients can claim HTTPS themselves.",
        ], Render(new ProxySslHeaderNotOverwritten().Check(Project("nginx-bad"), ProxiedSettings())));
        // No proxy configuration in the repository at all: said at low confidence.
        Assert.Equal(
        [
            "DP309 shop/settings/production.py:30 medium low | SECURE_PROXY_SSL_HEADER trusts the X-Forwarded-Proto header, and the repository holds no proxy configuration that shows it is overwritten; make sure the front server always sets it.",
        ], Render(new ProxySslHeaderNotOverwritten().Check(Project("compose"), ProxiedSettings())));
        // Unset (None by default): nothing to check.
        Assert.Empty(new ProxySslHeaderNotOverwritten().Check(Project("nginx-bad"), Settings(("DEBUG", new PyBool(false), 1))));
    }

    [Fact]
    public void Remote_user_middleware_subclasses_are_told_by_their_lineage_not_their_name()
    {
        using var dir = new TempDirectory("dp-remote-user-lineage");
        dir.Write("shop/__init__.py", "");
        dir.Write("shop/auth/__init__.py", "from .proxy import HeaderUserMiddleware\n");
        // Two steps from Django's class, through an alias and a package re-export; the header is set by the parent.
        dir.Write("shop/auth/proxy.py", """
            from django.contrib.auth import middleware as auth_middleware


            class ProxyBase(auth_middleware.RemoteUserMiddleware):
                header = "HTTP_X_PROXY_USER"


            class HeaderUserMiddleware(ProxyBase):
                force_logout_if_no_header = False
            """);
        // Look-alikes: a project class whose name says RemoteUserMiddleware, deriving from something else.
        dir.Write("shop/audit.py", """
            from django.utils.deprecation import MiddlewareMixin


            class AuditRemoteUserMiddleware(MiddlewareMixin):
                header = "HTTP_X_AUDIT_USER"


            class LoggedRemoteUserMiddleware(AuditRemoteUserMiddleware):
                pass
            """);
        var project = new ProjectContext(dir.Path, new ScanOptions());
        SettingsModel With(string middleware) => Settings(
            ("MIDDLEWARE", List(middleware), 20),
            ("AUTHENTICATION_BACKENDS", List("django.contrib.auth.backends.RemoteUserBackend"), 25));

        Assert.Equal(
            ["DP512 shop/settings/production.py:20 high medium | HeaderUserMiddleware logs users in from the X-Proxy-User request header; no proxy configuration in the repository shows that the front server overwrites or strips it, so any client may send it."],
            Render(new RemoteUserHeaderTrusted().Check(project, With("shop.auth.HeaderUserMiddleware"))));
        Assert.Empty(new RemoteUserHeaderTrusted().Check(project, With("shop.audit.AuditRemoteUserMiddleware")));
        Assert.Empty(new RemoteUserHeaderTrusted().Check(project, With("shop.audit.LoggedRemoteUserMiddleware")));
    }

    [Fact]
    public void Remote_user_middleware_without_a_remote_user_backend_logs_nobody_in()
    {
        // RemoteUserMiddleware only calls authenticate(remote_user=...): a backend must accept it.
        using var dir = new TempDirectory("dp-remote-user");
        dir.Write("shop/__init__.py", "");
        dir.Write("shop/middleware.py", "from django.contrib.auth.middleware import RemoteUserMiddleware\n\n\nclass ProxyRemoteUserMiddleware(RemoteUserMiddleware):\n    header = \"HTTP_X_REMOTE_USER\"\n");
        dir.Write("shop/backends.py", """
            from django.contrib.auth.backends import ModelBackend, RemoteUserBackend as _RemoteUserBackend


            class PermissionBackend(ModelBackend):
                pass


            class HeaderBackend(_RemoteUserBackend):
                create_unknown_user = False
            """);
        var project = new ProjectContext(dir.Path, new ScanOptions());
        SettingsModel With(params string[] backends) => Settings(
            ("MIDDLEWARE", List("shop.middleware.ProxyRemoteUserMiddleware"), 20),
            ("AUTHENTICATION_BACKENDS", List(backends), 25));
        var middlewareOnly = Settings(("MIDDLEWARE", List("shop.middleware.ProxyRemoteUserMiddleware"), 20));
        const string fires = "DP512 shop/settings/production.py:20 high medium | ProxyRemoteUserMiddleware logs users in from the X-Remote-User request header; no proxy configuration in the repository shows that the front server overwrites or strips it, so any client may send it.";

        // Django's default ModelBackend, or a project backend deriving only from it: nobody is logged in from the header.
        Assert.Empty(new RemoteUserHeaderTrusted().Check(project, middlewareOnly));
        Assert.Empty(new RemoteUserHeaderTrusted().Check(project, With("shop.backends.PermissionBackend")));
        // A subclass of RemoteUserBackend (imported under another name), or a package's backend that may be one.
        Assert.Equal([fires], Render(new RemoteUserHeaderTrusted().Check(project, With("shop.backends.PermissionBackend", "shop.backends.HeaderBackend"))));
        Assert.Equal([fires], Render(new RemoteUserHeaderTrusted().Check(project, With("sso_package.backends.HeaderBackend"))));
    }

    [Fact]
    public void Remote_user_header_that_clients_can_send()
    {
        Assert.Equal(
        [
            "DP512 shop/settings/production.py:20 high high | ProxyRemoteUserMiddleware logs users in from the X-Remote-User request header, but the nginx location at site.conf:31 passes the client's own value: anyone can log in as anyone.",
        ], Render(new RemoteUserHeaderTrusted().Check(Project("nginx-bad"), ProxiedSettings())));
        // The stock middleware reads REMOTE_USER, which clients cannot send; no configuration sets it.
        // Unverified (low confidence), so never above medium.
        var stock = Settings(("MIDDLEWARE", List("django.contrib.auth.middleware.RemoteUserMiddleware"), 20), ("AUTHENTICATION_BACKENDS", List("django.contrib.auth.backends.RemoteUserBackend"), 25));
        Assert.Equal(
        [
            "DP512 shop/settings/production.py:20 medium low | RemoteUserMiddleware logs users in from REMOTE_USER, and no front-server configuration in the repository authenticates and sets it; check the server in front does.",
        ], Render(new RemoteUserHeaderTrusted().Check(Project("nginx-good"), stock)));
    }

    [Fact]
    public void Admin_without_second_factor_or_proxy_restriction()
    {
        Assert.Equal(
        [
            "DP514 shop/settings/production.py:10 low medium | The admin is installed with neither a second-factor app (django-otp, django-two-factor-auth, allauth MFA) nor an IP restriction or proxy authentication for it in the nginx configuration.",
        ], Render(new AdminWithoutExtraProtection().Check(Project("nginx-bad"), ProxiedSettings())));
        var withOtp = Settings(("INSTALLED_APPS", List("django.contrib.admin", "django_otp", "django_otp.plugins.otp_totp"), 10));
        Assert.Empty(new AdminWithoutExtraProtection().Check(Project("nginx-bad"), withOtp));
        // django-otp declared as a dependency counts too.
        Assert.Empty(new AdminWithoutExtraProtection().Check(Project("asgi-dependency"), ProxiedSettings()));
        var noAdmin = Settings(("INSTALLED_APPS", List("django.contrib.auth", "shop"), 10));
        Assert.Empty(new AdminWithoutExtraProtection().Check(Project("nginx-bad"), noAdmin));
    }

    [Fact]
    public void Admin_moved_away_from_the_guarded_location_is_reported_at_its_mount()
    {
        Assert.Equal(
        [
            "DP514 shop/urls.py:5:5 low medium | The admin is installed with neither a second-factor app (django-otp, django-two-factor-auth, allauth MFA) nor an IP restriction or proxy authentication for it in the nginx configuration.",
        ], Render(new AdminWithoutExtraProtection().Check(Project("nginx-admin-moved"), ProxiedSettings())));
    }

    [Fact]
    public void One_server_catching_unknown_hosts_on_two_ports_is_one_finding()
    {
        Assert.Equal(
        [
            "DP803 site.conf:5 medium medium | Requests to ports 80 and 443 with an unknown Host header go to the server named shop.example.com, which does not reject them (no default server returning 444).",
        ], Render(new NginxNoDefaultServer().Check(Project("nginx-admin-moved"))));
    }

    [Fact]
    public void Media_executed_by_a_php_location()
    {
        Assert.Equal(
        [
            "DP604 site.conf:14 high certain | Uploaded files under /media/ can be executed: the location at site.conf:23 passes matching requests to fastcgi_pass.",
        ], Render(new MediaMayBeExecuted().Check(Project("nginx-bad"), ProxiedSettings())));
    }

    [Fact]
    public void Media_in_every_upload_location_when_media_url_is_unknown()
    {
        Assert.Equal(
        [
            "DP604 site.conf:14 high certain | Uploaded files under /media/ can be executed: the location at site.conf:23 passes matching requests to fastcgi_pass.",
            "DP604 site.conf:18 high certain | Uploaded files under /uploads/ can be executed: the location at site.conf:23 passes matching requests to fastcgi_pass.",
        ], Render(new MediaMayBeExecuted().Check(Project("nginx-bad"), null)));
    }

    [Fact]
    public void Media_listed_and_served_with_guessed_types()
    {
        // /uploads/ drops the extension mapping (types {} + octet-stream): safe.
        Assert.Equal(
        [
            "DP604 media.conf:13 medium medium | Uploads under /media/ are served with the type their name suggests: an uploaded .html or .svg runs script on this site (no Content-Disposition attachment, sandbox CSP or forced type).",
            "DP604 media.conf:15 medium certain | autoindex lists every uploaded file under /media/.",
        ], Render(new MediaMayBeExecuted().Check(Project("nginx-media"), null)));
    }

    [Fact]
    public void Static_files_never_collected_nor_served()
    {
        var settings = Settings(
            ("INSTALLED_APPS", List("django.contrib.staticfiles", "shop"), 10),
            ("MIDDLEWARE", List("django.middleware.security.SecurityMiddleware"), 20),
            ("STATIC_URL", new PyStr("static/"), 40));
        Assert.Equal(
        [
            "DP602 Dockerfile:4 medium medium | Static files are never collected nor served: no deployment file runs collectstatic (Dockerfile, Procfile release, compose, scripts, CI, Makefile), and nothing serves STATIC_URL (static/): no WhiteNoise middleware, no web-server route for it (nginx location, Caddy file_server, uWSGI static-map, Apache Alias), no remote static storage.",
        ], Render(new StaticFilesNotServed().Check(Project("nginx-static-missing"), settings)));
        var whitenoise = Settings(
            ("INSTALLED_APPS", List("django.contrib.staticfiles", "shop"), 10),
            ("MIDDLEWARE", List("django.middleware.security.SecurityMiddleware", "whitenoise.middleware.WhiteNoiseMiddleware"), 20),
            ("STATIC_URL", new PyStr("static/"), 40));
        Assert.Equal(
        [
            "DP602 Dockerfile:4 medium medium | Static files are never collected: no deployment file runs collectstatic (Dockerfile, Procfile release, compose, scripts, CI, Makefile), so STATIC_ROOT is empty in production.",
        ], Render(new StaticFilesNotServed().Check(Project("nginx-static-missing"), whitenoise)));
        // Collected in the image, but neither WhiteNoise nor an nginx location serves it.
        Assert.Equal(
        [
            "DP602 shop/settings/production.py:40 medium medium | Static files are collected but never served: nothing serves STATIC_URL (static/): no WhiteNoise middleware, no web-server route for it (nginx location, Caddy file_server, uWSGI static-map, Apache Alias), no remote static storage.",
        ], Render(new StaticFilesNotServed().Check(Project("asgi-served"), settings)));
        // nginx only, no launch: nothing to judge.
        Assert.Empty(new StaticFilesNotServed().Check(Project("nginx-bad"), settings));
    }

    [Fact]
    public void Without_a_front_server_of_its_own_the_repository_does_not_show_that_nothing_serves_static_files()
    {
        var settings = Settings(
            ("INSTALLED_APPS", List("django.contrib.staticfiles", "shop"), 10),
            ("MIDDLEWARE", List("django.middleware.security.SecurityMiddleware"), 20),
            ("STATIC_URL", new PyStr("static/"), 40));
        using var dir = new TempDirectory("dp-static");
        var root = dir.CopyFrom(Dir("nginx-static-missing"), "nginx-static-missing");
        File.Delete(Path.Combine(root, "nginx", "shop.conf"));
        // Never collected is still what the deployment files show.
        Assert.Equal(
        [
            "DP602 Dockerfile:4 medium medium | Static files are never collected: no deployment file runs collectstatic (Dockerfile, Procfile release, compose, scripts, CI, Makefile), so STATIC_ROOT is empty in production.",
        ], Render(new StaticFilesNotServed().Check(new ProjectContext(root, new ScanOptions()), settings)));
        File.WriteAllText(Path.Combine(root, "Dockerfile"),
            "FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt && python /app/manage.py collectstatic --noinput\nCMD [\"gunicorn\", \"shop.wsgi:application\", \"--bind\", \"0.0.0.0:8000\"]\n");
        Assert.Equal(
        [
            "DP602 shop/settings/production.py:40 low low | Static files are collected, but nothing in the repository serves STATIC_URL (static/): no WhiteNoise middleware, no remote static storage, and no front server configuration (nginx, Caddy, Apache, Traefik, uWSGI) of the repository's own: check that the server in front of the app, configured elsewhere, serves STATIC_ROOT.",
        ], Render(new StaticFilesNotServed().Check(new ProjectContext(root, new ScanOptions()), settings)));
    }
}
