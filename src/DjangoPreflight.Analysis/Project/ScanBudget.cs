using System.Collections.Concurrent;
using System.Diagnostics;

namespace DjangoPreflight.Analysis.Project;

/// <summary>
/// The whole scan's time budget (<c>scan --timeout</c>). Long phases ask <see cref="Expired"/> between
/// steps (each folder of the file walk, each rule, each file of the bulk parse, the history scan's
/// own deadline; the steps before the rules stop reading files, see <see cref="Step{T}"/>) and say
/// what they left undone with <see cref="CutShort"/>; the report then carries one notice naming all
/// of it, and the command exits with its own code, so a cut-short scan never passes as a clean one.
/// </summary>
public sealed class ScanBudget
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(600);

    /// <summary>No bound: what library callers and tests get unless they set one.</summary>
    public static readonly ScanBudget Unbounded = new(TimeSpan.MaxValue);

    private readonly long _start;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _cut = new(StringComparer.Ordinal);
    private volatile string _phase = "starting";

    /// <param name="start">A <see cref="Stopwatch.GetTimestamp"/> value; the command passes its own
    /// start, so the budget covers reading the configuration and the probe too.</param>
    public ScanBudget(TimeSpan limit, long? start = null)
    {
        Limit = limit;
        _start = start ?? Stopwatch.GetTimestamp();
    }

    public TimeSpan Limit { get; }

    public TimeSpan Remaining
    {
        get
        {
            if (_ended) return TimeSpan.Zero;
            var left = Limit - Stopwatch.GetElapsedTime(_start);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    public bool Expired => Remaining == TimeSpan.Zero;

    private volatile bool _ended;

    /// <summary>Ends the budget now: the scan stops as if its time had run out (an interrupt, a
    /// caller that gives up).</summary>
    public void End() => _ended = true;

    /// <summary>What the scan is doing now, for the message when it has to be stopped from outside.</summary>
    public string Phase
    {
        get => _phase;
        set => _phase = value;
    }

    // The step before the rules this flow of work is in, and its budget (an async local, so the
    // bulk parse's parallel work is in its caller's step, and another scan's threads are not).
    private static readonly AsyncLocal<(ScanBudget Budget, string Name)?> CurrentStep = new();

    /// <summary>Runs one of the steps before the rules (finding the settings modules, reading the
    /// deployment files) as the phase in progress. Within it, once the budget is spent, the project's
    /// files are no longer read (<see cref="RefusesRead"/>): the step ends on what it has read, and
    /// the notice names it and the files it did not read. Outside a step a read is never refused:
    /// what comes after the rules (suppression comments) still reads what it needs.</summary>
    public T Step<T>(string name, Func<T> step)
    {
        var (phase, outer) = (Phase, CurrentStep.Value);
        Phase = name;
        CurrentStep.Value = (this, name);
        try
        {
            return step();
        }
        finally
        {
            CurrentStep.Value = outer;
            Phase = phase;
        }
    }

    /// <summary>True, and recorded as cut short, when <paramref name="file"/> is about to be read inside
    /// a step of this budget (see <see cref="Step{T}"/>) after the budget ran out.</summary>
    public bool RefusesRead(string file)
    {
        if (CurrentStep.Value is not { } step || step.Budget != this || !Expired) return false;
        CutShort($"files not read when {step.Name}", file);
        return true;
    }

    /// <summary>Records that <paramref name="item"/> of <paramref name="phase"/> (e.g. "rules not run",
    /// "DP101") was left undone because the budget ran out.</summary>
    public void CutShort(string phase, string item) => _cut.GetOrAdd(phase, _ => new()).Enqueue(item);

    public bool WasCutShort => !_cut.IsEmpty;

    /// <summary>One notice naming everything left undone, phases and items in a stable order.</summary>
    public string? Notice()
    {
        if (_cut.IsEmpty) return null;
        var parts = _cut.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}: {Shown(p.Value.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList())}");
        return $"the scan was cut short by its time budget (--timeout {Seconds(Limit)} s); {string.Join("; ", parts)}";
    }

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    // Enough names to find what is missing, few enough to keep the notice one readable line.
    private const int ItemsShown = 12;

    private static string Shown(List<string> items) =>
        items.Count <= ItemsShown ? string.Join(", ", items) : $"{string.Join(", ", items.Take(ItemsShown))} and {items.Count - ItemsShown} more";
}
