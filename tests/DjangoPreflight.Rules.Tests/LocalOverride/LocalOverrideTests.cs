namespace DjangoPreflight.Rules.Tests.LocalOverride;

/// <summary>Settings that end by loading a git-ignored local file: what that file may set is unknown,
/// and an unknown is never reported as a fact (#16 item 5, #17).</summary>
public class LocalOverrideTests
{
    [Fact]
    public void A_storage_the_local_file_may_set_is_not_a_start_up_refusal()
    {
        // STATICFILES_STORAGE is set; STORAGES only may be, by the exec'd local file: Django 4.2 starts.
        using var project = new LocalOverrideProject("exec-local-settings");
        Assert.Empty(project.Findings("DP214"));
    }

    [Fact]
    public void Both_storages_set_by_the_project_still_stop_django_4_2()
    {
        using var project = new LocalOverrideProject("exec-local-settings");
        project.AppendToSettings("\nSTORAGES = {\"default\": {\"BACKEND\": \"django.core.files.storage.FileSystemStorage\"}}\n");
        var finding = Assert.Single(project.Findings("DP214"));
        Assert.StartsWith("DP214 site_app/settings.py:6:1 Certain: STATICFILES_STORAGE and STORAGES are both set", finding, StringComparison.Ordinal);
    }
}
