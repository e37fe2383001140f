using System.ComponentModel;
using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Git;

/// <summary>
/// What git knows about the scanned root: the enclosing repository, which files are tracked,
/// whether <c>.env</c> files are ignored, and the secrets anywhere in the history. Everything is
/// empty (with a notice saying why) when git is missing or the root is not in a repository.
/// </summary>
public sealed class GitFacts
{
    private static readonly TimeSpan HistoryTimeout = TimeSpan.FromMinutes(10);

    private const int NoSuchFile = 2; // ENOENT: Process.Start found no git executable

    private readonly GitRunner? _git;
    private readonly Func<IProgress<HistoryProgress>?> _progress;
    private readonly Lazy<HistoryScan?> _history;
    private readonly Lazy<IReadOnlyList<string>> _trackedTop;
    private readonly Lazy<IReadOnlySet<string>> _tracked;
    private readonly Action<string> _notice;
    private readonly bool _noHistory;
    private ScanBudget? _budget;

    private GitFacts(GitRepository? repository, GitRunner? git, string root, bool noHistory, Action<string> notice, Func<IProgress<HistoryProgress>?> progress)
    {
        Repository = repository;
        Root = root;
        _git = git;
        _noHistory = noHistory;
        _notice = notice;
        _progress = progress;
        _trackedTop = new Lazy<IReadOnlyList<string>>(LoadTrackedTop);
        _tracked = new Lazy<IReadOnlySet<string>>(() =>
            _trackedTop.Value.Select(p => Repository!.ToRootRelative(p)).OfType<string>().ToHashSet(StringComparer.Ordinal));
        _history = new Lazy<HistoryScan?>(LoadHistory);
    }

    /// <summary>The enclosing repository; null when git is missing or the root is not in one.</summary>
    public GitRepository? Repository { get; }

    public string Root { get; }

    public bool IsRepository => Repository is not null;

    /// <summary>Files git tracks under the root (index entries), relative to the root with '/'.</summary>
    public IReadOnlySet<string> TrackedFiles => _tracked.Value;

    /// <summary>Every file git tracks in the repository, relative to its top level (for files that
    /// matter to a project in a subdirectory, like CI pipelines at the top).</summary>
    public IReadOnlyList<string> TopLevelFiles => _trackedTop.Value;

    /// <summary>The history scan, or null when it did not run (no repository, <c>--no-history</c>).</summary>
    public HistoryScan? History => _history.Value;

