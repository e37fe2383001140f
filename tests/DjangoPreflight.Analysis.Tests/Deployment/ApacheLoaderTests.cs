using System.Text;
using DjangoPreflight.Analysis.Deployment.Apache;

namespace DjangoPreflight.Analysis.Tests.Deployment;

/// <summary>
/// Apache httpd files: recognised by name or content (never an nginx file, never taken for one),
/// parsed as httpd reads them, their includes followed only inside the repository; hostile ones
/// (include loops, includes of /etc/passwd or of a file outside the repository, a link out of it,
/// deep nesting, a huge file, includes that multiply) read in bounded time and memory.
/// </summary>
public sealed class ApacheLoaderTests
{
    [Fact]
    public void Directives_sections_continuations_comments_and_quotes()
    {
        var top = ApacheParser.Parse("""
            # a comment
            ServerName shop.example.com   # not a comment: httpd takes it as arguments
            WSGIDaemonProcess shop \
                python-path=/srv/shop
            <VirtualHost *:443>
                Header always set Strict-Transport-Security "max-age=1; includeSubDomains"
                <Directory "/srv/media">
                    Options -Indexes
                </Directory>
            </virtualhost>
            </Stray>
            <IfModule mod_ssl.c>
                SSLEngine on
            """, "site.conf");
        Assert.Equal(
        [
            "ServerName [shop.example.com|#|not|a|comment:|httpd|takes|it|as|arguments] site.conf:2",
            "WSGIDaemonProcess [shop|python-path=/srv/shop] site.conf:3",
            "VirtualHost [*:443] site.conf:5",
            "  Header [always|set|Strict-Transport-Security|max-age=1; includeSubDomains] site.conf:6",
            "  Directory [/srv/media] site.conf:7",
            "    Options [-Indexes] site.conf:8",
            "IfModule [mod_ssl.c] site.conf:12",
            "  SSLEngine [on] site.conf:13",
        ], Lines(top, ""));
    }

    [Fact]
    public void Apache_and_nginx_files_are_told_apart_and_includes_stay_in_the_repository()
    {
        using var outside = new TempProject(("outside.conf", "<VirtualHost *:80>\nServerName outside.invalid\n</VirtualHost>\n"));
        using var p = new TempProject(
            ("apache/nginx-style.conf", "server {\n    listen 80;\n    location / { proxy_pass http://app:8000; }\n}\n"),
            ("nginx/site.conf", "<VirtualHost *:80>\n    ServerName in-nginx-folder.example.com\n</VirtualHost>\n"),
            ("conf/httpd.conf", """
                ServerRoot /etc/httpd
                Include /etc/passwd
                Include ../../outside.conf
                Include /etc/httpd/conf.d/*.conf
                IncludeOptional sites/missing-*.conf
                Include conf.d/loop.conf
                """),
            ("conf/conf.d/a.conf", "<VirtualHost *:80>\n    ServerName a.example.com\n</VirtualHost>\n"),
            ("conf/conf.d/loop.conf", "Include conf.d/loop.conf\nServerTokens Prod\n"),
            ("docs/readme.conf", "listen = 80\n"));
        if (!OperatingSystem.IsWindows())
            File.CreateSymbolicLink(Path.Combine(p.Root, "conf", "conf.d", "z-link.conf"), Path.Combine(outside.Root, "outside.conf"));
        var project = p.Context();
        Assert.Equal(["apache/nginx-style.conf"], project.Deployment.Nginx.Select(n => n.Path));
        Assert.Equal(["conf/httpd.conf", "nginx/site.conf"], project.Deployment.Apache.Select(a => a.Path));
        var main = project.Deployment.Apache[0];
        Assert.True(main.IsWholeConfig);
        // /etc/passwd, ../../outside.conf and the link out of the repository name nothing it reads;
        // the loop is entered once (twice counting the include from httpd.conf: the file, then itself skipped).
        Assert.Equal(["a.example.com"], main.VirtualHosts.SelectMany(v => v.Names));
        Assert.Equal(["conf/httpd.conf", "conf/conf.d/a.conf", "conf/conf.d/loop.conf"], main.Files);
        Assert.Equal("Prod", main.ServerTokens?.Arg(0));
        Assert.Contains("conf/conf.d/loop.conf:1: Apache include of conf/conf.d/loop.conf skipped (it would include itself, or includes nest deeper than 8)", project.Diagnostics.Notices);
    }

    [Fact]
    public void Hostile_files_are_read_in_bounded_time_and_size()
    {
        // 10,000 nested sections, a 200,000-line continuation, and ten files that each include all ten twice.
        var nested = new StringBuilder();
        for (var i = 0; i < 10_000; i++) nested.Append("<IfModule m>\n");
        nested.Append("<VirtualHost *:80>\nServerName deep.invalid\n</VirtualHost>\n");
        var continued = new StringBuilder("<VirtualHost *:80>\nServerAlias");
        for (var i = 0; i < 200_000; i++) continued.Append(" a \\\n");
        continued.Append("b\n</VirtualHost>\n");
        var files = new List<(string, string)> { ("apache/nested.conf", nested.ToString()), ("apache/continued.conf", continued.ToString()) };
        for (var i = 0; i < 10; i++)
            files.Add(($"apache/fan/f{i}.conf", "Include fan/*.conf\nInclude fan/*.conf\n<Location /x>\nRequire all granted\n</Location>\n"));
        files.Add(("apache/root.conf", "Include fan/*.conf\n<VirtualHost *:80>\nServerName fan.invalid\n</VirtualHost>\n"));
        using var p = new TempProject([.. files]);
        var project = p.Context();
        var configs = project.Deployment.Apache.ToDictionary(c => c.Path);
        // Sections deeper than 32 are dropped, not recursed into.
        Assert.DoesNotContain(configs["apache/nested.conf"].VirtualHosts, v => v.Names.Count > 0);
        Assert.Single(configs["apache/continued.conf"].VirtualHosts);
        Assert.Equal(200_001, configs["apache/continued.conf"].VirtualHosts[0].Names.Count);
        // The fan-out is cut at the directive budget, with a notice.
        Assert.Contains("apache/root.conf: Apache configuration cut at 20000 directives (its includes multiply beyond that)", project.Diagnostics.Notices);
    }

    private static List<string> Lines(IEnumerable<ApacheDirective> block, string indent) =>
        block.SelectMany(d => Lines(d.Section ?? [], indent + "  ").Prepend($"{indent}{d.Name} [{string.Join('|', d.Args)}] {d.Location}")).ToList();
}
