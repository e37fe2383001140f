using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Code;

/// <summary>
/// A model field that stores files under MEDIA_ROOT: Django's FileField/ImageField and the fields
/// named after them (easy-thumbnails' ThumbnailerImageField, imagekit's ProcessedImageField), and
/// imagekit's ImageSpecField (<paramref name="Generated"/>), which writes the images it generates under
/// IMAGEKIT_CACHEFILE_DIR.
/// <paramref name="Field"/> is Class.attribute; <paramref name="Folder"/> is the folder under MEDIA_ROOT its files land in ("" for MEDIA_ROOT itself),
/// null when the code decides (a callable or computed upload_to, a storage of its own).
/// <paramref name="ImagesOnly"/>: only images land there: an ImageField, whose form and model
/// validation accept only the extensions Pillow reads (never .html or .svg), or a generated image.
/// </summary>
public sealed record UploadField(string Field, string? Folder, bool ImagesOnly, bool Generated, SourceLocation Location)
{
    /// <summary>imagekit's IMAGEKIT_CACHEFILE_DIR default: where ImageSpecField writes its images.</summary>
    public const string ImagekitCacheFolder = "CACHE/images";

    /// <summary>The folder under MEDIA_ROOT for IMAGEKIT_CACHEFILE_DIR's value: its default when unset,
    /// the literal's folder, null when not a known string.</summary>
    public static string? ImagekitFolder(PyValue? setting) => setting switch
    {
        null => ImagekitCacheFolder,
        PyStr { Value: var dir } when !dir.Contains("..", StringComparison.Ordinal) => dir.Trim('/'),
        _ => null,
    };

    /// <summary>Whether files of this field can land in <paramref name="folder"/> (relative to
    /// MEDIA_ROOT, without slashes at the ends): the field's folder is it, is inside it, or holds it.</summary>
    public bool MayLandIn(string folder) =>
        Folder is null || Folder == folder || Folder.StartsWith(folder + "/", StringComparison.Ordinal)
        || folder.StartsWith(Folder + "/", StringComparison.Ordinal);

    /// <summary>The storing model fields a module's classes declare (class-body assignments only: a
    /// form's or serializer's FileField stores nothing).</summary>
    internal static IEnumerable<UploadField> Of(string path, Module module)
    {
        var formNames = FormFieldImports(module);
        foreach (var c in AstWalker.DescendantsOfType<ClassDef>(module))
            foreach (var statement in c.Body)
            {
                var (target, value) = statement switch
                {
                    Assign { Targets: [Name t], Value: Call v } => (t.Id, v),
                    AnnAssign { Target: Name t, Value: Call v } => (t.Id, v),
                    _ => (null, null),
                };
                if (target is null || value is null || DottedName.Callee(value) is not { } callee) continue;
                if (FieldOf(callee, formNames) is not { } kind) continue;
                var at = new SourceLocation(path, value.Lineno, value.ColOffset + 1);
                yield return kind switch
                {
                    Kind.GeneratedImage => new UploadField($"{c.Name}.{target}", ImagekitCacheFolder, true, true, at),
                    _ => new UploadField($"{c.Name}.{target}", FolderOf(value), kind == Kind.Image, false, at),
                };
            }
    }

    private enum Kind { File, Image, GeneratedImage }

    private static Kind? FieldOf(string callee, HashSet<string> formNames)
    {
        var dot = callee.LastIndexOf('.');
        var (qualifier, name) = dot < 0 ? ("", callee) : (callee[..dot], callee[(dot + 1)..]);
        // forms.FileField, serializers.ImageField and the like validate an upload; they store nothing.
        if (qualifier.EndsWith("forms", StringComparison.Ordinal) || qualifier.EndsWith("serializers", StringComparison.Ordinal)
            || dot < 0 && formNames.Contains(name))
            return null;
        if (name == "ImageSpecField") return Kind.GeneratedImage;
        if (name.EndsWith("ImageField", StringComparison.Ordinal)) return Kind.Image;
        if (name.EndsWith("FileField", StringComparison.Ordinal)) return Kind.File;
        return null;
    }

    /// <summary>upload_to's folder: "" when absent (files land in MEDIA_ROOT), the literal's folder part
    /// (strftime patterns past it do not leave it), null for a callable, a computed value or a storage
    /// of the field's own, whose location this does not read.</summary>
    private static string? FolderOf(Call field)
    {
        if (DottedName.Keyword(field, "storage") is not null || field.Keywords.Any(k => k.Name is null)) return null;
        if (DottedName.Keyword(field, "upload_to") is not { } uploadTo) return "";
        if (DottedName.String(uploadTo) is not { } text) return null;
        var folder = text.TrimStart('/');
        // "docs/%Y/%m" stays in docs; "up%Y" makes folders of any name.
        if (folder.IndexOf('%') is >= 0 and var pattern)
        {
            if (pattern > 0 && folder[pattern - 1] != '/') return null;
            folder = folder[..pattern];
        }
        folder = folder.TrimEnd('/');
        return folder.Contains("..", StringComparison.Ordinal) ? null : folder;
    }

    /// <summary>Names a module imports from django.forms or rest_framework.serializers.</summary>
    private static HashSet<string> FormFieldImports(Module module) =>
        module.Body.OfType<ImportFrom>()
            .Where(i => i.ModuleName is "django.forms" or "django.forms.fields" or "rest_framework.serializers" or "rest_framework.fields")
            .SelectMany(i => i.Names).Select(n => n.AsName ?? n.Name).ToHashSet(StringComparer.Ordinal);
}
