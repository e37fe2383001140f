namespace DjangoPreflight.Probe.Tests.Lab;

/// <summary>A throw-away directory for one lab deployment, readable by nginx's unprivileged
/// workers, removed when the lab stops; and the copy of an example project into it.</summary>
public sealed class LabDirectory : IDisposable
{
    public LabDirectory(string name)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dpl-lab-{name}-{Guid.NewGuid():N}");
        Create(Path);
    }

    public string Path { get; }

    public string Sub(string name)
    {
        var dir = System.IO.Path.Combine(Path, name);
        Create(dir);
        return dir;
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "DjangoPreflight.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("repository root (DjangoPreflight.slnx) not found");
    }

    /// <summary>Copies examples/<paramref name="example"/> (without caches or databases) and returns the copy's path.</summary>
    public string CopyExample(string example, string into = "app")
    {
        var source = System.IO.Path.Combine(RepoRoot(), "examples", example);
        var target = Sub(into);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(source, file);
            if (relative.Contains("__pycache__") || relative.EndsWith(".sqlite3", StringComparison.Ordinal)) continue;
            var to = System.IO.Path.Combine(target, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    /// <summary>Reads KEY=VALUE lines (comments and blanks skipped), like systemd's EnvironmentFile=.</summary>
    public static Dictionary<string, string> ReadEnvFile(string path) =>
        File.ReadAllLines(path)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains('='))
            .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);

    private static void Create(string dir)
    {
        Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
