using DjangoPreflight.Analysis.Git;

namespace DjangoPreflight.Analysis.Project;

public sealed partial class ProjectContext
{
    private GitFacts? _git;

    // Not Once's shared lock: the git facts may be computed on the prefetch thread while the rules
    // compute other facts on this one, and they read no other fact, so they cannot wait on one.
    private object? _gitLock;

    /// <summary>The enclosing git repository: tracked files, ignore rules, secrets in the history.</summary>
    public GitFacts Git => LazyInitializer.EnsureInitialized(ref _git, ref _gitLock,
        () => GitFacts.Load(Root, Options.NoHistory, Diagnostics.Notice, progress: HistoryProgressLine.ForConsole, budget: Options.Budget))!;

    /// <summary>
    /// Starts computing the git facts (the tracked files, and with <paramref name="history"/> the
    /// history scan) on a thread of their own, and returns it to be joined. Git runs as separate
    /// processes that mostly wait on each other and on the disk: started early, that time overlaps
    /// the rules' work here instead of adding to it. Whichever thread asks first computes a fact
    /// and the other waits for it, so the facts, and the report, are the same either way.
    /// </summary>
    public Thread PrefetchGit(bool history)
    {
        var thread = new Thread(() =>
        {
            try
            {
                // The tracked files and the history are separate git commands: listed while the history streams.
                var tracked = new Thread(ReadTracked) { IsBackground = true, Name = "git ls-files" };
                tracked.Start();
                if (history) _ = Git.History;
                tracked.Join();
            }
            catch (Exception)
            {
                // Not this thread's to report: the rule that reads the fact meets the same failure
                // and reports it as a rule failure, as it would without the prefetch.
            }
        })
        { IsBackground = true, Name = "git prefetch" };
        thread.Start();
        return thread;
    }

    private void ReadTracked()
    {
        try
        {
            _ = Git.TopLevelFiles;
        }
        catch (Exception)
        {
            // As for the prefetch as a whole: the rule that reads the fact reports its failure.
        }
    }
}