    /// <summary>The subset of <paramref name="paths"/> (root-relative) that .gitignore rules ignore,
    /// whether or not they exist or are tracked.</summary>
    public IReadOnlySet<string> Ignored(IEnumerable<string> paths)
    {
        var list = paths.Distinct(StringComparer.Ordinal).ToList();
        var ignored = new HashSet<string>(StringComparer.Ordinal);
        if (_git is null || Repository is null || list.Count == 0) return ignored;
        if (IgnoreFileProblem(list) is { } problem)
        {
            _notice($"{problem}: .gitignore coverage unknown");
            return ignored;
        }
        // --no-index: judge by the ignore rules alone, so a tracked .env still shows whether it is covered.
        var result = _git.Run(Root, ["check-ignore", "--no-index", "--", .. list]);
        if (result.TimedOut || result.ExitCode > 1)
        {
            _notice($"git check-ignore failed; .gitignore coverage unknown");
            return ignored;
        }
        // Paths with newlines cannot be ignore candidates here: every caller passes names it built.
        foreach (var p in result.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)) ignored.Add(p);
        return ignored;
    }

    /// <summary>
    /// Git reads every .gitignore from the top level down to each path asked about, and the
    /// repository's info/exclude; one that is a named pipe would block it forever (git does not
    /// follow links there, so only the file itself counts).
    /// </summary>
    private string? IgnoreFileProblem(IEnumerable<string> paths)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal) { Path.Combine(Repository!.TopLevel, ".git", "info", "exclude") };
        foreach (var path in paths)
        {
            var folder = Repository.TopLevel;
            foreach (var part in (Repository.Prefix + path).Split('/')[..^1].Prepend(""))
            {
                folder = Path.Combine(folder, part);
                files.Add(Path.Combine(folder, ".gitignore"));
            }
        }
        foreach (var file in files)
            if (Core.Files.FileTypes.Of(file, followLinks: false) is not (Core.Files.FileType.Missing or Core.Files.FileType.Regular or Core.Files.FileType.SymbolicLink) and var type)
                return $"{Path.GetRelativePath(Root, file).Replace('\\', '/')} is {Core.Files.FileTypes.Describe(type)}";
        return null;
    }

    public static GitFacts Load(string root, bool noHistory, Action<string> notice, GitRunner? runner = null, Func<IProgress<HistoryProgress>?>? progress = null, ScanBudget? budget = null)
    {
        var facts = Load(root, noHistory, notice, runner, progress);
        facts._budget = budget;
        return facts;
    }

    private static GitFacts Load(string root, bool noHistory, Action<string> notice, GitRunner? runner, Func<IProgress<HistoryProgress>?>? progress)
    {
        runner ??= new GitRunner();
        progress ??= () => null;
        GitRepository? repo;
        string? reason;
        GitRunner scoped;
        try
        {
            repo = GitRepository.Discover(root, runner, out reason, out scoped);
        }
        catch (Win32Exception e)
        {
            // Found only when git is first needed: probing for it up front cost a process on every scan.
            notice(e.NativeErrorCode == NoSuchFile
                ? "git is not installed: git checks and the history scan were skipped"
                : $"git could not be run ({e.Message}): git checks and the history scan were skipped");
            return new GitFacts(null, null, root, noHistory, notice, progress);
        }
        if (repo is null)
        {
            notice($"{reason}: git checks and the history scan were skipped");
            return new GitFacts(null, null, root, noHistory, notice, progress);
        }
        if (!repo.HasCommits) notice("the git repository has no commits yet: there is no history to scan");
        return new GitFacts(repo, scoped, root, noHistory, notice, progress);
    }

    private IReadOnlyList<string> LoadTrackedTop()
    {
        if (_git is null || Repository is null) return [];
        var result = _git.Run(Repository.TopLevel, ["ls-files", "-z", "--full-name"]);
        if (!result.Ok)
        {
            _notice("git ls-files failed: tracked files unknown");
            return [];
        }
        var files = Paths(result.Text);
        // Without an index git lists nothing and says nothing: every file would look untracked. A
        // repository with commits has its tracked files in HEAD's tree; say that they come from there.
        if (files.Count == 0 && Repository.HasCommits && !IndexExists())
        {
            var head = _git.Run(Repository.TopLevel, ["ls-tree", "-r", "-z", "--name-only", "--full-tree", "HEAD"]);
            _notice(head.Ok
                ? "the git index is missing: tracked files were taken from HEAD's tree (changes staged or made since the last commit are not seen)"
                : "the git index is missing and HEAD's tree cannot be read: tracked files unknown");
            return head.Ok ? Paths(head.Text) : [];
        }
        return files;
    }

    private static List<string> Paths(string nulSeparated) =>
        nulSeparated.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private bool IndexExists()
    {
        var path = _git!.Run(Repository!.TopLevel, ["rev-parse", "--git-path", "index"]);
        if (!path.Ok) return false;
        var index = path.Text.Trim();
        return File.Exists(Path.IsPathRooted(index) ? index : Path.Combine(Repository.TopLevel, index));
    }

    private HistoryScan? LoadHistory()
    {
        if (_git is null || Repository is null) return null;
        if (_noHistory)
        {
            _notice("git history was not scanned for secrets (--no-history)");
            return null;
        }
        if (Repository.IsShallow)
            _notice("the repository is a shallow clone: secrets in commits older than the clone's depth were not checked");
        var progress = _progress();
        // The history scan stops at its own bound or where the whole scan's budget ends, if sooner.
        var timeout = _budget is null || _budget.Remaining > HistoryTimeout ? HistoryTimeout : _budget.Remaining;
        if (_budget is not null) _budget.Phase = "the git history scan";
        var scan = timeout > TimeSpan.Zero
            ? HistoryScanner.Scan(_git, Repository, timeout, progress)
            : new HistoryScan([], 0, 0, Complete: false);
        (progress as IDisposable)?.Dispose();
        if (!scan.Complete && _budget is { Expired: true })
        {
            _budget.CutShort("git history", $"{scan.Commits} commits scanned, not the rest");
            scan = scan with { GitError = "the scan's --timeout ran out" };
        }
        foreach (var notice in Notices(scan)) _notice(notice);
        return scan;
    }

    // Enough names to find the files, few enough to keep a notice one readable line.
    private const int PathsShown = 5;

    /// <summary>What the history scan could not read, and why, each as one notice naming the paths.</summary>
    public static IEnumerable<string> Notices(HistoryScan scan)
    {
        if (scan.Missing.Count > 0)
            yield return $"git history incomplete: versions of {Files(scan.Missing.Count)} that the repository does not hold (a partial or damaged clone) were not scanned, and nothing was fetched: {Shown(scan.Missing)}";
        if (scan.Unread.Count > 0)
            yield return $"git history incomplete: git could not read versions of {Files(scan.Unread.Count)}{Because(scan.GitError)}: {Shown(scan.Unread)}";
        if (scan.Oversized.Count > 0)
            yield return $"git history: versions of {Files(scan.Oversized.Count)} over {HistoryScanner.MaxBlobBytes / (1024 * 1024)} MiB were skipped unread: {Shown(scan.Oversized)}";
        if (scan.Failed.Count > 0)
            yield return $"git history incomplete: versions of {Files(scan.Failed.Count)} were read but could not be scanned for secrets, a fault of django-preflight ({scan.ScanError}); please report it: {Shown(scan.Failed)}";
        if (!scan.Complete && scan.Unread.Count == 0 && scan.Failed.Count == 0)
            yield return $"the git history scan did not finish ({scan.GitError ?? "timeout"}): history findings may be incomplete";
    }

    private static string Files(int count) => count == 1 ? "1 file" : $"{count} files";

    private static string Because(string? error) => error is null ? "" : $" ({error})";

    private static string Shown(IReadOnlyList<string> paths) =>
        string.Join(", ", paths.Take(PathsShown)) + (paths.Count > PathsShown ? $" and {paths.Count - PathsShown} more" : "");
}
