namespace DjangoPreflight.Core.Files;

/// <summary>
/// Where a path really leads once every symbolic link in it is followed, to decide whether a file a
/// project names stays inside the project. A link in any component counts, not only the last one:
/// "conf/app.env" leaves the project when "conf" is a link to /etc.
/// </summary>
public static class RealPath
{
    // As Linux's own limit on links followed in one lookup (MAXSYMLINKS): beyond it is a loop.
    private const int MaxLinks = 40;

    /// <summary>The absolute path with every link resolved; null for a link loop. Components that
    /// do not exist are kept as written (nothing there can lead anywhere else).</summary>
    public static string? Of(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var pending = new Stack<string>(Parts(full[root.Length..]).Reverse());
        var current = root;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }
            var next = Path.Join(current, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (IOException)
            {
                target = null;
            }
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks) return null;
            if (Path.IsPathRooted(target)) current = Path.GetPathRoot(target)!;
            foreach (var p in Parts(target).Reverse()) pending.Push(p);
        }
        return current;
    }

    /// <summary>True when <paramref name="path"/> leads to <paramref name="directory"/> or somewhere
    /// under it, links in either resolved.</summary>
    public static bool IsInside(string path, string directory) =>
        Of(path) is { } real && Of(directory) is { } top
        && (real == top || real.StartsWith(Path.TrimEndingDirectorySeparator(top) + Path.DirectorySeparatorChar, StringComparison.Ordinal));

    private static IEnumerable<string> Parts(string path) =>
        path.Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".");
}
