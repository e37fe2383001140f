using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Rules.Operations;
using DjangoPreflight.TestSupport;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>
/// DP604 reads uWSGI: a static-map serving MEDIA_URL serves uploads from the app's own origin typed
/// by their name, unless a route adds a Content-Disposition attachment or a sandbox CSP header for
/// that path. The uwsgi-media fixture's route makes uploads downloads; the variants change it.
/// </summary>
public sealed class UwsgiMediaTests
{
    private static readonly SettingsModel MediaUrl = Settings(("MEDIA_URL", new PyStr("/media/"), 50));

    private const string MediaRoute = "route = ^/media/ addheader:Content-Disposition: attachment\n";

    private static ProjectContext WithRoute(TempDirectory dir, string route) => Variant(dir, "uwsgi-media", "uwsgi.ini", MediaRoute, route);

    [Fact]
    public void A_media_static_map_whose_uploads_are_downloads_is_not_dp604()
    {
        Assert.Empty(new MediaMayBeExecuted().Check(Project("uwsgi-media"), MediaUrl));
        using var dir = new TempDirectory("dp-uwsgi");
        // A sandbox CSP for every path covers /media too.
        Assert.Empty(new MediaMayBeExecuted().Check(WithRoute(dir, "route = ^/ addheader:Content-Security-Policy: sandbox\n"), MediaUrl));
    }

    [Theory]
    [InlineData("")]
    [InlineData("route = ^/med.*/ addheader:Content-Disposition: attachment\n")]
    [InlineData("route = ^/media/ addheader:Content-Disposition: inline\n")]
    [InlineData("route = ^/media/ addheader:Cache-Control: max-age=3600\n")]
    public void A_media_static_map_serving_uploads_by_their_type_is_dp604(string route)
    {
        using var dir = new TempDirectory("dp-uwsgi");
        // The /static route's sandbox CSP does not reach /media.
        Assert.Equal(
        [
            "DP604 uwsgi.ini:5 medium medium | Uploads under /media are served by uWSGI's static-map (/app/media) from the app's own origin with the type their name suggests: an uploaded .html or .svg runs script on this site (no route adding a Content-Disposition attachment or sandbox CSP header for that path).",
        ], Render(new MediaMayBeExecuted().Check(WithRoute(dir, route), MediaUrl)));
    }

    [Fact]
    public void A_static_map_of_static_files_only_is_not_media()
    {
        Assert.Empty(new MediaMayBeExecuted().Check(Project("uwsgi-static-map"), MediaUrl));
    }
}
