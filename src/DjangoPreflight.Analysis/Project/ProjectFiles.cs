using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Enumeration;
using System.Text;
using DjangoPreflight.Analysis.Configuration;
using DjangoPreflight.Core.Files;

namespace DjangoPreflight.Analysis.Project;

/// <summary>
/// The files of a project: discovered once (directory symlinks are not followed, so loops are
/// impossible; virtualenvs, VCS and cache folders are skipped), addressed by paths relative to the
/// root with '/', read at most once each. Unreadable or oversized files become notices. The walk
/// and the reads of the steps before the rules honour the scan's time budget.
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
    private readonly ScanBudget _budget;
    private readonly Lazy<IReadOnlyList<string>> _all;
    private readonly Lazy<HashSet<string>> _listed;
    private readonly ConcurrentDictionary<string, string?> _text = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]?> _bytes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _notMentioningTool = new(StringComparer.Ordinal);

    /// <param name="exclude">The configuration's exclude patterns: matching files and folders are not read at all.</param>
    /// <param name="budget">The scan's time budget: the walk stops when it runs out, and so do the
    /// reads of a step before the rules (see <see cref="ScanBudget.Step{T}"/>).</param>
    public ProjectFiles(string root, long maxBytes, ProjectDiagnostics diagnostics, IReadOnlyList<PathGlob>? exclude = null, ScanBudget? budget = null)
    {
        Root = root;
        _budget = budget ?? ScanBudget.Unbounded;
        _maxBytes = maxBytes;
        _exclude = exclude ?? [];
        _diagnostics = diagnostics;
        _all = new Lazy<IReadOnlyList<string>>(() => _budget.Step("listing the project's files", Discover));
        _listed = new Lazy<HashSet<string>>(() => All.ToHashSet(StringComparer.Ordinal));
    }

    public string Root { get; }

    /// <summary>Every file, relative with '/', in ordinal order.</summary>
    public IReadOnlyList<string> All => _all.Value;

    /// <summary>The walk stopped when the scan's time budget ran out: files not in <see cref="All"/>
    /// may exist (the notice names the folders not listed).</summary>
    public bool Partial
    {
        get
        {
            _ = _all.Value;
            return _partial;
        }
    }

    private bool _partial;

    public IEnumerable<string> WithExtension(string extension) =>
        All.Where(p => p.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<string> Named(string fileName) =>
        All.Where(p => string.Equals(FileName(p), fileName, StringComparison.Ordinal));

    /// <summary>True for a file the walk found: never one reached through a directory link, or a link that leaves the project.</summary>
    public bool Exists(string relative) => _listed.Value.Contains(relative);

    public string FullPath(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string FileName(string relative) => relative[(relative.LastIndexOf('/') + 1)..];

    /// <summary>The file's bytes, or null (with a notice) when missing, unreadable or too large, or
    /// when a step before the rules would read it after the time budget ran out (then not kept: it is
    /// read when asked for again outside such a step).</summary>
    public byte[]? ReadBytes(string relative) =>
        _bytes.TryGetValue(relative, out var cached) ? cached : _budget.RefusesRead(relative) ? null : _bytes.GetOrAdd(relative, Load);

    /// <summary>Like <see cref="ReadBytes"/>, without keeping the bytes: for a pass over many files
    /// that reads each once (a cached copy is still used when there is one).</summary>
    public byte[]? ReadBytesUncached(string relative) =>
        _bytes.TryGetValue(relative, out var cached) ? cached : _budget.RefusesRead(relative) ? null : Load(relative);

    /// <summary>Like <see cref="ReadBytesUncached"/>, into a buffer rented from the shared pool: for
    /// the parse of every application file, which reads each once and is done with it after one
    /// pass. Reading every file into a fresh array made the collector clear and reclaim the whole
    /// project's bytes, the big files' on its large-object heap.</summary>
    public PooledBytes? ReadPooled(string relative)
    {
        if (_bytes.TryGetValue(relative, out var cached)) return cached is null ? null : new PooledBytes(cached, cached.Length, rented: false);
        if (_budget.RefusesRead(relative)) return null;
        return Load(relative, pooled: true, out var length) is { } bytes ? new PooledBytes(bytes, length, rented: bytes.Length > 0) : null;
    }

    /// <summary>False when the file was read and does not name the tool (see <see cref="ToolMention"/>):
    /// it holds no suppression directive, and need not be read again to find out.</summary>
    public bool MayMentionTool(string relative) => !_notMentioningTool.ContainsKey(relative);

    /// <summary>The file as UTF-8 text (invalid bytes replaced), or null like <see cref="ReadBytes"/>.</summary>
    public string? ReadText(string relative) =>
        _text.TryGetValue(relative, out var text) ? text : ReadBytes(relative) is { } b ? _text.GetOrAdd(relative, _ => Encoding.UTF8.GetString(b)) : null;

    private byte[]? Load(string relative) => Load(relative, pooled: false, out _);

    /// <summary>Reads the file: its bytes are the first <paramref name="length"/> of the array returned
    /// (all of it unless <paramref name="pooled"/>, when a non-empty one is rented from the shared pool).</summary>
    private byte[]? Load(string relative, bool pooled, out int length)
    {
        length = 0;
        // Only what the walk found is read: a name a project file gives ("conf/app.env", an nginx
        // include) may lead through a directory link out of the project.
        if (!Exists(relative)) return null;
        var full = FullPath(relative);
        try
        {
            var info = new FileInfo(full);
            if (!info.Exists) return null;
            // Named pipes, sockets and devices report length 0; opening a pipe would block forever.
            if (info.Length == 0)
            {
                if (FileTypes.Of(full) is FileType.Regular or FileType.Unknown) return [];
                _diagnostics.Notice($"{relative}: skipped, {FileTypes.Describe(FileTypes.Of(full))}, not a regular file");
                return null;
            }
            if (info.Length > _maxBytes)
            {
                _diagnostics.Notice($"{relative}: skipped, {info.Length} bytes is over the {_maxBytes}-byte limit");
                return null;
            }
            byte[] bytes;
            if (pooled)
            {
                bytes = ReadInto(full, ArrayPool<byte>.Shared.Rent((int)info.Length), out length);
            }
            else
            {
                bytes = File.ReadAllBytes(full);
                length = bytes.Length;
            }
            if (!ToolMention.In(bytes.AsSpan(0, length))) _notMentioningTool.TryAdd(relative, 0);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _diagnostics.Notice($"{relative}: unreadable ({e.GetType().Name})");
            return null;
        }
    }

    /// <summary>Reads the file into <paramref name="buffer"/>, which is at least as long as the file
    /// was when it was measured; a file that shrank since gives fewer bytes, one that grew its first ones.</summary>
    private static byte[] ReadInto(string full, byte[] buffer, out int length)
    {
        using var handle = File.OpenHandle(full);
        length = 0;
        for (int read; length < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(length), length)) > 0;)
            length += read;
        return buffer;
    }

    private IReadOnlyList<string> Discover()
    {
        var found = new List<string>();
        var excluded = 0;
        var pending = new Stack<string>();
        pending.Push("");
        while (pending.Count > 0)
        {
            if (_budget.Expired)
            {
                // The folders left are named; the scan goes on with the files listed so far.
                foreach (var left in pending) _budget.CutShort("folders not listed", left.Length == 0 ? "." : left + "/");
                _partial = true;
                break;
            }
            var dir = pending.Pop();
            var full = dir.Length == 0 ? Root : FullPath(dir);
            List<Entry> entries;
            try
            {
                entries = new FileSystemEnumerable<Entry>(full, ToEntry, EveryEntry).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _diagnostics.Notice($"{(dir.Length == 0 ? "." : dir)}: directory unreadable ({e.GetType().Name})");
                continue;
            }
            foreach (var entry in entries)
            {
                var relative = dir.Length == 0 ? entry.Name : dir + "/" + entry.Name;
                if (_exclude.Count > 0 && _exclude.Any(g => g.MatchesEntry(relative)))
                {
                    excluded++;
                    continue;
                }
                if (entry.IsDirectory)
                {
                    // Following directory links could loop forever or leave the project; we never do.
                    if (entry.IsLink || SkippedDirectories.Contains(entry.Name) || File.Exists(Path.Combine(FullPath(relative), "pyvenv.cfg")))
                        continue;
                    pending.Push(relative);
                }
                else if (!entry.IsLink || LinkStaysInside(relative))
                {
                    found.Add(relative);
                }
            }
        }
        found.Sort(StringComparer.Ordinal);
        if (excluded > 0) _diagnostics.Notice($"{excluded} {(excluded == 1 ? "file or folder was" : "files and folders were")} not read: the configuration excludes them");
        return found;
    }

    /// <summary>A directory entry as the walk needs it: taken from the directory listing itself, where
    /// FileSystemInfo objects cost a readlink per entry to tell links apart.</summary>
    private readonly record struct Entry(string Name, bool IsDirectory, bool IsLink);

    private static readonly FileSystemEnumerable<Entry>.FindTransform ToEntry = static (ref FileSystemEntry e) =>
        new Entry(e.FileName.ToString(), e.IsDirectory, (e.Attributes & FileAttributes.ReparsePoint) != 0);

    // Hidden entries too (.env, .github): the default options skip them.
    private static readonly EnumerationOptions EveryEntry = new() { AttributesToSkip = 0, IgnoreInaccessible = false };

    /// <summary>A file link is read only if it resolves to a file inside the project: a link to
    /// /etc or a home directory must not make the scan read (and perhaps quote) what it points at.</summary>
    private bool LinkStaysInside(string relative)
    {
        FileSystemInfo? target;
        try
        {
            target = new FileInfo(FullPath(relative)).ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException)
        {
            target = null; // a link cycle
        }
        if (target is FileInfo { Exists: true } file && file.FullName.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return true;
        _diagnostics.Notice($"{relative}: skipped, a link that does not resolve to a file inside the project");
        return false;
    }
}
