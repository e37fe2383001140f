using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DjangoPreflight.Probe;
using DjangoPreflight.Probe.Http;

namespace DjangoPreflight.Cli.Commands;

/// <summary>How far a live probe may go, shared by <c>probe URL</c> and <c>scan PATH --url URL</c>.</summary>
public sealed class ProbeOptions
{
    public const int MaxRequestsLimit = 1000;

    private static readonly HashSet<string> FramingHeaders = new(StringComparer.OrdinalIgnoreCase) { "Content-Length", "Transfer-Encoding", "Connection" };

    private readonly Option<int> _maxRequests = new("--max-requests") { Description = $"Never send more than N requests, redirects, retries and TLS handshakes included (default {ProbeSettings.DefaultMaxRequests})", DefaultValueFactory = _ => ProbeSettings.DefaultMaxRequests };
    private readonly Option<double> _timeout;
    private readonly Option<double> _deadline = new("--deadline") { Description = "Seconds the whole probe may take, analysis included (default 90)", DefaultValueFactory = _ => 90 };
    private readonly Option<bool> _insecure = new("--insecure", "-k") { Description = "Go on when the certificate does not validate (it is still reported)" };
    private readonly Option<string?> _caFile = new("--ca-file") { Description = "PEM file of extra trusted root certificates" };
    private readonly Option<string[]> _headers = new("--header", "-H") { Description = "Send a header to the target's host (never over plain HTTP for an https:// URL), NAME:VALUE (repeatable), e.g. a session cookie" };
    private readonly Option<string[]> _resolve = new("--resolve") { Description = "Connect to IP for HOST, HOST:IP (repeatable), like curl's --resolve" };
    private readonly Option<int> _httpPort = new("--http-port") { Description = "Port to try plain HTTP on for an https:// URL (default 80)", DefaultValueFactory = _ => 80 };
    private readonly Option<string> _apiPath = new("--api-path") { Description = "The API root to check (default /api/)", DefaultValueFactory = _ => "/api/" };
    private readonly Option<string?> _ratePath = new("--rate-limit-path") { Description = "Opt in to DPL11: send a burst of GETs to PATH and look for 429" };
    private readonly Option<int?> _burst = new("--burst") { Description = $"Requests in the DPL11 burst (default 20, at most {ProbeSettings.MaxBurst}; counts toward --max-requests)" };

    private readonly string _timeoutName;

    /// <param name="perRequestTimeout">The name of the per-request timeout: <c>--timeout</c> for
    /// <c>probe</c> (where it also answers to <c>--request-timeout</c>); <c>--request-timeout</c> for
    /// <c>scan --url</c>, whose <c>--timeout</c> bounds the whole run.</param>
    public ProbeOptions(string perRequestTimeout = "--timeout")
    {
        _timeoutName = perRequestTimeout;
        _timeout = new(perRequestTimeout) { Description = "Seconds each request may take (default 10)", DefaultValueFactory = _ => 10 };
        if (perRequestTimeout != "--request-timeout") _timeout.Aliases.Add("--request-timeout");
    }

    private Option[] All => [_maxRequests, _timeout, _deadline, _insecure, _caFile, _headers, _resolve, _httpPort, _apiPath, _ratePath, _burst];

    public void AddTo(Command command)
    {
        foreach (var option in All)
            command.Add(option);
    }

    /// <summary>For <c>scan</c> without <c>--url</c>: a probe option given there would be ignored
    /// silently, so it is a usage error naming it.</summary>
    public void RefuseWithoutTarget(ParseResult parsed)
    {
        if (All.FirstOrDefault(o => parsed.GetResult(o) is { Implicit: false }) is { } given)
            throw new UsageException($"{given.Name} is a probe option: it needs --url");
    }

