using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Rules.Transport;
using DjangoPreflight.TestSupport;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>
/// DP309 on a wsgi.py that copies a request header into wsgi.url_scheme by hand (the
/// nginx-wsgi-scheme-header fixture): Django then believes the client's scheme unless the proxy overwrites
/// that header, exactly as with SECURE_PROXY_SSL_HEADER.
/// </summary>
public sealed class WsgiSchemeHeaderTests
{
    [Fact]
    public void A_scheme_header_the_proxy_passes_through_is_dp309_where_the_wsgi_file_reads_it()
    {
        var project = new ProjectContext(Dir("nginx-wsgi-scheme-header"), new ScanOptions { NoHistory = true });
        // The conditional expression's header is not followed: only a plain read, or a name bound to one.
        Assert.Equal(
        [
            "DP309 pantry/wsgi.py:11:14 medium high | pantry/wsgi.py sets wsgi.url_scheme from the X-Scheme request header, but no nginx location overwrites it (e.g. nginx/pantry.conf:13): clients can claim HTTPS themselves.",
        ], Render(new ProxySslHeaderNotOverwritten().Check(project, project.Settings.Production)));
    }

    [Fact]
    public void A_proxy_that_overwrites_the_header_makes_it_safe()
    {
        using var dir = new TempDirectory("dp-wsgi-scheme");
        var project = Variant(dir, "nginx-wsgi-scheme-header", "nginx/pantry.conf", "proxy_set_header Host $host;", "proxy_set_header Host $host;\n        proxy_set_header X-Scheme $scheme;");
        Assert.Empty(new ProxySslHeaderNotOverwritten().Check(project, project.Settings.Production));
    }

    [Fact]
    public void Without_a_proxy_configuration_it_is_said_at_low_confidence()
    {
        using var dir = new TempDirectory("dp-wsgi-scheme");
        var root = dir.CopyFrom(Dir("nginx-wsgi-scheme-header"), "nginx-wsgi-scheme-header");
        File.Delete(Path.Combine(root, "nginx", "pantry.conf"));
        var project = new ProjectContext(root, new ScanOptions { NoHistory = true });
        Assert.Equal(
        [
            "DP309 pantry/wsgi.py:11:14 medium low | pantry/wsgi.py sets wsgi.url_scheme from the X-Scheme request header, and the repository holds no proxy configuration that shows it is overwritten; make sure the front server always sets it.",
        ], Render(new ProxySslHeaderNotOverwritten().Check(project, project.Settings.Production)));
    }

    [Fact]
    public void A_header_read_for_something_else_is_not_a_scheme()
    {
        using var dir = new TempDirectory("dp-wsgi-scheme");
        var project = Variant(dir, "nginx-wsgi-scheme-header", "pantry/wsgi.py", "environ[\"wsgi.url_scheme\"] = scheme\n", "environ[\"SCRIPT_NAME\"] = scheme\n");
        Assert.Empty(new ProxySslHeaderNotOverwritten().Check(project, project.Settings.Production));
    }
}
