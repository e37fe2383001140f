namespace DjangoPreflight.Analysis.Project;

/// <summary>Decides whether a directory is a Django project at all, so that scanning the wrong
/// folder gives a clear error instead of an empty, reassuring report.</summary>
public static class DjangoProjectDetector
{
    private static readonly string[] DependencyFiles =
        ["requirements.txt", "pyproject.toml", "Pipfile", "Pipfile.lock", "poetry.lock", "uv.lock", "setup.py", "setup.cfg"];

    public static bool LooksLikeDjango(ProjectFiles files)
    {
        foreach (var path in files.All)
        {
            var name = ProjectFiles.FileName(path);
            if (name is "manage.py" or "settings.py" || path.Contains("/settings/", StringComparison.Ordinal) && name.EndsWith(".py", StringComparison.Ordinal))
                return true;
            if (name is "wsgi.py" or "asgi.py" && (files.ReadText(path)?.Contains("DJANGO_SETTINGS_MODULE", StringComparison.Ordinal) ?? false))
                return true;
            if ((DependencyFiles.Contains(name) || name.StartsWith("requirements", StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal))
                && (files.ReadText(path)?.Contains("django", StringComparison.OrdinalIgnoreCase) ?? false))
                return true;
        }
        return false;
    }
}
