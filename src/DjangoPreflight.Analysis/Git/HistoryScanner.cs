using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace DjangoPreflight.Analysis.Git;

/// <summary>
/// Scans every version of every secrets-prone file in every commit of every ref. One
/// <c>git log --all --raw</c> lists, per commit, the blob IDs of the files it changed (no diffs are
/// computed); each distinct blob of a relevant path is sized by one long-lived
/// <c>git cat-file --batch-check</c> and, when the repository holds it and it is within the size
/// bound, read exactly once through one long-lived <c>git cat-file --batch</c>; the three run as a
/// pipeline while the log is still streaming. Cost is therefore proportional to the distinct
/// versions of relevant files, not to commits times files. A blob the repository does not hold is
/// listed as missing, never fetched (<see cref="GitRunner"/> turns every transport off).
/// </summary>
public static class HistoryScanner
{
    public const int MaxBlobBytes = 2 * 1024 * 1024;
    private const string ZeroBlob = "0000000000000000000000000000000000000000";
    private const int ShortHash = 10;

    /// <param name="scanFile">What finds the secrets in one file version (path, text): <see cref="SecretScanner.Scan"/>
    /// unless a test passes another.</param>
    public static HistoryScan Scan(GitRunner git, GitRepository repo, TimeSpan timeout, IProgress<HistoryProgress>? progress = null,
        Func<string, string, IReadOnlyList<SecretMatch>>? scanFile = null)
    {
        scanFile ??= SecretScanner.Scan;
        if (!repo.HasCommits) return new HistoryScan([], 0, 0, Complete: true);
        // The three end together, at the scan's deadline below.
        using var log = git.Stream(repo.TopLevel,
            // Newest first, as git walks: no --reverse, which would make git hold the whole walk
            // before printing anything. The oldest sighting of each blob is tracked instead.
            ["log", "--all", "--raw", "--no-renames", "--no-abbrev", "--no-ext-diff", "-z", "--format=%x01%H"], ownDeadline: false);
        using var sizes = git.Stream(repo.TopLevel, ["cat-file", "--batch-check"], input: true, ownDeadline: false);
        using var catFile = git.Stream(repo.TopLevel, ["cat-file", "--batch"], input: true, ownDeadline: false);
        // Where the secrets are now is read while the history streams: HEAD's tree and deletions are
        // other git commands, which would otherwise start only when the history is done.
        var head = DedicatedThread.Run(() => CurrentTree.Read(git, repo));
        var timedOut = false;
        using var deadline = new Timer(_ =>
        {
            timedOut = true;
            log.Kill();
            sizes.Kill();
            catFile.Kill();
        }, null, timeout, Timeout.InfiniteTimeSpan);

        var toSize = new ConcurrentQueue<BlobVisit>();
        var toRead = new ConcurrentQueue<BlobVisit>();
        var outcome = new Outcome();
        var results = new List<(BlobVisit Visit, IReadOnlyList<SecretMatch> Matches)>();
        var blobsRead = 0;
        var sorter = DedicatedThread.Run(() => SortBySize(sizes.Output, toSize, catFile.Input, toRead, outcome));
        var reader = DedicatedThread.Run(() => ReadBlobs(catFile.Output, toRead, scanFile, results, outcome, ref blobsRead));

        var commits = 0;
        var queued = 0;
        var seen = new Dictionary<string, BlobVisit>(StringComparer.Ordinal);
        var requests = new StreamWriter(sizes.Input, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        var lastReport = Stopwatch.StartNew();
        try
        {
            string? commit = null;
            using var tokens = new NulTokenReader(log.Output);
            while (tokens.Next() is { } token)
            {
                var t = token.TrimStart('\n');
                if (t.StartsWith('\u0001'))
                {
                    commit = t[1..];
                    commits++;
                    if (progress is not null && lastReport.ElapsedMilliseconds > 100)
                    {
                        progress.Report(new HistoryProgress(commits, queued, Volatile.Read(ref blobsRead)));
                        lastReport.Restart();
                    }
                    continue;
                }
                if (!t.StartsWith(':') || tokens.Next() is not { } topPath || commit is null) continue;
                // ":<old mode> <new mode> <old blob> <new blob> <status>"
                var fields = t[1..].Split(' ');
                if (fields.Length < 5 || fields[4].StartsWith('D') || fields[3] == ZeroBlob || fields[1] is not ("100644" or "100755"))
                    continue;
                if (repo.ToRootRelative(topPath) is not { } path || !FileKinds.IsHistoryRelevant(path))
                    continue;
                if (seen.TryGetValue(fields[3], out var earlier))
                {
                    // The same content added again by an older commit: that one is where it first appeared.
                    earlier.Oldest = (commit, path, commits);
                    continue;
                }
                var visit = new BlobVisit(fields[3], path) { Oldest = (commit, path, commits) };
                seen.Add(fields[3], visit);
                toSize.Enqueue(visit);
                requests.WriteLine(fields[3]);
                queued++;
            }
            requests.Close();
        }
        catch (IOException)
        {
            // A killed git closes its pipes; the timeout flag says what happened.
        }
        sorter.Wait();
        reader.Wait();
        var (logExit, logErrors) = log.Finish();
        var (_, sizeErrors) = sizes.Finish();
        var (_, catErrors) = catFile.Finish();
        deadline.Dispose();
        // What was asked for and never answered: git stopped (a corrupt object, a crash).
        var unread = timedOut ? [] : toSize.Concat(toRead).Select(v => v.ScanPath).Concat(outcome.Unread).ToList();
        var complete = !timedOut && logExit == 0 && unread.Count == 0 && outcome.Failed.Count == 0;
        var gitError = new[] { logErrors, sizeErrors, catErrors }
            .Select(FirstErrorLine).FirstOrDefault(e => e is not null);

        var shown = new Dictionary<(string, string), string?>();
        var secrets = Distinct(results, timedOut ? null : (commit, path) =>
            shown.TryGetValue((commit, path), out var text) ? text : shown[(commit, path)] = ShowFile(git, repo, commit, path));
        // Cut short by the deadline: no claim about HEAD either way, and no waiting for it (its commands
        // end by their own bound).
        return new HistoryScan(Locate(secrets, timedOut ? null : head.GetAwaiter().GetResult()), commits, results.Count, complete)
        {
            Missing = Paths(outcome.Missing),
            Oversized = Paths(outcome.Oversized),
            Unread = Paths(unread),
            Failed = Paths(outcome.Failed),
            ScanError = outcome.FirstError,
            GitError = complete ? null : gitError,
        };
    }

    private static List<string> Paths(IEnumerable<string> paths) => paths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The first "fatal:" or "error:" line git wrote, without the prefix.</summary>
    private static string? FirstErrorLine(string stderr) =>
        stderr.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(l => l.StartsWith("fatal: ", StringComparison.Ordinal) || l.StartsWith("error: ", StringComparison.Ordinal))?[7..];

    /// <summary>Every secret once, where it first appeared (the oldest commit in git's walk that added
    /// a blob holding it), with the values themselves (to be located in HEAD, then dropped). A secret
    /// seen in a file production may read, other than Django's startproject template, is a production
    /// secret; otherwise it is the template's key, or a key of the files its context names (the
    /// startproject key later kept only in development settings is both).</summary>
    /// <param name="show">Reads a file at a commit (root-relative path), or null when it cannot: used to
    /// tell whether a template key moved into a module the template settings import.</param>
    private static List<(HistorySecret Secret, string Value)> Distinct(List<(BlobVisit Visit, IReadOnlyList<SecretMatch> Matches)> results,
        Func<string, string, string?>? show)
    {
        var templateKeys = results.SelectMany(r => r.Matches).Where(m => m.Template).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var first = new Dictionary<string, (SecretMatch Match, BlobVisit Visit)>(StringComparer.Ordinal);
        // The oldest sighting of each value in a file production may read: when the value first appeared
        // in a development file, that sighting is what makes it a production secret, so it is the one reported.
        var production = new Dictionary<string, (SecretMatch Match, BlobVisit Visit)>(StringComparer.Ordinal);
        var template = new HashSet<string>(StringComparer.Ordinal);
        // The context of the oldest sighting that has one: the files the key lived in past the template.
        var context = new Dictionary<string, (string Why, int Order)>(StringComparer.Ordinal);
        // Values seen with a real credential's shape in documentation: medium, unless a file production reads holds them.
        var doubt = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (visit, matches) in results)
        {
            foreach (var m in matches)
            {
                if (!first.TryGetValue(m.Value, out var known) || visit.Oldest.Order > known.Visit.Oldest.Order)
                    first[m.Value] = (m, visit);
                if (m.Template || templateKeys.Contains(m.Value) && m.Context is null && show is not null && ImportedByTemplate(visit.Oldest.Commit, visit.Oldest.Path, show))
                    template.Add(m.Value);
                else if (m.Doubt is { } unsure) doubt.TryAdd(m.Value, unsure);
                else if (m.Context is null && (!production.TryGetValue(m.Value, out var seenThere) || visit.Oldest.Order > seenThere.Visit.Oldest.Order))
                    production[m.Value] = (m, visit);
                if (!m.Template && m.Context is { } why && (!context.TryGetValue(m.Value, out var seen) || visit.Oldest.Order > seen.Order))
                    context[m.Value] = (why, visit.Oldest.Order);
            }
        }
        return first
            .Select(kv => (new HistorySecret(kv.Value.Match.Kind, kv.Value.Match.Redacted, kv.Value.Visit.Oldest.Commit[..ShortHash],
                kv.Value.Visit.Oldest.Path, kv.Value.Match.Line, AtHead: false)
            {
                Context = production.ContainsKey(kv.Key) || doubt.ContainsKey(kv.Key) || !context.TryGetValue(kv.Key, out var why) ? null : why.Why,
                Doubt = production.ContainsKey(kv.Key) ? null : doubt.GetValueOrDefault(kv.Key),
                Template = !production.ContainsKey(kv.Key) && template.Contains(kv.Key),
                DefaultOf = kv.Value.Match.DefaultOf,
                ProductionAt = production.TryGetValue(kv.Key, out var prod) && prod.Visit.Oldest.Path != kv.Value.Visit.Oldest.Path
                    ? (prod.Visit.Oldest.Commit[..ShortHash], prod.Visit.Oldest.Path, prod.Match.Line) : null,
            }, kv.Key))
            .ToList();
    }

