using System.Globalization;

namespace DjangoPreflight.Probe.Observing;

/// <summary>A Strict-Transport-Security header as RFC 6797 reads it (directives separated by ';',
/// names case-insensitive, max-age possibly quoted), and what hstspreload.org asks of a site before
/// it goes on the browsers' preload list.</summary>
public sealed record HstsPolicy(long? MaxAge, bool IncludeSubDomains, bool Preload)
{
    /// <summary>The preload list's minimum max-age: one year.</summary>
    public const long PreloadMinimumMaxAge = 31_536_000;

    public static HstsPolicy Parse(string value)
    {
        var parts = value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var maxAgeText = parts.FirstOrDefault(p => p.StartsWith("max-age", StringComparison.OrdinalIgnoreCase))?.Split('=', 2).ElementAtOrDefault(1)?.Trim('"', ' ');
        long? maxAge = long.TryParse(maxAgeText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
        return new HstsPolicy(maxAge,
            parts.Any(p => p.Equals("includeSubDomains", StringComparison.OrdinalIgnoreCase)),
            parts.Any(p => p.Equals("preload", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The home page's policy when it was served over HTTPS with one header; null otherwise.</summary>
    public static HstsPolicy? Of(ProbeObservations o) =>
        o.ServedOverHttps && o.Home?.Response?.Header("strict-transport-security") is { } value ? Parse(value) : null;

    /// <summary>True unless the probe saw a certificate that does not validate.</summary>
    public static bool CertificateValid(ProbeObservations o) =>
        o.Certificate is not { } c || (c.Trusted && c.NameMatches && c.NotAfter > o.Now && c.NotBefore <= o.Now);

    /// <summary>Why the site could not be submitted to hstspreload.org, as far as the probe saw;
    /// empty when every requirement it can check holds. The certificate, also required, is left to
    /// DPL14 (see <see cref="CertificateValid"/>); whether the host is a registrable domain and
    /// whether every sub-domain serves HTTPS cannot be seen from here.</summary>
    public static IReadOnlyList<string> PreloadProblems(ProbeObservations o)
    {
        var problems = new List<string>();
        if (!o.ServedOverHttps || o.Home?.Response is not { } home)
            return ["the site is not served over HTTPS"];
        var headers = home.All("strict-transport-security").SelectMany(v => v.Split(',')).ToList();
        if (headers.Count == 0)
            return ["no Strict-Transport-Security header"];
        if (headers.Count > 1)
            problems.Add($"{headers.Count} Strict-Transport-Security headers (exactly one is allowed)");
        var policy = Parse(headers[0]);
        if (policy.MaxAge is not >= PreloadMinimumMaxAge)
            problems.Add($"max-age is {(policy.MaxAge?.ToString(CultureInfo.InvariantCulture) ?? "missing")}, under a year ({PreloadMinimumMaxAge})");
        if (!policy.IncludeSubDomains)
            problems.Add("no includeSubDomains");
        if (!policy.Preload)
            problems.Add("no preload directive");
        // An HTTPS redirect on the way to the page must carry the header too.
        if (o.Home.Hops.Any(h => h.Url.Scheme == Uri.UriSchemeHttps && h.Header("strict-transport-security") is null))
            problems.Add("an HTTPS redirect on the way to the page has no Strict-Transport-Security header");
        // Plain HTTP must first redirect to HTTPS on the same host.
        if (o.PlainHttp?.Response is { } plain && plain.Url.Scheme == Uri.UriSchemeHttp
            && !(plain.IsRedirect && plain.Header("location") is { } location && Uri.TryCreate(plain.Url, location, out var to)
                 && to.Scheme == Uri.UriSchemeHttps && string.Equals(to.Host, plain.Url.Host, StringComparison.OrdinalIgnoreCase)))
            problems.Add("plain HTTP does not first redirect to HTTPS on the same host");
        return problems;
    }
}
