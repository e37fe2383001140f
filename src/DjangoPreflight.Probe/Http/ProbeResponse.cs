namespace DjangoPreflight.Probe.Http;

/// <summary>One HTTP response as the probe keeps it: status, headers (names lower-case, in the
/// order received), the body up to the probe's bound, and why the body was cut, if it was.</summary>
public sealed record ProbeResponse(
    Uri Url,
    int Status,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string Body,
    BodyCut Cut)
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

/// <summary>Why the probe kept less than the whole body.</summary>
public enum BodyCut
{
    /// <summary>The body ended.</summary>
    None,

    /// <summary>The body reached the size bound and went on.</summary>
    AtBound,

    /// <summary>The body was still arriving when the request's --timeout passed.</summary>
    Timeout,

    /// <summary>The body was still arriving when the probe's overall --deadline passed.</summary>
    Deadline,

    /// <summary>The connection failed before the body ended.</summary>
    Broken,
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
