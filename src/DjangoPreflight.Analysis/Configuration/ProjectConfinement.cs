using DjangoPreflight.Core.Files;

namespace DjangoPreflight.Analysis.Configuration;

/// <summary>
/// What a configuration read from the scanned project may make us read: files inside the project,
/// outside its version-control folder, with every link followed. A pull request may change the
/// project's pyproject.toml; it must not be able to name <c>/home/ci/.ssh/id_rsa</c>, <c>../../</c>,
/// or <c>.git/config</c> (where CI checkouts keep their token) and have them read into a report.
/// </summary>
public static class ProjectConfinement
{
    private static readonly string[] VersionControlFolders = [".git", ".hg", ".svn"];

    /// <summary>Why the project's configuration may not name <paramref name="fullPath"/>, or null when it may.</summary>
    public static string? Problem(string fullPath, string projectDirectory)
    {
        if (!RealPath.IsInside(fullPath, projectDirectory))
            return "outside the project";
        var real = RealPath.Of(fullPath)!;
        var top = RealPath.Of(projectDirectory)!;
        var parts = Path.GetRelativePath(top, real).Split(Path.DirectorySeparatorChar);
        return parts.FirstOrDefault(p => VersionControlFolders.Contains(p, StringComparer.OrdinalIgnoreCase)) is { } folder
            ? $"inside the project's {folder} folder"
            : null;
    }
}
