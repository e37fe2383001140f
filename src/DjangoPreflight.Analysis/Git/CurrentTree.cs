using System.Text;

namespace DjangoPreflight.Analysis.Git;

/// <summary>
/// Where secrets found in the history are now: whether HEAD's tree still holds each value, and at
/// which path and line (decided by the value itself, so a key moved to another file, another line
/// or another variable is still found), and what became of a file that HEAD no longer has (deleted,
/// or renamed, and in which commit). HEAD's secrets-prone files are read through one
/// <c>git cat-file --batch</c>, skipping by their listed size any over the bound and any the
/// repository does not hold.
/// </summary>
public sealed class CurrentTree
{
    private const int ShortHash = 10;

    // Each deleted or renamed file costs two git commands: enough for every real report, bounded
    // against a history that spreads its secrets over thousands of files.
    private const int MaxFateLookups = 64;

    private readonly GitRunner _git;
    private readonly GitRepository _repo;
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
    private readonly List<(string Path, string Text)> _texts = [];
    private readonly Dictionary<string, string?> _fates = new(StringComparer.Ordinal);

    private CurrentTree(GitRunner git, GitRepository repo)
    {
        _git = git;
        _repo = repo;
    }

    /// <summary>HEAD's tree, with the text of its secrets-prone files (settings, env, deployment, README).</summary>
    public static CurrentTree Read(GitRunner git, GitRepository repo)
    {
        var tree = new CurrentTree(git, repo);
        var listing = git.Run(repo.TopLevel, ["ls-tree", "-r", "-l", "-z", "--full-tree", "HEAD"]);
        if (!listing.Ok) return tree;
        var wanted = new List<(string Blob, string Path)>();
        // "<mode> blob <sha> <size>\t<path>"
        foreach (var entry in listing.Text.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = entry.IndexOf('\t');
            if (tab < 0 || repo.ToRootRelative(entry[(tab + 1)..]) is not { } path) continue;
            var meta = entry[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (meta.Length != 4 || meta[1] != "blob") continue;
            tree._paths.Add(path);
            if (FileKinds.IsHistoryRelevant(path) && long.TryParse(meta[3], out var size) && size <= HistoryScanner.MaxBlobBytes)
                wanted.Add((meta[2], path));
        }
        tree.ReadTexts(wanted);
        return tree;
    }

    /// <summary>True when HEAD's tree has a file at this root-relative path.</summary>
    public bool Has(string path) => _paths.Contains(path);

    /// <summary>The first place (path order, then line) where HEAD's secrets-prone files hold the
    /// value as a whole token (a password "nitrate" is not in "Nitrate's docs"), or null.</summary>
    public (string Path, int Line)? Find(string value)
    {
        foreach (var (path, text) in _texts)
            for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
                if (!IsWordCharacter(text, at - 1) && !IsWordCharacter(text, at + value.Length) && (value.Length >= 12 || IsAssigned(text, at)))
                    return (path, 1 + text.AsSpan(0, at).Count('\n'));
        return null;
    }

    /// <summary>True when what precedes a short value, past quotes and spaces, is '=' or ':': the
    /// value is assigned there, not a word of prose that happens to spell it.</summary>
    private static bool IsAssigned(string text, int at)
    {
        var i = at - 1;
        while (i >= 0 && text[i] is ' ' or '\'' or '"') i--;
        return i >= 0 && text[i] is '=' or ':';
    }

    private static bool IsWordCharacter(string text, int at) => at >= 0 && at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] == '_');

    /// <summary>What became of a file HEAD no longer has: "since renamed to X in C", "since deleted
    /// in C", or "not in the current tree" when HEAD's history never deleted it (it lived on another
    /// branch, or the lookups ran out).</summary>
    public string Fate(string path)
    {
        if (_fates.TryGetValue(path, out var known)) return known ?? "not in the current tree";
        string? fate = null;
        if (_fates.Count < MaxFateLookups)
        {
            var top = _repo.Prefix + path;
            var deleted = _git.Run(_repo.TopLevel, ["log", "-1", "--full-history", "--no-renames", "--format=%H", "--diff-filter=D", "HEAD", "--", top]);
            var commit = deleted.Ok ? deleted.Text.Trim() : "";
            if (commit.Length >= ShortHash)
                fate = RenamedIn(commit, top) is { } to && _repo.ToRootRelative(to) is { } renamed
                    ? $"since renamed to {renamed} in {commit[..ShortHash]}"
                    : $"since deleted in {commit[..ShortHash]}";
        }
        _fates[path] = fate;
        return fate ?? "not in the current tree";
    }

    /// <summary>The path a commit renamed <paramref name="top"/> to, if it did (git's rename detection).</summary>
    private string? RenamedIn(string commit, string top)
    {
        var show = _git.Run(_repo.TopLevel, ["show", "-M", "--name-status", "-z", "--format=", "--no-ext-diff", commit]);
        if (!show.Ok) return null;
        // "R<score>\0<old>\0<new>\0" for renames, "<status>\0<path>\0" otherwise.
        var fields = show.Text.Split('\0');
        for (var i = 0; i < fields.Length; i++)
        {
            var status = fields[i].Trim('\n');
            if (status.StartsWith('R') && i + 2 < fields.Length)
            {
                if (fields[i + 1] == top) return fields[i + 2];
                i += 2;
            }
            else if (status.Length > 0 && char.IsAsciiLetterUpper(status[0]))
            {
                i += status.StartsWith('C') ? 2 : 1;
            }
        }
        return null;
    }

    private void ReadTexts(List<(string Blob, string Path)> wanted)
    {
        if (wanted.Count == 0) return;
        using var process = _git.Start(_repo.TopLevel, ["cat-file", "--batch"], redirectInput: true);
        var errors = process.StandardError.ReadToEndAsync();
        var writer = Task.Run(() =>
        {
            try
            {
                using var input = new StreamWriter(process.StandardInput.BaseStream, new UTF8Encoding(false)) { NewLine = "\n" };
                foreach (var (blob, _) in wanted) input.WriteLine(blob);
            }
            catch (IOException)
            {
                // git stopped early; what it answered is still read.
            }
        });
        var output = new BufferedStream(process.StandardOutput.BaseStream, 1 << 16);
        try
        {
            foreach (var (_, path) in wanted)
            {
                var header = ReadLine(output);
                if (header is null) break;
                // "<sha> blob <size>", or "<sha> missing" in a clone without that blob.
                var parts = header.Split(' ');
                if (parts.Length != 3 || parts[1] != "blob") continue;
                // Sized by ls-tree a moment ago: only a repository changing under us gets here.
                if (!int.TryParse(parts[2], out var size) || size > HistoryScanner.MaxBlobBytes) break;
                var content = new byte[size];
                output.ReadExactly(content);
                output.ReadByte();
                if (Array.IndexOf(content, (byte)0) < 0) _texts.Add((path, Encoding.UTF8.GetString(content)));
            }
        }
        catch (Exception e) when (e is IOException or EndOfStreamException)
        {
            // Killed or cut short: the texts read so far stand.
        }
        writer.Wait();
        if (!process.WaitForExit(_git.Timeout)) GitRunner.Kill(process);
        _ = errors.Result;
        _texts.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
    }

    private static string? ReadLine(Stream input)
    {
        var bytes = new List<byte>(96);
        int b;
        while ((b = input.ReadByte()) is not -1 and not '\n') bytes.Add((byte)b);
        return b == -1 && bytes.Count == 0 ? null : Encoding.ASCII.GetString(bytes.ToArray());
    }
}
