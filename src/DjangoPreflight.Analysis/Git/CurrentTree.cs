using System.Text;

namespace DjangoPreflight.Analysis.Git;

/// <summary>
/// Where secrets found in the history are now: whether HEAD's tree still holds each value, and at
/// which path and line (decided by the value itself, so a key moved to another file, another line
/// or another variable is still found), and what became of a file that HEAD no longer has (deleted,
/// or renamed, and in which commit). HEAD's secrets-prone files are read through one
/// <c>git cat-file --batch</c>, skipping by their listed size any over the bound and any the
/// repository does not hold, while <see cref="HeadDeletions"/> lists the files HEAD's history
/// deleted; one more command tells which of the deletions asked about were renames.
/// </summary>
public sealed class CurrentTree
{
    private const int ShortHash = 10;

    private readonly GitRunner _git;
    private readonly GitRepository _repo;
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
    private readonly List<(string Path, string Text)> _texts = [];
    private Dictionary<string, string> _deletedIn = new(StringComparer.Ordinal);

    private CurrentTree(GitRunner git, GitRepository repo)
    {
        _git = git;
        _repo = repo;
    }

    /// <summary>HEAD's tree, with the text of its secrets-prone files (settings, env, deployment, README),
    /// and the deletions in HEAD's history.</summary>
    public static CurrentTree Read(GitRunner git, GitRepository repo)
    {
        var tree = new CurrentTree(git, repo);
        // Listed while the tree is read: the two git commands run at once, not one after the other.
        var deletions = DedicatedThread.Run(() => HeadDeletions.Read(git, repo));
        tree.ReadTree();
        tree._deletedIn = deletions.Result;
        return tree;
    }

    private void ReadTree()
    {
        var listing = _git.Run(_repo.TopLevel, ["ls-tree", "-r", "-l", "-z", "--full-tree", "HEAD"]);
        if (!listing.Ok) return;
        var wanted = new List<(string Blob, string Path)>();
        // "<mode> blob <sha> <size>\t<path>"
        foreach (var entry in listing.Text.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = entry.IndexOf('\t');
            if (tab < 0 || _repo.ToRootRelative(entry[(tab + 1)..]) is not { } path) continue;
            var meta = entry[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (meta.Length != 4 || meta[1] != "blob") continue;
            _paths.Add(path);
            if (FileKinds.IsHistoryRelevant(path) && long.TryParse(meta[3], out var size) && size <= HistoryScanner.MaxBlobBytes)
                wanted.Add((meta[2], path));
        }
        ReadTexts(wanted);
    }

    /// <summary>True when HEAD's tree has a file at this root-relative path.</summary>
    public bool Has(string path) => _paths.Contains(path);

    /// <summary>The first place (path order, then line) where HEAD's secrets-prone files hold the
    /// value as a whole token (a password "nitrate" is not in "Nitrate's docs"), or null.</summary>
    public (string Path, int Line)? Find(string value)
    {
        foreach (var (path, text) in _texts)
            for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
                if (Core.WholeWords.StandsAlone(text, at, value.Length) && (value.Length >= 12 || IsAssigned(text, at)))
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

    /// <summary>What became of each file HEAD no longer has, among <paramref name="paths"/> (root-relative):
    /// "since renamed to X in C", "since deleted in C", or "not in the current tree" when HEAD's history
    /// never deleted it (it lived on another branch).</summary>
    public Dictionary<string, string> Fates(IEnumerable<string> paths)
    {
        var gone = paths.Where(p => !Has(p)).Distinct(StringComparer.Ordinal).ToList();
        var renames = RenamesIn(gone.Select(p => _deletedIn.GetValueOrDefault(p)).OfType<string>().Distinct(StringComparer.Ordinal).ToList());
        var fates = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in gone)
        {
            fates[path] = !_deletedIn.TryGetValue(path, out var commit) || commit.Length < ShortHash ? "not in the current tree"
                : renames.TryGetValue((commit, _repo.Prefix + path), out var to) && _repo.ToRootRelative(to) is { } renamed
                ? $"since renamed to {renamed} in {commit[..ShortHash]}"
                : $"since deleted in {commit[..ShortHash]}";
        }
        return fates;
    }

    /// <summary>The renames git's rename detection finds in these commits, (commit, old top-relative
    /// path) to the new one, from one <c>git log --no-walk --stdin -M</c> for all of them.</summary>
    private Dictionary<(string Commit, string From), string> RenamesIn(List<string> commits)
    {
        var renames = new Dictionary<(string, string), string>();
        if (commits.Count == 0) return renames;
        using var process = _git.Stream(_repo.TopLevel,
            ["log", "--no-walk=unsorted", "--stdin", "-M", "--name-status", "-z", "--no-ext-diff", "--format=%x01%H"], lines: commits);
        try
        {
            // "\x01<commit>\0", then "\nR<score>\0<old>\0<new>\0" for a rename, "<status>\0<path>\0" otherwise.
            using var tokens = new NulTokenReader(process.Output);
            string? commit = null;
            while (tokens.Next() is { } token)
            {
                if (token.StartsWith('\u0001'))
                {
                    commit = token[1..];
                    continue;
                }
                var status = token.TrimStart('\n');
                if (status.StartsWith('R') || status.StartsWith('C'))
                {
                    if (tokens.Next() is not { } from || tokens.Next() is not { } to) break;
                    if (status.StartsWith('R') && commit is not null) renames.TryAdd((commit, from), to);
                }
                else if (status.Length > 0 && char.IsAsciiLetterUpper(status[0]))
                {
                    if (tokens.Next() is null) break;
                }
            }
        }
        catch (IOException)
        {
            // Killed at its deadline: the renames read so far stand; the rest read as deletions.
        }
        process.Finish();
        return renames;
    }

    private void ReadTexts(List<(string Blob, string Path)> wanted)
    {
        if (wanted.Count == 0) return;
        using var process = _git.Stream(_repo.TopLevel, ["cat-file", "--batch"], lines: wanted.Select(w => w.Blob).ToList());
        var output = new BufferedStream(process.Output, 1 << 16);
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
        process.Finish();
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
