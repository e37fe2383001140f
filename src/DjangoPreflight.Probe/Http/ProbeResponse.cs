namespace DjangoPreflight.Probe.Http;

/// <summary>One HTTP response as the probe keeps it: status, headers (names lower-case, in the
/// order received), and the body up to the probe's bound.</summary>
public sealed record ProbeResponse(
    Uri Url,
    int Status,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string Body,
    bool BodyTruncated)
{
    /// <summary>All values of a header (comma-joined values as sent, one entry per header line).</summary>
    public IEnumerable<string> All(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    /// <summary>The first value of a header, or null.</summary>
    public string? Header(string name) => All(name).FirstOrDefault();

    public bool IsSuccess => Status is >= 200 and < 300;

    public bool IsRedirect => Status is 301 or 302 or 303 or 307 or 308;

    public string ContentType => (Header("content-type") ?? "").Split(';')[0].Trim().ToLowerInvariant();

    public bool IsHtml => ContentType is "text/html" or "application/xhtml+xml";
}

/// <summary>Why a request got no usable response.</summary>
public enum ProbeFailure
{
    None,
    Refused,
    Timeout,
    Deadline,
    NotHttp,
    Tls,
    Closed,
    Budget,
    OffHost,
    Other,
}

/// <summary>A request and what came of it: the redirect hops followed (same host only), the final
/// response, or why there is none.</summary>
public sealed record ProbeExchange(Uri Requested, IReadOnlyList<ProbeResponse> Hops, ProbeResponse? Response, ProbeFailure Failure, string? Error)
{
    public bool Answered => Response is not null;

    /// <summary>The first response of the chain (before any redirect was followed).</summary>
    public ProbeResponse? First => Hops.Count > 0 ? Hops[0] : Response;
}
