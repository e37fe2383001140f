using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Rules.Operations;
using DjangoPreflight.TestSupport;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>
/// DP604 on media served by folder: what the project's model fields store in a folder decides whether
/// an uploaded page can be served from it. The nginx-media-folders fixture serves an ImageField's
/// folder, imagekit's generated-thumbnail folder and a FileField's folder; variants change the fields.
/// </summary>
public sealed class MediaFoldersTests
{
    private static readonly SettingsModel MediaUrl = Settings(("MEDIA_URL", new PyStr("/media/"), 50));

    private const string Attachments =
        "DP604 site.conf:21 medium medium | Uploads under /media/attachments/ are served with the type their name suggests: an uploaded .html or .svg runs script on this site (no Content-Disposition attachment, sandbox CSP or forced type).";

    [Fact]
    public void A_folder_only_image_fields_store_into_is_a_low_note_and_a_file_fields_folder_stays_medium()
    {
        Assert.Equal(
        [
            "DP604 site.conf:11 low medium | Uploads under /media/avatars/ are served with the type their name suggests (no Content-Disposition attachment, sandbox CSP or forced type), but the only model fields storing files there hold images (Member.avatar at gallery/models.py:8): Django accepts image uploads only with extensions Pillow reads, so no uploaded .html or .svg lands there through them.",
            "DP604 site.conf:16 low medium | Uploads under /media/CACHE/ are served with the type their name suggests (no Content-Disposition attachment, sandbox CSP or forced type), but the only model fields storing files there hold images (Member.avatar_thumb at gallery/models.py:9): Django accepts image uploads only with extensions Pillow reads, so no uploaded .html or .svg lands there through them.",
            Attachments,
        ], Render(new MediaMayBeExecuted().Check(Project("nginx-media-folders"), MediaUrl)));
    }

    [Fact]
    public void A_field_whose_folder_the_code_decides_leaves_every_folder_medium()
    {
        using var dir = new TempDirectory("dp-media-folders");
        var project = Variant(dir, "nginx-media-folders", "gallery/models.py", "upload_to=\"attachments/\"", "upload_to=attachment_path");
        Assert.All(Render(new MediaMayBeExecuted().Check(project, MediaUrl)), f => Assert.StartsWith("DP604 site.conf:", f));
        Assert.Equal(3, Render(new MediaMayBeExecuted().Check(project, MediaUrl)).Count(f => f.Contains(" medium medium | ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_file_field_storing_into_the_image_folder_makes_it_medium()
    {
        using var dir = new TempDirectory("dp-media-folders");
        // A strftime pattern past the folder keeps the files in it.
        var project = Variant(dir, "nginx-media-folders", "gallery/models.py", "upload_to=\"attachments/\"", "upload_to=\"avatars/%Y/%m/\"");
        Assert.Contains(Render(new MediaMayBeExecuted().Check(project, MediaUrl)),
            f => f.StartsWith("DP604 site.conf:11 medium medium | Uploads under /media/avatars/ ", StringComparison.Ordinal));
    }

    [Fact]
    public void Imagekit_writing_elsewhere_leaves_the_cache_folder_unexplained()
    {
        using var dir = new TempDirectory("dp-media-folders");
        var root = dir.CopyFrom(Dir("nginx-media-folders"), "nginx-media-folders");
        File.WriteAllText(Path.Combine(root, "manage.py"), "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'gallery.settings')\n");
        File.WriteAllText(Path.Combine(root, "gallery", "settings.py"), "IMAGEKIT_CACHEFILE_DIR = 'thumbs'\nMEDIA_URL = '/media/'\n");
        var project = new ProjectContext(root, new ScanOptions());
        Assert.Equal("gallery.settings", project.Settings.Production?.Module);
        Assert.Contains(Render(new MediaMayBeExecuted().Check(project, MediaUrl)),
            f => f.StartsWith("DP604 site.conf:16 medium medium | Uploads under /media/CACHE/ ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_media_root_itself_stays_medium_whatever_the_fields()
    {
        // Only an image field, but files the code writes by hand into MEDIA_ROOT are not known.
        using var dir = new TempDirectory("dp-media-folders");
        var project = Variant(dir, "nginx-media-folders", "site.conf", "location /media/attachments/ {", "location /media/ {");
        Assert.Contains(Render(new MediaMayBeExecuted().Check(project, MediaUrl)),
            f => f.StartsWith("DP604 site.conf:21 medium medium | Uploads under /media/ ", StringComparison.Ordinal));
    }
}
