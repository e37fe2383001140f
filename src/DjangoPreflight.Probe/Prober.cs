using System.Diagnostics;
using DjangoPreflight.Probe.Http;

namespace DjangoPreflight.Probe;

/// <summary>The site could not be probed at all (nothing answered the target URL).</summary>
public sealed class ProbeUnreachableException(string message) : Exception(message);

/// <summary>
/// Decides what to ask the site, in order of importance so that a small --max-requests still
/// covers the essentials, and records the answers as <see cref="ProbeObservations"/>. It sends
/// nothing itself: every request goes through <see cref="ProbeClient"/>.
/// </summary>
public static class Prober
{
    /// <summary>Paths that must never be served, and how to tell real content from a catch-all page.</summary>
    public static readonly IReadOnlyList<string> SensitivePaths = ["/.env", "/.git/HEAD", "/settings.py", "/static/", "/media/"];

    public static async Task<ProbeObservations> ProbeAsync(Uri target, ProbeSettings settings, HttpMessageHandler? handler = null, DateTimeOffset? now = null)
    {
        var deadlineAt = Stopwatch.GetTimestamp() + (long)(settings.Deadline.TotalSeconds * Stopwatch.Frequency);
        var credentials = UrlUserInfo.BasicAuthorization(target);
        target = UrlUserInfo.Strip(target);
        var userAuthorization = settings.Headers.Any(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase));
        if (credentials is { } basic && !userAuthorization)
            settings = settings with { Headers = [.. settings.Headers, basic] };
        using var deadline = new CancellationTokenSource(settings.Deadline);
        var budget = new RequestBudget(settings.MaxRequests);
        using var client = new ProbeClient(settings, budget, deadline.Token, handler, target);
        var o = new ProbeObservations(target) { Now = now ?? DateTimeOffset.UtcNow, ApiPath = settings.ApiPath, RequestBudget = budget.Max, DeadlineTimestamp = deadlineAt, DeadlineName = settings.DeadlineName };
        if (credentials is not null)
            o.Notices.Add(userAuthorization
                ? "the URL's user name and password were not used (--header gives an Authorization) and are not shown"
                : $"the URL's user name and password were sent as Basic authentication to {target.Host} only, and are not shown");
        try
        {
            await ObserveAsync(o, client, target, settings);
        }
        finally
        {
            o.RequestsUsed = budget.Used;
            o.Certificate ??= client.Certificates.Observed;
        }
        NoteCutBodies(o, settings);
        o.Notices.Add($"{budget.Used} of {budget.Max} requests used");
        return o;
    }

    /// <summary>One notice per reason a body was kept short: the rules saw only part of those pages.</summary>
    private static void NoteCutBodies(ProbeObservations o, ProbeSettings settings)
    {
        foreach (var group in o.Exchanges.Where(e => e.Exchange.Response is { Cut: not BodyCut.None }).GroupBy(e => e.Exchange.Response!.Cut).OrderBy(g => g.Key))
        {
            var labels = group.Select(e => e.Label).ToList();
            var which = $"{labels[0]}{(labels.Count > 1 ? $" and {labels.Count - 1} more" : "")}";
            o.Notices.Add(group.Key switch
            {
                BodyCut.AtBound => $"responses cut at {settings.BodyLimit / 1024} KiB (the body did not end): {which}",
                BodyCut.Timeout => $"responses read only as far as they came within {settings.Timeout.TotalSeconds:0.#} s ({settings.TimeoutOption}; the body was still arriving): {which}",
                BodyCut.Deadline => $"responses read only as far as they came before {settings.DeadlineName} passed: {which}",
                _ => $"responses whose connection broke before the body ended, read as far as they came: {which}",
            });
        }
    }

    private static async Task ObserveAsync(ProbeObservations o, ProbeClient client, Uri target, ProbeSettings settings)
    {
        o.Home = await client.SendAsync(target);
        if (!o.Home.Answered)
        {
            if (o.Home.Failure == ProbeFailure.Tls && client.Certificates.Observed is not null)
            {
                o.Notices.Add($"{o.Home.Error}; only the certificate was checked (use --insecure or --ca-file to check the rest)");
                o.NotRun.Add("every check but the certificate's");
                return;
            }
            throw new ProbeUnreachableException(o.Home.Error ?? $"no response from {target}");
        }
        if (o.Home.Failure == ProbeFailure.OffHost)
            o.Notices.Add($"{target} {o.Home.Error}");

        var site = o.Home.Response!.Url;
        Uri At(string path) => new(site, path);

        o.NotFound = await Step(o, "the 404 page", client.SendAsync(At(ProbeObservations.UnknownPath)));
        o.ForgedHost = await Step(o, "host validation", client.SendAsync(site, hostHeader: ProbeObservations.ForeignHost, followRedirects: false));
        if (target.Scheme == Uri.UriSchemeHttp)
            o.PlainHttp = o.Home with { Hops = [], Response = o.Home.First };
        else
            o.PlainHttp = await Step(o, "plain HTTP", client.SendAsync(new UriBuilder(target) { Scheme = "http", Port = settings.HttpPort }.Uri, followRedirects: false));
        o.AdminLogin = await Step(o, "the admin login", client.SendAsync(At(ProbeObservations.AdminLoginPath)));
        o.StaticFile = await Step(o, "static files", client.SendAsync(At(ProbeObservations.StaticFilePath)));
        o.ApiHtml = await Step(o, "the API", client.SendAsync(At(settings.ApiPath), headers: [new("Accept", "text/html")]));
        if (o.ApiHtml?.Response?.Status == 406)
            o.ApiJson = await Step(o, "the API", client.SendAsync(At(settings.ApiPath), headers: [new("Accept", "application/json")]));
        foreach (var path in SensitivePaths)
            if (await Step(o, path, client.SendAsync(At(path))) is { } exchange)
                o.Sensitive[path] = exchange;

        // CORS where it is usually set up (the API), else on the home page.
        var corsUrl = o.ApiHtml?.Response is { IsSuccess: true } || o.ApiJson?.Response is { IsSuccess: true } ? At(settings.ApiPath) : site;
        o.CorsForeign = await Step(o, "CORS", client.SendAsync(corsUrl, headers: [new("Origin", ProbeObservations.ForeignOrigin)], followRedirects: false));
        if (o.CorsForeign?.Response is { } cors && !Observing.Cors.LetsInWithCredentials(cors, ProbeObservations.ForeignOrigin))
            o.CorsNull = await Step(o, "CORS for Origin: null", client.SendAsync(corsUrl, headers: [new("Origin", "null")], followRedirects: false));

        if (o.ServedOverHttps)
            await LegacyTlsAsync(o, client, site, settings);
        else
            o.Notices.Add("the site is not served over HTTPS: certificate and TLS versions not checked");

        if (settings.RateLimitPath is { } ratePath)
        {
            o.RateLimit = await BurstAsync(client, At(ratePath), ratePath, settings.Burst);
            if (o.RateLimit is { LimitedAt: null } burst && (burst.Error is not null || burst.Sent < burst.Planned))
                o.NotChecked($"the rate-limit burst to {ratePath}", burst.Sent == 0
                    ? $"never started, none of its {burst.Planned} requests sent: {burst.Error}"
                    : $"cut short after {burst.Sent} of {burst.Planned} requests: {burst.Error}");
        }
    }

    /// <summary>Awaits one observation; when it could not be made for lack of budget or time,
    /// says so in the notices and returns null (the rules then stay silent about it).</summary>
    private static async Task<ProbeExchange?> Step(ProbeObservations o, string what, Task<ProbeExchange> request)
    {
        var exchange = await request;
        if (exchange.Failure is ProbeFailure.Budget or ProbeFailure.Deadline)
        {
            o.NotChecked(what, exchange.Error!);
            return null;
        }
        return exchange;
    }

    private static async Task LegacyTlsAsync(ProbeObservations o, ProbeClient client, Uri site, ProbeSettings settings)
    {
        foreach (var (name, version) in TlsVersionProbe.Legacy)
        {
            if (client.Budget.Remaining == 0)
            {
                o.NotChecked(name, $"the request budget (--max-requests {client.Budget.Max}) is used up");
                continue;
            }
            var result = await TlsVersionProbe.TestAsync(client, settings.Timeout, site, name, version);
            o.LegacyTls.Add(result);
            if (result.Verdict == TlsVersionVerdict.CouldNotTest)
                o.NotChecked(name, result.Detail);
        }
    }

    /// <summary>DPL11: up to <paramref name="burst"/> GETs in a row, stopping at the first 429/503.
    /// The burst never goes past the request budget; a partial burst proves nothing and is only noted.</summary>
    private static async Task<RateLimitResult> BurstAsync(ProbeClient client, Uri url, string path, int burst)
    {
        var sent = 0;
        for (var i = 1; i <= burst; i++)
        {
            if (client.Budget.Remaining == 0)
                return new RateLimitResult(path, burst, sent, null, null, $"the request budget (--max-requests {client.Budget.Max}) is used up");
            var exchange = await client.SendAsync(url, followRedirects: false);
            sent++;
            if (exchange.Response is not { } response)
                return new RateLimitResult(path, burst, sent, null, null, exchange.Error);
            if (response.Status is 429 or 503)
                return new RateLimitResult(path, burst, sent, i, response.Status, null);
        }
        return new RateLimitResult(path, burst, sent, null, null, null);
    }
}
