using System.Collections.Concurrent;
using System.Text;
using DjangoPreflight.Analysis.Configuration;

namespace DjangoPreflight.Analysis.Project;

/// <summary>
/// The files of a project: discovered once (directory symlinks are not followed, so loops are
/// impossible; virtualenvs, VCS and cache folders are skipped), addressed by paths relative to the
/// root with '/', read at most once each. Unreadable or oversized files become notices.
/// </summary>
public sealed class ProjectFiles
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal)
    {
        ".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".nox",
        ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages", ".eggs", ".idea", ".vscode",
    };

    private readonly long _maxBytes;
    private readonly IReadOnlyList<PathGlob> _exclude;
    private readonly ProjectDiagnostics _diagnostics;
    private readonly Lazy<IReadOnlyList<string>> _all;
    private readonly ConcurrentDictionary<string, string?> _text = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]?> _bytes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _notMentioningTool = new(StringComparer.Ordinal);

    /// <param name="exclude">The configuration's exclude patterns: matching files and folders are not read at all.</param>
    public ProjectFiles(string root, long maxBytes, ProjectDiagnostics diagnostics, IReadOnlyList<PathGlob>? exclude = null)
    {
        Root = root;
        _maxBytes = maxBytes;
        _exclude = exclude ?? [];
        _diagnostics = diagnostics;
        _all = new Lazy<IReadOnlyList<string>>(Discover);
    }

    public string Root { get; }

    /// <summary>Every file, relative with '/', in ordinal order.</summary>
    public IReadOnlyList<string> All => _all.Value;

    public IEnumerable<string> WithExtension(string extension) =>
        All.Where(p => p.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<string> Named(string fileName) =>
        All.Where(p => string.Equals(FileName(p), fileName, StringComparison.Ordinal));

    public bool Exists(string relative) => File.Exists(FullPath(relative));

    public string FullPath(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string FileName(string relative) => relative[(relative.LastIndexOf('/') + 1)..];

    /// <summary>The file's bytes, or null (with a notice) when missing, unreadable or too large.</summary>
    public byte[]? ReadBytes(string relative) => _bytes.GetOrAdd(relative, Load);

    /// <summary>Like <see cref="ReadBytes"/>, without keeping the bytes: for a pass over many files
    /// that reads each once (a cached copy is still used when there is one).</summary>
    public byte[]? ReadBytesUncached(string relative) => _bytes.TryGetValue(relative, out var cached) ? cached : Load(relative);

    /// <summary>False when the file was read and does not name the tool (see <see cref="ToolMention"/>):
    /// it holds no suppression directive, and need not be read again to find out.</summary>
    public bool MayMentionTool(string relative) => !_notMentioningTool.ContainsKey(relative);

    /// <summary>The file as UTF-8 text (invalid bytes replaced), or null like <see cref="ReadBytes"/>.</summary>
    public string? ReadText(string relative) =>
        _text.GetOrAdd(relative, r => ReadBytes(r) is { } b ? Encoding.UTF8.GetString(b) : null);

    private byte[]? Load(string relative)
    {
        var full = FullPath(relative);
        try
        {
            var info = new FileInfo(full);
            if (!info.Exists) return null;
            // Named pipes, sockets and devices report length 0; opening a pipe would block forever.
            if (info.Length == 0) return [];
            if (info.Length > _maxBytes)
            {
                _diagnostics.Notice($"{relative}: skipped, {info.Length} bytes is over the {_maxBytes}-byte limit");
                return null;
            }
            var bytes = File.ReadAllBytes(full);
            if (!ToolMention.In(bytes)) _notMentioningTool.TryAdd(relative, 0);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _diagnostics.Notice($"{relative}: unreadable ({e.GetType().Name})");
            return null;
        }
    }

    private IReadOnlyList<string> Discover()
    {
        var found = new List<string>();
        var excluded = 0;
        var pending = new Stack<string>();
        pending.Push(Root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(dir).EnumerateFileSystemInfos().ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _diagnostics.Notice($"{Relative(dir)}: directory unreadable ({e.GetType().Name})");
                continue;
            }
            foreach (var entry in entries)
            {
                var isLink = entry.LinkTarget is not null;
                var relative = Relative(entry.FullName);
                if (_exclude.Count > 0 && _exclude.Any(g => g.MatchesEntry(relative)))
                {
                    excluded++;
                    continue;
                }
                if (entry is DirectoryInfo sub)
                {
                    // Following directory links could loop forever or leave the project; we never do.
                    if (isLink || SkippedDirectories.Contains(sub.Name) || File.Exists(Path.Combine(sub.FullName, "pyvenv.cfg")))
                        continue;
                    pending.Push(sub.FullName);
                }
                else if (!isLink || LinkStaysInside(entry))
                {
                    found.Add(relative);
                }
            }
        }
        found.Sort(StringComparer.Ordinal);
        if (excluded > 0) _diagnostics.Notice($"{excluded} {(excluded == 1 ? "file or folder was" : "files and folders were")} not read: the configuration excludes them");
        return found;
    }

    /// <summary>A file link is read only if it resolves to a file inside the project: a link to
    /// /etc or a home directory must not make the scan read (and perhaps quote) what it points at.</summary>
    private bool LinkStaysInside(FileSystemInfo link)
    {
        FileSystemInfo? target;
        try
        {
            target = link.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException)
        {
            target = null; // a link cycle
        }
        if (target is FileInfo { Exists: true } file && file.FullName.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return true;
        _diagnostics.Notice($"{Relative(link.FullName)}: skipped, a link that does not resolve to a file inside the project");
        return false;
    }

    private string Relative(string full) => Path.GetRelativePath(Root, full).Replace(Path.DirectorySeparatorChar, '/');
}
