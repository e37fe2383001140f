using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace DjangoPreflight.Analysis.Git;

/// <summary>
/// Scans every version of every secrets-prone file in every commit of every ref. One
/// <c>git log --all --raw</c> lists, per commit, the blob IDs of the files it changed (no diffs are
/// computed); each distinct blob of a relevant path is read exactly once through one long-lived
/// <c>git cat-file --batch</c> process, fed while the log is still streaming. Cost is therefore
/// proportional to the distinct versions of relevant files, not to commits times files.
/// </summary>
public static class HistoryScanner
{
    private const int MaxBlobBytes = 2 * 1024 * 1024;
    private const string ZeroBlob = "0000000000000000000000000000000000000000";
    private const int ShortHash = 10;

    public static HistoryScan Scan(GitRunner git, GitRepository repo, TimeSpan timeout, IProgress<HistoryProgress>? progress = null)
    {
        if (!repo.HasCommits) return new HistoryScan([], 0, 0, Complete: true);
        using var log = git.Start(repo.TopLevel,
            // Newest first, as git walks: no --reverse, which would make git hold the whole walk
            // before printing anything. The oldest sighting of each blob is tracked instead.
            ["log", "--all", "--raw", "--no-renames", "--no-abbrev", "--no-ext-diff", "-z", "--format=%x01%H"],
            redirectInput: false);
        using var catFile = git.Start(repo.TopLevel, ["cat-file", "--batch"], redirectInput: true);
        var timedOut = false;
        using var deadline = new Timer(_ =>
        {
            timedOut = true;
            GitRunner.Kill(log);
            GitRunner.Kill(catFile);
        }, null, timeout, Timeout.InfiniteTimeSpan);
        var logErrors = log.StandardError.ReadToEndAsync();
        var catErrors = catFile.StandardError.ReadToEndAsync();

        var queue = new ConcurrentQueue<BlobVisit>();
        var results = new List<(BlobVisit Visit, IReadOnlyList<SecretMatch> Matches)>();
        var blobsRead = 0;
        var reader = Task.Run(() => ReadBlobs(catFile.StandardOutput.BaseStream, queue, results, ref blobsRead));

        var commits = 0;
        var queued = 0;
        var seen = new Dictionary<string, BlobVisit>(StringComparer.Ordinal);
        var requests = new StreamWriter(catFile.StandardInput.BaseStream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        var lastReport = Stopwatch.StartNew();
        try
        {
            string? commit = null;
            using var tokens = new NulTokenReader(log.StandardOutput.BaseStream);
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
                queue.Enqueue(visit);
                requests.WriteLine(fields[3]);
                queued++;
            }
            requests.Close();
        }
        catch (IOException)
        {
            // A killed git closes its pipes; the timeout flag says what happened.
        }
        reader.Wait();
        log.WaitForExit();
        catFile.WaitForExit();
        deadline.Dispose();
        var complete = !timedOut && log.ExitCode == 0 && results.Count == queued;
        _ = logErrors.Result + catErrors.Result;

        var headBlobs = timedOut ? [] : HeadBlobs(git, repo);
        return new HistoryScan(Distinct(results, headBlobs), commits, results.Count, complete);
    }

    /// <summary>Every secret once, where it first appeared (the oldest commit in git's walk that added
    /// a blob holding it); AtHead if any blob holding it is in HEAD's tree.</summary>
    private static List<HistorySecret> Distinct(List<(BlobVisit Visit, IReadOnlyList<SecretMatch> Matches)> results, HashSet<string> headBlobs)
    {
        var first = new Dictionary<string, (SecretMatch Match, BlobVisit Visit)>(StringComparer.Ordinal);
        var atHead = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (visit, matches) in results)
        {
            var inHead = headBlobs.Contains(visit.Blob);
            foreach (var m in matches)
            {
                if (!first.TryGetValue(m.Value, out var known) || visit.Oldest.Order > known.Visit.Oldest.Order)
                    first[m.Value] = (m, visit);
                if (inHead) atHead.Add(m.Value);
            }
        }
        return first
            .Select(kv => new HistorySecret(kv.Value.Match.Kind, kv.Value.Match.Redacted, kv.Value.Visit.Oldest.Commit[..ShortHash],
                kv.Value.Visit.Oldest.Path, kv.Value.Match.Line, atHead.Contains(kv.Key)))
            .OrderBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.Line).ThenBy(s => s.Commit, StringComparer.Ordinal)
            .ThenBy(s => s.Redacted, StringComparer.Ordinal)
            .ToList();
    }

    private static HashSet<string> HeadBlobs(GitRunner git, GitRepository repo)
    {
        var blobs = new HashSet<string>(StringComparer.Ordinal);
        var tree = git.Run(repo.TopLevel, ["ls-tree", "-r", "-z", "--full-tree", "HEAD"]);
        if (!tree.Ok) return blobs;
        // "<mode> blob <sha>\t<path>"
        foreach (var entry in tree.Text.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = entry.IndexOf('\t');
            var meta = tab < 0 ? [] : entry[..tab].Split(' ');
            if (meta.Length == 3 && meta[1] == "blob") blobs.Add(meta[2]);
        }
        return blobs;
    }

    private static void ReadBlobs(Stream output, ConcurrentQueue<BlobVisit> queue, List<(BlobVisit, IReadOnlyList<SecretMatch>)> results, ref int blobsRead)
    {
        var input = new BufferedStream(output, 1 << 16);
        var header = new List<byte>(128);
        try
        {
            while (true)
            {
                header.Clear();
                int b;
                while ((b = input.ReadByte()) is not -1 and not '\n') header.Add((byte)b);
                if (b == -1) return;
                // Requests are answered in order, so the head of the queue is the blob being answered.
                if (!queue.TryDequeue(out var visit)) return;
                var parts = Encoding.ASCII.GetString(header.ToArray()).Split(' ');
                if (parts.Length == 3 && parts[1] == "blob" && int.TryParse(parts[2], out var size))
                {
                    var content = new byte[size];
                    input.ReadExactly(content);
                    input.ReadByte(); // the '\n' after the content
                    IReadOnlyList<SecretMatch> matches = size > MaxBlobBytes ? [] : SecretScanner.Scan(visit.ScanPath, Encoding.UTF8.GetString(content));
                    results.Add((visit, matches));
                }
                else
                {
                    // "<sha> missing": a promisor (partial) clone without that blob.
                    results.Add((visit, []));
                }
                Interlocked.Increment(ref blobsRead);
            }
        }
        catch (Exception e) when (e is IOException or EndOfStreamException)
        {
            // Killed by the timeout; the caller reports the scan as incomplete.
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