    /// <summary>True when, at the commit that added a Python module, the <c>settings.py</c> beside it is
    /// Django's startproject template and imports it: a module the template settings pull the key from
    /// (<c>from .secret_settings import *</c>) is still the template's configuration, so a template key
    /// moved there is still the throwaway key.</summary>
    private static bool ImportedByTemplate(string commit, string path, Func<string, string, string?> show)
    {
        var name = FileKinds.Name(path);
        if (!name.EndsWith(".py", StringComparison.Ordinal) || name == "settings.py") return false;
        var module = name[..^3];
        var settings = path.Contains('/') ? path[..(path.LastIndexOf('/') + 1)] + "settings.py" : "settings.py";
        if (show(commit, settings) is not { } text || !SecretContext.IsStartprojectTemplate(settings, text)) return false;
        return text.Split('\n').Select(l => l.Trim()).Any(l => (l.StartsWith("from ", StringComparison.Ordinal) || l.StartsWith("import ", StringComparison.Ordinal))
            && l.Split([' ', '.', ','], StringSplitOptions.RemoveEmptyEntries).Contains(module));
    }

    /// <summary>A file's text at a commit (root-relative path), or null when git cannot show it.</summary>
    private static string? ShowFile(GitRunner git, GitRepository repo, string commit, string path)
    {
        var spec = $"{commit}:{repo.Prefix}{path}";
        // Sized first: nothing over the bound is read whole.
        var size = git.Run(repo.TopLevel, ["cat-file", "-s", spec]);
        if (!size.Ok || !long.TryParse(size.Text.Trim(), out var bytes) || bytes > MaxBlobBytes) return null;
        var result = git.Run(repo.TopLevel, ["cat-file", "-p", spec]);
        return result.Ok ? result.Text : null;
    }

