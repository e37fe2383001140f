namespace DjangoPreflight.Probe.Http;

/// <summary>The number of requests the probe may still send. Every connection attempt takes one:
/// HTTP requests (each redirect hop is its own) and TLS-version handshakes alike.</summary>
public sealed class RequestBudget(int max)
{
    private int _used;

    public int Max { get; } = max;

    public int Used => Volatile.Read(ref _used);

    public int Remaining => Math.Max(0, Max - Used);

    /// <summary>Takes one request, or throws when none is left; the count never passes <see cref="Max"/>.</summary>
    public void Take()
    {
        while (true)
        {
            var used = Volatile.Read(ref _used);
            if (used >= Max)
                throw new RequestBudgetExhaustedException(Max);
            if (Interlocked.CompareExchange(ref _used, used + 1, used) == used)
                return;
        }
    }
}

public sealed class RequestBudgetExhaustedException(int max)
    : Exception($"the request budget (--max-requests {max}) is used up");
