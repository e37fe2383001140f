using DjangoPreflight.Analysis.Deployment.Nginx;
using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Tests.Deployment;

public sealed class NginxLoaderTests
{
    private static ProjectContext Fixture(string name) => new(Path.Combine(DeploymentFixtures.Dir, name), new ScanOptions());

    [Fact]
    public void Includes_globs_recursion_and_cycles()
    {
        var project = Fixture("includes");
        var configs = project.Deployment.Nginx;
        // conf.d and snippets are included, so not configurations of their own; the ping/pong
        // cycle has no outside includer, so its first file stands for it.
        Assert.Equal(["nginx/nginx.conf", "other/ping.conf"], configs.Select(c => c.Path));

        var main = configs[0];
        Assert.True(main.IsWholeConfig);
        Assert.Equal(["a.example.com", "b.example.com"], main.Servers.SelectMany(s => s.Names));
        var a = main.Servers[0];
        // /etc/nginx/conf.d/*.conf → nginx/conf.d (sorted), then snippets/common.conf from the prefix.
        Assert.Equal("nginx/snippets/common.conf:1", a.EffectiveHeader("X-Frame-Options")!.Location.ToString());
        Assert.Equal("nginx/snippets/common.conf:2", a.Locations.Single().Location.ToString());
        // loop.conf includes itself: entered once.
        Assert.Equal(["/loop/"], main.Servers[1].Locations.Select(l => l.Path));

        var ping = configs[1];
        Assert.False(ping.IsWholeConfig);
        Assert.Equal(["pong.example.com", "ping.example.com"], ping.Servers.SelectMany(s => s.Names));

        Assert.Equal(
        [
            "nginx/snippets/loop.conf:3: nginx include of nginx/snippets/loop.conf skipped (it would include itself)",
            "other/pong.conf:1: nginx include of other/ping.conf skipped (it would include itself)",
        ], project.Diagnostics.Notices);
    }

    [Fact]
    public void Servers_listens_redirects_rejections_and_inheritance()
    {
        var (top, _) = NginxParser.Parse("""
            server_tokens off;
            add_header X-A 1;
            server {
                listen 127.0.0.1:8080;
                listen [::]:443 ssl http2 default_server;
                listen unix:/run/app.sock;
                server_name _;
                if ($scheme = http) { return 301 https://$host$request_uri; }
                location /a/ { add_header X-B 2; location /a/b/ { server_tokens on; } }
            }
            server {
                location / { return 444; }
            }
            """, "site.conf");
        var config = new NginxConfig("site.conf", top);
        var (one, two) = (config.Servers[0], config.Servers[1]);
        Assert.Equal(
            ["127.0.0.1 8080 plain local", "[::] 443 ssl default", "unix:/run/app.sock  plain local"],
            one.Listens.Select(l => $"{l.Address} {l.Port} {(l.Ssl ? "ssl" : "plain")}{(l.DefaultServer ? " default" : "")}{(l.IsLocalOnly ? " local" : "")}"));
        Assert.Equal("site.conf:8", one.HttpsRedirect!.Location.ToString());
        Assert.Null(one.Rejection);
        // A server without listen listens on *:80; its `location /` rejects everything.
        Assert.Equal("* 80", $"{two.Listens[0].Address} {two.Listens[0].Port}");
        Assert.Equal("site.conf:12", two.Rejection!.Location.ToString());
        Assert.Null(two.HttpsRedirect);
        // add_header: a level with its own does not inherit; server_tokens: nearest wins.
        var a = one.Locations[0];
        var b = a.Locations[0];
        Assert.Null(a.EffectiveHeader("X-A"));
        Assert.Equal("X-B", b.EffectiveHeader("X-B")!.Arg(0));
        Assert.Equal("X-A", one.EffectiveHeader("X-A")!.Arg(0));
        Assert.Equal("on", b.Effective("server_tokens")!.Arg(0));
        Assert.Equal("off", a.Effective("server_tokens")!.Arg(0));
    }

    [Fact]
    public void Header_overwrite_rules()
    {
        var (top, _) = NginxParser.Parse("""
            proxy_set_header X-Forwarded-Proto $scheme;
            server {
                location /inherits/ { proxy_pass http://app; }
                location /own/ { proxy_set_header Host $host; proxy_pass http://app; }
                location /copies/ { proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto; proxy_pass http://app; }
                location /uwsgi/ { uwsgi_param HTTP_X_FORWARDED_PROTO https; uwsgi_pass unix:/run/u.sock; }
                location /debian/ { include proxy_params; proxy_pass http://app; }
            }
            """, "site.conf");
        var config = new NginxConfig("site.conf", top);
        var result = config.Servers[0].Upstreams()
            .Select(u => NginxConfig.HeaderOverwrite(u.Scope, u.Pass, "X-Forwarded-Proto")?.Location.Line)
            .ToList();
        // `include proxy_params` is not expanded without the loader, so /debian/ has no
        // proxy_set_header of its own and inherits the http level's.
        Assert.Equal([1, null, null, 6, 1], result);
    }

    [Fact]
    public void Debian_proxy_params_is_known_when_the_project_does_not_ship_it()
    {
        var config = Fixture("proxy-params").Deployment.Nginx.Single();
        var (scope, pass) = config.Servers[0].Upstreams().Single();
        // Debian's /etc/nginx/proxy_params sets X-Forwarded-Proto $scheme; cited at the include.
        Assert.Equal("site.conf:6", NginxConfig.HeaderOverwrite(scope, pass, "X-Forwarded-Proto")!.Location.ToString());
        Assert.Null(NginxConfig.HeaderOverwrite(scope, pass, "X-Remote-User"));
    }
}
