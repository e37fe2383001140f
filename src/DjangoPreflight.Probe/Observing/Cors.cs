using DjangoPreflight.Probe.Http;

namespace DjangoPreflight.Probe.Observing;

/// <summary>How a response answers a cross-origin request (Fetch standard, CORS check): which
/// origin it lets read it, and whether with the user's cookies.</summary>
public static class Cors
{
    public static string? AllowedOrigin(ProbeResponse r) => r.Header("access-control-allow-origin")?.Trim();

    /// <summary>Browsers honour credentials only for the exact value "true".</summary>
    public static bool AllowsCredentials(ProbeResponse r) =>
        string.Equals(r.Header("access-control-allow-credentials")?.Trim(), "true", StringComparison.Ordinal);

    /// <summary>True when a page at <paramref name="origin"/> may read this response with the user's cookies.</summary>
    public static bool LetsInWithCredentials(ProbeResponse r, string origin) =>
        AllowsCredentials(r) && string.Equals(AllowedOrigin(r), origin, StringComparison.Ordinal);
}
