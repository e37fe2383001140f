namespace DjangoPreflight.Probe.Http;

/// <summary>The last word on what leaves the probe: only safe methods, no header that could split
/// the request (CR, LF or NUL in a name or value), and never more requests than the budget. It
/// wraps whatever handler does the sending (the real one or a test's), so no caller can get around it.</summary>
public sealed class GuardHandler(HttpMessageHandler inner, RequestBudget budget) : DelegatingHandler(inner)
{
    public static readonly IReadOnlySet<string> SafeMethods = new HashSet<string>(StringComparer.Ordinal) { "GET", "HEAD", "OPTIONS" };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!SafeMethods.Contains(request.Method.Method))
            throw new InvalidOperationException($"the probe sends only GET, HEAD and OPTIONS, not {request.Method.Method}");
        foreach (var (name, values) in request.Headers.NonValidated)
            if (SplitsRequest(name) || values.Any(SplitsRequest))
                throw new InvalidOperationException($"the header '{SafeName(name)}' holds a line break or NUL; not sent");
        budget.Take();
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>True when <paramref name="text"/> holds CR, LF or NUL, which would end the header
    /// line early and let the rest pass as another header or request.</summary>
    public static bool SplitsRequest(string text) => text.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0;

    private static string SafeName(string name) => SplitsRequest(name) ? name.ReplaceLineEndings(" ").Replace('\0', ' ') : name;
}
