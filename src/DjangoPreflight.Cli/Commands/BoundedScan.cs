using System.Runtime.ExceptionServices;
using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Cli.Commands;

/// <summary>
/// Runs a scan on a thread of its own and waits for it no longer than its time budget allows. The
/// scan stops itself when the budget runs out (between folders of the file walk, in the steps before
/// the rules, in the settings evaluation, between rules, files of the bulk parse, and in the history
/// scan) and reports what it left undone; this is the backstop for a step that does not
/// come back by itself: after a grace period the command ends with one line naming the phase it
/// was in, instead of hanging the CI job. The thread's stack is as large as a main thread's, so
/// deep but legal Python reaches the recursive readers the same way it does in <c>probe</c>-less runs.
/// </summary>
public static class BoundedScan
{
    private const int StackBytes = 16 * 1024 * 1024;

    public static T Run<T>(ScanBudget budget, Func<T> scan)
    {
        T? result = default;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = scan();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, StackBytes) { IsBackground = true, Name = "scan" };
        thread.Start();
        if (!thread.Join(budget.Remaining + Grace(budget.Limit)))
            throw new ScanTimeoutException(
                $"the scan did not finish within --timeout {ScanBudget.Seconds(budget.Limit)} s and did not stop by itself (it was in {budget.Phase}); no report was written");
        failure?.Throw();
        return result!;
    }

    /// <summary>Time the phase in progress has, after the budget ran out, to notice and stop: a tenth
    /// of the budget, between 15 and 60 seconds (a step between two of its budget checks, such as
    /// one rule over facts already computed, takes seconds on a busy machine).</summary>
    public static TimeSpan Grace(TimeSpan limit) =>
        TimeSpan.FromTicks(Math.Clamp(limit.Ticks / 10, 15 * TimeSpan.TicksPerSecond, 60 * TimeSpan.TicksPerSecond));
}

/// <summary>The scan outlived its budget and its grace: one line on stderr, exit code 3.</summary>
public sealed class ScanTimeoutException(string message) : Exception(message);
