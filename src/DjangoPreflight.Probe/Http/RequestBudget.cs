namespace DjangoPreflight.Probe.Http;

/// <summary>The number of requests the probe may still send. Every connection attempt takes one:
/// HTTP requests (each redirect hop is its own) and TLS-version handshakes alike.</summary>
public sealed class RequestBudget(int max)
{
    private int _used;
    private int _connections;

    public int Max { get; } = max;

    public int Used => Volatile.Read(ref _used);

    public int Remaining => Math.Max(0, Max - Used);

    /// <summary>Connections opened; never more than requests taken, since no connection is reused.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Called as each connection opens: one request taken, at most one connection. A
    /// second connection for the same request (a retry the HTTP stack made by itself) is refused,
    /// so what leaves the machine never exceeds what was counted.</summary>
    public void Connect()
    {
        if (Interlocked.Increment(ref _connections) > Used)
        {
            Interlocked.Decrement(ref _connections);
            throw new UncountedConnectionException();
        }
    }

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

/// <summary>A connection was about to open for a request the budget never counted (the HTTP
/// stack resending a request on its own).</summary>
public sealed class UncountedConnectionException()
    : Exception("a connection for a request the budget did not count (an automatic retry) was refused");
