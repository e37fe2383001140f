using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Auth;
using DjangoPreflight.Rules.Infrastructure;
using DjangoPreflight.Rules.Transport;
using DjangoPreflight.TestSupport;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>
/// The rules that read nginx read Traefik too, wherever it is written: a router answering plain HTTP
/// without a redirect (DP804), a router whose rule names no host (DP803, and DP204 lowered when every
/// router names its hosts), an entry point keeping the client's X-Forwarded-Proto (DP805) or a router
/// passing a login header on (DP512), and the settings findings a redirect or a headers middleware
/// already answers (DP302-DP305). Two fixtures: traefik-labels (flags, labels and a dynamic YAML
/// file) and traefik-files (a static YAML file and a dynamic TOML one); the variants change one line.
/// Traefik is not packaged by Debian, so the files are checked against its documented options only.
/// </summary>
public sealed class TraefikRulesTests
{
    private const string Compose = "docker-compose.prod.yml";

    private static ProjectContext Variant(TempDirectory dir, string fixture, string file, string from, string to)
    {
        var root = dir.CopyFrom(Dir(fixture), fixture);
        var text = File.ReadAllText(Path.Combine(root, file));
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(root, file), text.Replace(from, to, StringComparison.Ordinal));
        return new ProjectContext(root, new ScanOptions());
    }

    private static Finding Mirrored(string rule, string message) =>
        new(rule, null, Severity.Medium, "title", message, new SourceLocation(SettingsPath, 3), null, Confidence.Certain);

    private static List<Finding> SettingsFindings() =>
    [
        Mirrored("DP204", "ALLOWED_HOSTS contains '*'."),
        Mirrored("DP302", "SECURE_SSL_REDIRECT is not True."),
        Mirrored("DP303", "SECURE_HSTS_SECONDS is unset."),
        Mirrored("DP304", "HSTS without includeSubDomains."),
        Mirrored("DP305", "HSTS without preload."),
    ];

    [Fact]
    public void Traefik_from_labels_that_redirects_names_its_host_and_sends_hsts_lowers_the_settings_findings()
    {
        var project = Project("traefik-labels");
        Assert.Empty(new NginxNoHttpsRedirect().Check(project));
        Assert.Empty(new NginxNoDefaultServer().Check(project));
        Assert.Equal(
        [
            "DP204 shop/settings/production.py:3 info certain | ALLOWED_HOSTS contains '*'. Traefik already rejects unknown Host headers at docker-compose.prod.yml:22, so this is lowered to info.",
            "DP302 shop/settings/production.py:3 info certain | SECURE_SSL_REDIRECT is not True. Traefik already redirects HTTP to HTTPS at traefik/dynamic.yml:5, so this is lowered to info.",
            "DP303 shop/settings/production.py:3 info certain | SECURE_HSTS_SECONDS is unset. Traefik already sends Strict-Transport-Security at traefik/dynamic.yml:9, so this is lowered to info.",
            "DP304 shop/settings/production.py:3 info certain | HSTS without includeSubDomains. Traefik already sends Strict-Transport-Security with includeSubDomains at traefik/dynamic.yml:9, so this is lowered to info.",
            "DP305 shop/settings/production.py:3 info certain | HSTS without preload. Traefik already sends Strict-Transport-Security with preload at traefik/dynamic.yml:9, so this is lowered to info.",
        ], Render(ProxyAwareness.Apply(SettingsFindings(), project)));
    }

    [Fact]
    public void Traefik_from_static_and_dynamic_files_lowers_what_it_does_and_not_what_it_does_not()
    {
        var project = Project("traefik-files");
        Assert.Empty(new NginxNoHttpsRedirect().Check(project));
        Assert.Equal(
        [
            "DP204 shop/settings/production.py:3 info certain | ALLOWED_HOSTS contains '*'. Traefik already rejects unknown Host headers at traefik/dynamic.toml:2, so this is lowered to info.",
            "DP302 shop/settings/production.py:3 info certain | SECURE_SSL_REDIRECT is not True. Traefik already redirects HTTP to HTTPS at traefik/traefik.yml:7, so this is lowered to info.",
            "DP303 shop/settings/production.py:3 info certain | SECURE_HSTS_SECONDS is unset. Traefik already sends Strict-Transport-Security at traefik/dynamic.toml:8, so this is lowered to info.",
            "DP304 shop/settings/production.py:3 info certain | HSTS without includeSubDomains. Traefik already sends Strict-Transport-Security with includeSubDomains at traefik/dynamic.toml:8, so this is lowered to info.",
            // stsPreload is not set: the preload finding stays.
            "DP305 shop/settings/production.py:3 medium certain | HSTS without preload.",
        ], Render(ProxyAwareness.Apply(SettingsFindings(), project)));
    }

    [Fact]
    public void A_plain_http_router_without_the_redirect_middleware_is_dp804_and_redirects_nothing()
    {
        using var dir = new TempDirectory("dp-traefik");
        var project = Variant(dir, "traefik-labels", Compose, "      - \"traefik.http.routers.app-http.middlewares=to-https@file\"\n", "");
        Assert.Equal(
        [
            "DP804 docker-compose.prod.yml:22 high high | The Traefik router app-http answers plain HTTP without redirecting to HTTPS (no tls, no redirectScheme middleware, no entry point redirection).",
        ], Render(new NginxNoHttpsRedirect().Check(project)));
        Assert.Equal(Severity.Medium, ProxyAwareness.Apply([Mirrored("DP302", "SECURE_SSL_REDIRECT is not True.")], project).Single().Severity);
    }

    [Fact]
    public void An_entry_point_redirect_in_the_static_file_is_what_keeps_the_files_setup_from_dp804()
    {
        using var dir = new TempDirectory("dp-traefik");
        // Without the redirect and the entry point's TLS, the router on websecure matches plain HTTP.
        var project = Variant(dir, "traefik-files", "traefik/traefik.yml",
            "    http:\n      redirections:\n        entryPoint:\n          to: websecure\n          scheme: https\n", "");
        Assert.Empty(new NginxNoHttpsRedirect().Check(project));
        using var dir2 = new TempDirectory("dp-traefik");
        var plain = Variant(dir2, "traefik-files", "traefik/traefik.yml", "    http:\n      tls:\n        certResolver: le\n", "");
        Assert.Equal(
        [
            "DP804 traefik/dynamic.toml:2 low low | The Traefik router app answers plain HTTP without redirecting to HTTPS (no tls, no redirectScheme middleware, no entry point redirection); no router is served over TLS, so check that the load balancer in front redirects.",
        ], Render(new NginxNoHttpsRedirect().Check(plain)));
    }

    [Fact]
    public void Without_traefiks_static_configuration_a_plain_router_is_low_and_nothing_is_lowered()
    {
        using var dir = new TempDirectory("dp-traefik");
        var root = dir.CopyFrom(Dir("traefik-labels"), "traefik-labels");
        // The app's labels alone, as a project deploying behind an external Traefik writes them.
        var compose = File.ReadAllText(Path.Combine(root, Compose));
        File.WriteAllText(Path.Combine(root, Compose), "services:\n" + compose[compose.IndexOf("  app:", StringComparison.Ordinal)..]
            .Replace("      - \"traefik.http.routers.app-http.middlewares=to-https@file\"\n", "", StringComparison.Ordinal));
        var project = new ProjectContext(root, new ScanOptions());
        Assert.Equal(
        [
            "DP804 docker-compose.prod.yml:8 low low | The Traefik router app-http answers plain HTTP without redirecting to HTTPS (no tls, no redirectScheme middleware, no entry point redirection); Traefik's static configuration (its entry points) is not in the repository, so check that an entry point redirects.",
        ], Render(new NginxNoHttpsRedirect().Check(project)));
        Assert.Equal(Render(SettingsFindings()), Render(ProxyAwareness.Apply(SettingsFindings(), project)));
    }

    [Fact]
    public void A_router_whose_rule_names_no_host_is_dp803_and_keeps_dp204()
    {
        using var dir = new TempDirectory("dp-traefik");
        var project = Variant(dir, "traefik-files", "traefik/dynamic.toml", "rule = \"Host(`shop.example.com`)\"", "rule = \"PathPrefix(`/`)\"");
        Assert.Equal(
        [
            "DP803 traefik/dynamic.toml:2 medium medium | Requests with any Host header reach the Traefik router app, which passes them to the app (its rule PathPrefix(`/`) names no host).",
        ], Render(new NginxNoDefaultServer().Check(project)));
        Assert.Equal(Severity.Medium, ProxyAwareness.Apply([Mirrored("DP204", "ALLOWED_HOSTS contains '*'.")], project).Single().Severity);

        // A router to Traefik's own dashboard is not the app.
        using var dir2 = new TempDirectory("dp-traefik");
        var dashboard = Variant(dir2, "traefik-files", "traefik/dynamic.toml", "rule = \"Host(`shop.example.com`)\"\n  entryPoints = [\"websecure\"]\n  service = \"app\"",
            "rule = \"PathPrefix(`/`)\"\n  entryPoints = [\"websecure\"]\n  service = \"api@internal\"");
        Assert.Empty(new NginxNoDefaultServer().Check(dashboard));
    }

    [Theory]
    [InlineData("      - \"--entrypoints.websecure.forwardedheaders.insecure\"\n",
        "entry point websecure's forwardedHeaders.insecure (docker-compose.prod.yml:10) keeps every client's X-Forwarded-* headers")]
    [InlineData("      - \"--entrypoints.websecure.forwardedHeaders.trustedIPs=10.0.0.0/8,0.0.0.0/0\"\n",
        "entry point websecure's forwardedHeaders.trustedIPs (docker-compose.prod.yml:10) trusts 0.0.0.0/0, every client")]
    public void An_entry_point_keeping_the_clients_forwarded_proto_is_dp805(string flag, string why)
    {
        var settings = Settings(("SECURE_PROXY_SSL_HEADER", Tuple("HTTP_X_FORWARDED_PROTO", "https"), 30));
        Assert.Empty(new NginxForwardedProtoMissing().Check(Project("traefik-labels"), settings));
        Assert.Empty(new ProxySslHeaderNotOverwritten().Check(Project("traefik-labels"), settings));
        using var dir = new TempDirectory("dp-traefik");
        var project = Variant(dir, "traefik-labels", Compose, "      - \"--entrypoints.websecure.address=:443\"\n", "      - \"--entrypoints.websecure.address=:443\"\n" + flag);
        Assert.Equal(
        [
            $"DP805 docker-compose.prod.yml:26 high certain | This Traefik router passes the client's own X-Forwarded-Proto header on, and Django trusts it (SECURE_PROXY_SSL_HEADER at shop/settings/production.py:30): {why}.",
        ], Render(new NginxForwardedProtoMissing().Check(project, settings)));

        // Trusting the load balancer's own network is what trustedIPs is for.
        using var dir2 = new TempDirectory("dp-traefik");
        var trusted = Variant(dir2, "traefik-labels", Compose, "      - \"--entrypoints.websecure.address=:443\"\n",
            "      - \"--entrypoints.websecure.address=:443\"\n      - \"--entrypoints.websecure.forwardedHeaders.trustedIPs=10.0.0.0/8\"\n");
        Assert.Empty(new NginxForwardedProtoMissing().Check(trusted, settings));
    }

    [Fact]
    public void A_login_header_traefik_passes_on_is_dp512_and_one_a_headers_middleware_sets_is_not()
    {
        const string middleware = "from django.contrib.auth.middleware import RemoteUserMiddleware\n\n\nclass ProxyUserMiddleware(RemoteUserMiddleware):\n    header = \"HTTP_X_PROXY_USER\"\n";
        var settings = Settings(("MIDDLEWARE", List("shop.auth.ProxyUserMiddleware"), 20), ("AUTHENTICATION_BACKENDS", List("django.contrib.auth.backends.RemoteUserBackend"), 25));
        using var dir = new TempDirectory("dp-traefik");
        var root = dir.CopyFrom(Dir("traefik-files"), "traefik-files");
        File.WriteAllText(Path.Combine(root, "shop", "auth.py"), middleware);
        var passing = new ProjectContext(root, new ScanOptions());
        Assert.Equal(
        [
            "DP512 shop/settings/production.py:20 high high | ProxyUserMiddleware logs users in from the X-Proxy-User request header, but the Traefik router at traefik/dynamic.toml:2 passes the client's own value: anyone can log in as anyone.",
        ], Render(new RemoteUserHeaderTrusted().Check(passing, settings)));

        using var dir2 = new TempDirectory("dp-traefik");
        var stripping = Variant(dir2, "traefik-files", "traefik/dynamic.toml", "  customFrameOptionsValue = \"DENY\"\n",
            "  customFrameOptionsValue = \"DENY\"\n\n[http.middlewares.hsts.headers.customRequestHeaders]\n  X-Proxy-User = \"\"\n");
        File.WriteAllText(Path.Combine(stripping.Root, "shop", "auth.py"), middleware);
        stripping = new ProjectContext(stripping.Root, new ScanOptions());
        Assert.Empty(new RemoteUserHeaderTrusted().Check(stripping, settings));
    }

    [Fact]
    public void A_traefik_only_in_a_development_compose_file_is_not_productions()
    {
        using var dir = new TempDirectory("dp-traefik");
        var root = dir.CopyFrom(Dir("traefik-labels"), "traefik-labels");
        var compose = File.ReadAllText(Path.Combine(root, Compose)).Replace("      - \"traefik.http.routers.app-http.middlewares=to-https@file\"\n", "", StringComparison.Ordinal);
        File.Delete(Path.Combine(root, Compose));
        File.WriteAllText(Path.Combine(root, "docker-compose.dev.yml"), compose);
        var project = new ProjectContext(root, new ScanOptions());
        Assert.Null(project.Deployment.Traefik);
        Assert.Empty(new NginxNoHttpsRedirect().Check(project));
    }
}
