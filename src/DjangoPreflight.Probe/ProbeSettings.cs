namespace DjangoPreflight.Probe;

/// <summary>How far the probe may go. Every bound here is enforced by the HTTP layer, not by
/// the code that decides what to request.</summary>
public sealed record ProbeSettings
{
    public const int DefaultMaxRequests = 30;
    public const int MaxBurst = 100;
    public const int DefaultBodyLimit = 512 * 1024;

    /// <summary>Every request counts: redirects, failed connections and TLS-version handshakes.</summary>
    public int MaxRequests { get; init; } = DefaultMaxRequests;

    /// <summary>Per request: connect, send, headers and body.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The option that set <see cref="Timeout"/>, named in messages: <c>--timeout</c> for
    /// <c>probe</c>, <c>--request-timeout</c> for <c>scan --url</c>.</summary>
    public string TimeoutOption { get; init; } = "--timeout";

    /// <summary>The whole probe; requests still pending when it passes are abandoned.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>What <see cref="Deadline"/> stands for, in messages: the probe's own --deadline, or
    /// the time <c>scan --timeout</c> left for the probe.</summary>
    public string DeadlineName { get; init; } = "the probe's overall deadline (--deadline)";

    /// <summary>Accept a certificate that does not validate (it is still reported, DPL14).</summary>
    public bool Insecure { get; init; }

    /// <summary>PEM file of extra trusted roots (a private CA).</summary>
    public string? CaFile { get; init; }

    /// <summary>Sent with every request, e.g. an auth cookie.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Connect to this address for the host name (like curl's --resolve); keys are lower-case host names.</summary>
    public IReadOnlyDictionary<string, System.Net.IPAddress> Resolve { get; init; } = new Dictionary<string, System.Net.IPAddress>();

    /// <summary>The port plain HTTP is tried on when the target is HTTPS.</summary>
    public int HttpPort { get; init; } = 80;

    /// <summary>The API root probed for DPL10.</summary>
    public string ApiPath { get; init; } = "/api/";

    /// <summary>Opt-in DPL11: the path to send a burst of GETs to, and how many.</summary>
    public string? RateLimitPath { get; init; }

    public int Burst { get; init; } = 20;

    public int BodyLimit { get; init; } = DefaultBodyLimit;
}