    /// <summary>Where each secret is in HEAD now, and what became of files HEAD no longer has; the values are dropped here.</summary>
    private static List<HistorySecret> Locate(List<(HistorySecret Secret, string Value)> secrets, CurrentTree? head)
    {
        var fates = head?.Fates(secrets.Select(s => s.Secret.Path)) ?? [];
        return secrets
            .Select(s => head is null ? s.Secret
                : head.Find(s.Value) is { } now
                ? s.Secret with { AtHead = true, Now = now, PathFate = fates.GetValueOrDefault(s.Secret.Path) }
                : s.Secret with { PathFate = fates.GetValueOrDefault(s.Secret.Path) })
            .OrderBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.Line).ThenBy(s => s.Commit, StringComparer.Ordinal)
            .ThenBy(s => s.Redacted, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Reads <c>--batch-check</c>'s answers ("&lt;oid&gt; blob &lt;size&gt;" or "&lt;oid&gt; missing"), in
    /// the order asked: a blob the repository holds within the size bound is passed on to be read;
    /// the others are recorded by path. Closes the reader's input at the end, so it ends too.
    /// </summary>
    private static void SortBySize(Stream answers, ConcurrentQueue<BlobVisit> asked, Stream readInput, ConcurrentQueue<BlobVisit> toRead, Outcome outcome)
    {
        var lines = new StreamReader(answers, Encoding.ASCII);
        var requests = new StreamWriter(readInput, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        var writing = true;
        try
        {
            while (lines.ReadLine() is { } line && asked.TryDequeue(out var visit))
            {
                var parts = line.Split(' ');
                if (parts.Length == 3 && parts[1] == "blob" && long.TryParse(parts[2], out var size))
                {
                    if (size > MaxBlobBytes)
                    {
                        outcome.Add(outcome.Oversized, visit.ScanPath);
                        continue;
                    }
                    // Queued before it is asked for, so the reader always knows whose answer comes next.
                    toRead.Enqueue(visit);
                    if (!writing) continue;
                    try
                    {
                        requests.WriteLine(visit.Blob);
                    }
                    catch (IOException)
                    {
                        writing = false; // the reader's git is gone; what it was not asked stays queued, unread
                    }
                }
                else
                {
                    outcome.Add(outcome.Missing, visit.ScanPath);
                }
            }
        }
        catch (IOException)
        {
            // Killed by the timeout; the caller reports the scan as incomplete.
        }
        finally
        {
            try
            {
                requests.Close();
            }
            catch (IOException)
            {
                // Already gone.
            }
        }
    }

    private static void ReadBlobs(Stream output, ConcurrentQueue<BlobVisit> queue, Func<string, string, IReadOnlyList<SecretMatch>> scanFile,
        List<(BlobVisit, IReadOnlyList<SecretMatch>)> results, Outcome outcome, ref int blobsRead)
    {
        var input = new BufferedStream(output, 1 << 16);
        var header = new List<byte>(128);
        BlobVisit? visit = null;
        try
        {
            while (true)
            {
                visit = null;
                header.Clear();
                int b;
                while ((b = input.ReadByte()) is not -1 and not '\n') header.Add((byte)b);
                if (b == -1) return;
                // Requests are answered in order, so the head of the queue is the blob being answered.
                if (!queue.TryDequeue(out visit)) return;
                var parts = Encoding.ASCII.GetString(header.ToArray()).Split(' ');
                if (parts.Length == 3 && parts[1] == "blob" && long.TryParse(parts[2], out var size))
                {
                    if (size > MaxBlobBytes)
                    {
                        // Sized a moment ago: only a repository changing under us gets here. Nothing
                        // larger than the bound is ever held in memory whole.
                        Discard(input, size + 1);
                        outcome.Add(outcome.Oversized, visit.ScanPath);
                        continue;
                    }
                    var content = new byte[size];
                    input.ReadExactly(content);
                    input.ReadByte(); // the '\n' after the content
                    try
                    {
                        // A published default is not a leaked secret: history has nothing to say about it.
                        results.Add((visit, scanFile(visit.ScanPath, Encoding.UTF8.GetString(content)).Where(m => m.Published is null).ToList()));
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        // A fault of ours on one file version must not stop this loop: git would block
                        // writing the answers nobody reads, and the whole scan would wait for its deadline.
                        outcome.Fail(visit.ScanPath, e);
                    }
                }
                else if (parts.Length == 2 && parts[1] == "missing")
                {
                    outcome.Add(outcome.Missing, visit.ScanPath);
                    continue;
                }
                else
                {
                    outcome.Add(outcome.Unread, visit.ScanPath);
                    return; // an answer we cannot frame: what follows is left unread, and reported so
                }
                Interlocked.Increment(ref blobsRead);
            }
        }
        catch (Exception e) when (e is IOException or EndOfStreamException)
        {
            // Git stopped in the middle of a blob (a corrupt object: it writes the header, then
            // fails to inflate the data), or was killed by the timeout.
            if (visit is not null) outcome.Add(outcome.Unread, visit.ScanPath);
        }
    }

    private static void Discard(Stream input, long count)
    {
        var buffer = new byte[1 << 16];
        for (int read; count > 0 && (read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, count))) > 0;)
            count -= read;
    }

    /// <summary>The paths set aside while sorting and reading, written from two threads.</summary>
    private sealed class Outcome
    {
        public List<string> Missing { get; } = [];

        public List<string> Oversized { get; } = [];

        public List<string> Unread { get; } = [];

        /// <summary>Versions read but not scanned: the secret scanner failed on them (a defect of ours).</summary>
        public List<string> Failed { get; } = [];

        /// <summary>The first such failure, by its exception type only: a message may quote the text it failed on.</summary>
        public string? FirstError { get; private set; }

        public void Add(List<string> list, string path)
        {
            lock (this) list.Add(path);
        }

        public void Fail(string path, Exception e)
        {
            lock (this)
            {
                Failed.Add(path);
                FirstError ??= e.GetType().Name;
            }
        }
    }

    /// <summary>A distinct blob: the path it was read as, and (written by the log reader only, read
    /// after the scan) its oldest sighting, whose Order is the commit's position in git's
    /// newest-first walk.</summary>
    private sealed class BlobVisit(string blob, string scanPath)
    {
        public string Blob { get; } = blob;

        public string ScanPath { get; } = scanPath;

        public (string Commit, string Path, int Order) Oldest { get; set; }
    }
}
