using DjangoPreflight.Analysis.Project;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Analysis.Tests.Code;

/// <summary>The model fields that store files under MEDIA_ROOT, and the folder each puts them in.</summary>
public class UploadFieldsTests
{
    private static IReadOnlyList<string> Fields(string models, string? settings = null)
    {
        using var dir = new TempDirectory();
        foreach (var (path, text) in new[]
        {
            ("manage.py", "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"proj.settings\")\n"),
            ("proj/__init__.py", ""),
            ("proj/settings.py", settings ?? "MEDIA_URL = '/media/'\n"),
            ("proj/models.py", models),
        })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir.Path, path))!);
            File.WriteAllText(Path.Combine(dir.Path, path), text);
        }
        return new ProjectContext(dir.Path, new ScanOptions { NoHistory = true }).Code.UploadFields
            .Select(f => $"{f.Field} {f.Folder ?? "?"} {(f.ImagesOnly ? "images" : "files")} {f.Location.Line}").ToList();
    }

    [Fact]
    public void Each_storing_field_gets_the_folder_its_upload_to_names()
    {
        Assert.Equal(
        [
            "Photo.original  images 5",
            "Photo.scan scans images 6",
            "Photo.by_month docs files 7",
            "Photo.thumb CACHE/images images 8",
            "Photo.renamed ? files 9",
            "Photo.own_storage ? files 10",
            "Photo.any_folder ? files 11",
            "Photo.escaping ? images 12",
            "Photo.sized avatars images 13",
        ], Fields("""
            from django.db import models
            from imagekit.models import ImageSpecField

            class Photo(models.Model):
                original = models.ImageField()
                scan = models.ImageField(upload_to="/scans/")
                by_month = models.FileField(upload_to="docs/%Y/%m/")
                thumb = ImageSpecField(source="original")
                renamed = models.FileField(upload_to=rename)
                own_storage = models.FileField(upload_to="private/", storage=PrivateStorage())
                any_folder = models.FileField(upload_to="up%Y")
                escaping = models.ImageField(upload_to="../etc/")
                sized: models.ImageField = ThumbnailerImageField(upload_to="avatars")
            """));
    }

    [Fact]
    public void Form_and_serializer_fields_store_nothing()
    {
        Assert.Empty(Fields("""
            from django import forms
            from rest_framework import serializers
            from django.forms import FileField

            class UploadForm(forms.Form):
                document = forms.FileField()
                bare = FileField()

            class PhotoSerializer(serializers.Serializer):
                image = serializers.ImageField()
            """));
    }

    [Fact]
    public void Imagekit_images_go_where_the_settings_send_them()
    {
        const string models = "from imagekit.models import ImageSpecField\n\nclass Photo:\n    thumb = ImageSpecField(source='original')\n";
        Assert.Equal(["Photo.thumb thumbs images 4"], Fields(models, "IMAGEKIT_CACHEFILE_DIR = '/thumbs/'\n"));
        Assert.Equal(["Photo.thumb ? images 4"], Fields(models, "import os\nIMAGEKIT_CACHEFILE_DIR = os.environ['THUMBS']\n"));
    }
}
