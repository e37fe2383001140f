using System.CommandLine;
using System.Globalization;
using System.Net;
using DjangoPreflight.Cli.Configuration;
using DjangoPreflight.Probe;

namespace DjangoPreflight.Cli.Commands;

/// <summary><c>probe URL</c>: check a deployed site over HTTP(S) the way an attacker sees it,
/// with a hard bound on requests and time, and only safe methods.</summary>
public static class ProbeCommand
{
    public const int MaxRequestsLimit = 1000;

    /// <param name="handler">Replaces the network handler (tests only); the request guard still applies.</param>
    public static Command Build(CliIo io, HttpMessageHandler? handler = null)
    {
        var url = new Argument<string>("URL") { Description = "The deployed site, e.g. https://shop.example/" };
        var maxRequests = new Option<int>("--max-requests") { Description = $"Never send more than N requests, redirects and TLS handshakes included (default {ProbeSettings.DefaultMaxRequests})", DefaultValueFactory = _ => ProbeSettings.DefaultMaxRequests };
        var timeout = new Option<double>("--timeout") { Description = "Seconds each request may take (default 10)", DefaultValueFactory = _ => 10 };
        var deadline = new Option<double>("--deadline") { Description = "Seconds the whole probe may take (default 90)", DefaultValueFactory = _ => 90 };
        var insecure = new Option<bool>("--insecure", "-k") { Description = "Go on when the certificate does not validate (it is still reported)" };
        var caFile = new Option<string?>("--ca-file") { Description = "PEM file of extra trusted root certificates" };
        var headers = new Option<string[]>("--header", "-H") { Description = "Send a header with every request, NAME:VALUE (repeatable), e.g. a session cookie" };
        var resolve = new Option<string[]>("--resolve") { Description = "Connect to IP for HOST, HOST:IP (repeatable), like curl's --resolve" };
        var httpPort = new Option<int>("--http-port") { Description = "Port to try plain HTTP on for an https:// URL (default 80)", DefaultValueFactory = _ => 80 };
        var apiPath = new Option<string>("--api-path") { Description = "The API root to check (default /api/)", DefaultValueFactory = _ => "/api/" };
        var ratePath = new Option<string?>("--rate-limit-path") { Description = "Opt in to DPL11: send a burst of GETs to PATH and look for 429" };
        var burst = new Option<int?>("--burst") { Description = $"Requests in the DPL11 burst (default 20, at most {ProbeSettings.MaxBurst}; counts toward --max-requests)" };
        var report = new ReportOptions();
        var config = new ConfigOptions();
        var command = new Command("probe", "Check a deployed site over HTTP(S): bounded, read-only requests") { url };
        foreach (var option in new Option[] { maxRequests, timeout, deadline, insecure, caFile, headers, resolve, httpPort, apiPath, ratePath, burst })
            command.Add(option);
        report.AddTo(command);
        config.AddTo(command);
        command.SetAction(parsed =>
        {
            var target = Target(parsed.GetValue(url)!);
            var configuration = config.Load(parsed);
            var rules = report.Selected(parsed, LiveRuleSet.All, configuration);
            report.Writer(parsed, configuration);
            report.Threshold(parsed, configuration);
            var settings = new ProbeSettings
            {
                MaxRequests = Range(parsed.GetValue(maxRequests), 1, MaxRequestsLimit, "--max-requests"),
                Timeout = Seconds(parsed.GetValue(timeout), "--timeout"),
                Deadline = Seconds(parsed.GetValue(deadline), "--deadline"),
                Insecure = parsed.GetValue(insecure),
                CaFile = CaFile(parsed.GetValue(caFile)),
                Headers = (parsed.GetValue(headers) ?? []).Select(Header).ToList(),
                Resolve = Resolve(parsed.GetValue(resolve) ?? []),
                HttpPort = Range(parsed.GetValue(httpPort), 1, 65535, "--http-port"),
                ApiPath = Path(parsed.GetValue(apiPath)!, "--api-path"),
                RateLimitPath = parsed.GetValue(ratePath) is { } p ? Path(p, "--rate-limit-path") : null,
                Burst = parsed.GetValue(burst) is { } b
                    ? parsed.GetValue(ratePath) is null ? throw new UsageException("--burst needs --rate-limit-path") : Range(b, 1, ProbeSettings.MaxBurst, "--burst")
                    : 20,
            };
            ProbeObservations observations;
            try
            {
                observations = Prober.ProbeAsync(target, settings, handler).GetAwaiter().GetResult();
            }
            catch (ProbeUnreachableException e)
            {
                throw new UsageException($"cannot probe {target}: {e.Message}");
            }
            return report.Emit(parsed, io, ProbeRunner.Report(observations, rules), configuration);
        });
        return command;
    }

    private static Uri Target(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new UsageException($"invalid URL '{text}' (expected e.g. https://shop.example/)");
        if (uri.Scheme is not ("http" or "https"))
            throw new UsageException($"unsupported scheme '{uri.Scheme}' in '{text}' (expected http or https)");
        return uri;
    }

    private static int Range(int value, int min, int max, string name) =>
        value >= min && value <= max ? value : throw new UsageException($"{name} must be between {min} and {max}, not {value}");

    private static TimeSpan Seconds(double value, string name) =>
        value > 0 && value <= 3600 ? TimeSpan.FromSeconds(value) : throw new UsageException($"{name} must be a number of seconds between 0 and 3600, not {value.ToString(CultureInfo.InvariantCulture)}");

    private static string? CaFile(string? path) =>
        path is null || File.Exists(path) ? path : throw new UsageException($"--ca-file '{path}' does not exist");

    private static string Path(string path, string name) =>
        path.StartsWith('/') && Uri.TryCreate(path, UriKind.Relative, out _) ? path : throw new UsageException($"{name} must be a path starting with '/', not '{path}'");

    private static KeyValuePair<string, string> Header(string text)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0 || text[..colon].Any(c => c <= ' ' || c == ':'))
            throw new UsageException($"invalid --header '{text}' (expected NAME:VALUE)");
        var name = text[..colon];
        if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            throw new UsageException("--header cannot set Host (use --resolve to connect to another address)");
        return new(name, text[(colon + 1)..].Trim());
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
