namespace DjangoPreflight.Probe.Http;

/// <summary>The last word on what leaves the probe: only safe methods, and never more requests
/// than the budget. It wraps whatever handler does the sending (the real one or a test's), so
/// no caller can get around it.</summary>
public sealed class GuardHandler(HttpMessageHandler inner, RequestBudget budget) : DelegatingHandler(inner)
{
    public static readonly IReadOnlySet<string> SafeMethods = new HashSet<string>(StringComparer.Ordinal) { "GET", "HEAD", "OPTIONS" };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!SafeMethods.Contains(request.Method.Method))
            throw new InvalidOperationException($"the probe sends only GET, HEAD and OPTIONS, not {request.Method.Method}");
        budget.Take();
        return base.SendAsync(request, cancellationToken);
    }
}
