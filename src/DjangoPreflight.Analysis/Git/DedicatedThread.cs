namespace DjangoPreflight.Analysis.Git;

/// <summary>
/// Runs blocking work (a loop reading or writing a git command's pipe, or a wait for such a loop) on
/// a thread of its own. On the thread pool, a history scan's four blocking loops would hold every
/// pool thread of a two-core machine, and whatever else needs one would wait for the pool to add
/// threads, which it does slowly.
/// </summary>
internal static class DedicatedThread
{
    public static Task Run(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public static Task<T> Run<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
