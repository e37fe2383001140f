using System.Net;

namespace DjangoPreflight.Cli.Tests.Examples;

/// <summary>
/// What each example's production settings really send over HTTP when served by gunicorn
/// (Django 3.2), as nginx would forward requests. These are the targets of the live probe.
/// </summary>
public sealed class ExampleServedTests
{
    private const string Production = "shop.settings.production";
    private const string Host = "shop.example.com";

    [Fact]
    public async Task HardenedShop_InSingleBoxMode_CollectsStaticAndServesSecurityHeaders()
    {
        // The documented single-box mode the live-probe lab uses: SQLite and a local cache,
        // everything else exactly as in production.env.
        using var project = ExampleProject.Copy(ExampleProject.Hardened);
        var environment = LabEnvironment(project);
        var migrate = DjangoManage.Run(project, Production, environment, "migrate", "--noinput");
        var collect = DjangoManage.Run(project, Production, environment, "collectstatic", "--noinput");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.True(File.Exists(project.PathOf("lab.sqlite3")));
        Assert.True(collect.ExitCode == 0, collect.ToString());
        Assert.True(File.Exists(project.PathOf("collected-static/admin/css/base.css")));
        Assert.True(File.Exists(project.PathOf("collected-static/css/shop.css")));
        using var server = GunicornServer.Start(project, environment);

        using var home = server.Get("/", Host, viaHttps: true);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains; preload", Header(home, "Strict-Transport-Security"));
        Assert.Equal("DENY", Header(home, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(home, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(home, "Referrer-Policy"));
        Assert.Equal("same-origin", Header(home, "Cross-Origin-Opener-Policy"));
        Assert.StartsWith("default-src 'self'; script-src 'self';", Header(home, "Content-Security-Policy"));

        using var login = server.Get("/backoffice/login/", Host, viaHttps: true);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        string csrfCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("csrftoken=", StringComparison.Ordinal));
        Assert.Contains("; Secure", csrfCookie);
        Assert.Contains("; HttpOnly", csrfCookie);
        Assert.Contains("SameSite=Lax", csrfCookie);

        using var plainHttp = server.Get("/", Host, viaHttps: false);
        Assert.Equal(HttpStatusCode.MovedPermanently, plainHttp.StatusCode);
        Assert.Equal($"https://{Host}/", plainHttp.Headers.Location?.ToString());

        using var missing = server.Get("/no-such-page/", Host, viaHttps: true);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("We could not find that page.", await missing.Content.ReadAsStringAsync());

        using var unknownHost = server.Get("/", "attacker.example", viaHttps: true);
        Assert.Equal(HttpStatusCode.BadRequest, unknownHost.StatusCode);
        Assert.Contains("Your browser sent a request we could not understand.", await unknownHost.Content.ReadAsStringAsync());

        using var orders = server.Get("/api/orders/", Host, viaHttps: true);
        Assert.Equal(HttpStatusCode.Forbidden, orders.StatusCode);
    }

    [Fact]
    public async Task InsecureShop_ServesDebugPagesToAnyHostOverPlainHttp()
    {
        using var project = ExampleProject.Copy(ExampleProject.Insecure);
        var environment = DjangoManage.ProductionEnvironment(project);
        environment["DJANGO_LOG_FILE"] = project.PathOf("shop.log");
        using var server = GunicornServer.Start(project, environment);

        using var missing = server.Get("/no-such-page/", "attacker.example", viaHttps: false);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.False(missing.Headers.Contains("Strict-Transport-Security"));
        string body = await missing.Content.ReadAsStringAsync();
        Assert.Contains("because you have <code>DEBUG = True</code>", body);
        Assert.Contains("shop.urls", body);

        using var orders = server.Get("/api/orders/", Host, viaHttps: false);
        Assert.Equal("SAMEORIGIN", Header(orders, "X-Frame-Options"));
    }

    /// <summary>production.env plus the documented single-box overrides (SQLite, local cache) in the temp copy.</summary>
    private static Dictionary<string, string> LabEnvironment(ExampleProject project)
    {
        var environment = DjangoManage.ProductionEnvironment(project);
        environment["DJANGO_SETTINGS_MODULE"] = Production;
        environment["DJANGO_DB_ENGINE"] = "sqlite";
        environment["DJANGO_SQLITE_PATH"] = project.PathOf("lab.sqlite3");
        environment["DJANGO_CACHE_ENGINE"] = "locmem";
        environment["DJANGO_STATIC_ROOT"] = project.PathOf("collected-static");
        environment["DJANGO_MEDIA_ROOT"] = project.PathOf("lab-media");
        return environment;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues(name, out var values) ? values
            : response.Content.Headers.TryGetValues(name, out var contentValues) ? contentValues : []);
}