    public ProbeSettings Read(ParseResult parsed) => new()
    {
        MaxRequests = Range(parsed.GetValue(_maxRequests), 1, MaxRequestsLimit, "--max-requests"),
        Timeout = Seconds(parsed.GetValue(_timeout), _timeoutName),
        TimeoutOption = _timeoutName,
        Deadline = Seconds(parsed.GetValue(_deadline), "--deadline"),
        Insecure = parsed.GetValue(_insecure),
        CaFile = CaFile(parsed.GetValue(_caFile)),
        Headers = (parsed.GetValue(_headers) ?? []).Select(Header).ToList(),
        Resolve = Resolve(parsed.GetValue(_resolve) ?? []),
        HttpPort = Range(parsed.GetValue(_httpPort), 1, 65535, "--http-port"),
        ApiPath = Path(parsed.GetValue(_apiPath)!, "--api-path"),
        RateLimitPath = parsed.GetValue(_ratePath) is { } p ? Path(p, "--rate-limit-path") : null,
        Burst = parsed.GetValue(_burst) is { } b
            ? parsed.GetValue(_ratePath) is null ? throw new UsageException("--burst needs --rate-limit-path") : Range(b, 1, ProbeSettings.MaxBurst, "--burst")
            : 20,
    };

    /// <summary>Probes <paramref name="target"/>; a site that cannot be reached at all is a usage error.</summary>
    public static ProbeObservations Probe(Uri target, ProbeSettings settings, HttpMessageHandler? handler)
    {
        try
        {
            return Prober.ProbeAsync(target, settings, handler).GetAwaiter().GetResult();
        }
        catch (ProbeUnreachableException e)
        {
            throw new UsageException($"cannot probe {UrlUserInfo.Strip(target)}: {e.Message}");
        }
    }

    /// <summary>The target URL as given, user information included (see <see cref="UrlUserInfo"/>).</summary>
    public static Uri Target(string text, string what = "URL")
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new UsageException($"invalid {what} '{UrlUserInfo.Redact(text)}' (expected e.g. https://shop.example/)");
        if (uri.Scheme is not ("http" or "https"))
            throw new UsageException($"unsupported scheme '{uri.Scheme}' in '{UrlUserInfo.Redact(text)}' (expected http or https)");
        return uri;
    }

    private static int Range(int value, int min, int max, string name) =>
        value >= min && value <= max ? value : throw new UsageException($"{name} must be between {min} and {max}, not {value}");

    private static TimeSpan Seconds(double value, string name) =>
        value > 0 && value <= 3600 ? TimeSpan.FromSeconds(value) : throw new UsageException($"{name} must be a number of seconds between 0 and 3600, not {value.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The CA file, once it is known to hold PEM certificates: a malformed one is a usage
    /// error here, not an exception when the probe loads it.</summary>
    private static string? CaFile(string? path)
    {
        if (path is null) return null;
        if (!File.Exists(path)) throw new UsageException($"--ca-file '{path}' does not exist");
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(CliFiles.ReadText("--ca-file", path));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new UsageException($"--ca-file '{path}': not a PEM certificate file ({e.Message})");
        }
        return roots.Count > 0 ? path : throw new UsageException($"--ca-file '{path}': no PEM certificate in it");
    }

    private static string Path(string path, string name) =>
        path.StartsWith('/') && Uri.TryCreate(path, UriKind.Relative, out _) ? path : throw new UsageException($"{name} must be a path starting with '/', not '{path}'");

    private static KeyValuePair<string, string> Header(string text)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0 || text[..colon].Any(c => c <= ' ' || c == ':' || c == 127))
            throw new UsageException($"invalid --header '{text.ReplaceLineEndings(" ")}' (expected NAME:VALUE)");
        var name = text[..colon];
        if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            throw new UsageException("--header cannot set Host (use --resolve to connect to another address)");
        if (FramingHeaders.Contains(name))
            throw new UsageException($"--header cannot set {name} (the probe frames its own requests)");
        // A line break would end the header early and smuggle what follows in as another header
        // (a second Host) or request; the value is not echoed, it may be a credential.
        var value = text[(colon + 1)..].Trim();
        if (value.Any(c => char.IsControl(c) && c != '\t'))
            throw new UsageException($"--header {name} holds a line break or another control character");
        return new(name, value);
    }

    private static Dictionary<string, IPAddress> Resolve(string[] entries)
    {
        var map = new Dictionary<string, IPAddress>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var colon = entry.IndexOf(':');
            if (colon <= 0 || !IPAddress.TryParse(entry[(colon + 1)..].Trim('[', ']'), out var ip))
                throw new UsageException($"invalid --resolve '{entry}' (expected HOST:IP)");
            map[entry[..colon].ToLowerInvariant()] = ip;
        }
        return map;
    }
}
