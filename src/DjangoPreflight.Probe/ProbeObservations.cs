using DjangoPreflight.Probe.Http;
using DjangoPreflight.Probe.Observing;

namespace DjangoPreflight.Probe;

/// <summary>What the probe saw of a deployed site; live rules read only this, never the network.
/// An exchange left null was not attempted (budget, deadline, or not applicable: see
/// <see cref="Notices"/>).</summary>
public sealed class ProbeObservations
{
    public const string UnknownPath = "/django-preflight-no-such-page/";
    public const string ForeignHost = "django-preflight.invalid";
    public const string AdminLoginPath = "/admin/login/";
    public const string StaticFilePath = "/static/admin/css/base.css";
    public const string ForeignOrigin = "https://django-preflight.invalid";

    public ProbeObservations(Uri target) => Target = target;

    public Uri Target { get; }

    /// <summary>When the probe ran (certificate expiry is judged against it).</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The target URL, with same-host redirects followed.</summary>
    public ProbeExchange? Home { get; set; }

    /// <summary>A path no site has (<see cref="UnknownPath"/>): shows the 404 page.</summary>
    public ProbeExchange? NotFound { get; set; }

    /// <summary>The target URL with <c>Host: </c><see cref="ForeignHost"/>; redirects not followed.</summary>
    public ProbeExchange? ForgedHost { get; set; }

    /// <summary>The first answer to plain HTTP (redirects not followed); for an http:// target,
    /// the first answer of <see cref="Home"/>.</summary>
    public ProbeExchange? PlainHttp { get; set; }

    public ProbeExchange? AdminLogin { get; set; }

    /// <summary>The API path asked for HTML (DRF's browsable API answers that).</summary>
    public ProbeExchange? ApiHtml { get; set; }

    /// <summary>The API path asked for JSON, when the HTML request was refused with 406.</summary>
    public ProbeExchange? ApiJson { get; set; }

    public string ApiPath { get; set; } = "/api/";

    public ProbeExchange? StaticFile { get; set; }

    /// <summary>DPL16: the API path (or, when it is not served, the home page) asked with
    /// <c>Origin: </c><see cref="ForeignOrigin"/>.</summary>
    public ProbeExchange? CorsForeign { get; set; }

    /// <summary>DPL16: the same with <c>Origin: null</c> (sandboxed frames, data: URLs), asked only
    /// when the foreign origin was not already let in with credentials.</summary>
    public ProbeExchange? CorsNull { get; set; }

    /// <summary>Paths that must never be served (/.env, /.git/HEAD, ...), by path.</summary>
    public SortedDictionary<string, ProbeExchange> Sensitive { get; } = new(StringComparer.Ordinal);

    /// <summary>The target's certificate, if it was reached over TLS.</summary>
    public CertificateInfo? Certificate { get; set; }

    public List<TlsVersionResult> LegacyTls { get; } = [];

    public RateLimitResult? RateLimit { get; set; }

    /// <summary>Requests sent, and the budget they came from.</summary>
    public int RequestsUsed { get; set; }

    public int RequestBudget { get; set; }

    /// <summary>One-line remarks for the report: what could not be tested, and why.</summary>
    public List<string> Notices { get; } = [];

    /// <summary>The checks left unrun (for lack of budget or time): a grade without them is incomplete.</summary>
    public List<string> NotRun { get; } = [];

    /// <summary>When the whole probe, analysis included, must end (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public long DeadlineTimestamp { get; init; } = long.MaxValue;

    /// <summary>What the deadline stands for, in notices (see <see cref="ProbeSettings.DeadlineName"/>).</summary>
    public string DeadlineName { get; init; } = "the probe's overall deadline (--deadline)";

    public bool DeadlinePassed => System.Diagnostics.Stopwatch.GetTimestamp() >= DeadlineTimestamp;

    /// <summary>Records a check that could not be made, with why, for the notices and the grade.</summary>
    public void NotChecked(string what, string why)
    {
        NotRun.Add(what);
        Notices.Add($"{what}: not checked ({why})");
    }

    /// <summary>Every exchange made, each with a label saying what was asked, in request order.</summary>
    public IEnumerable<(string Label, ProbeExchange Exchange)> Exchanges
    {
        get
        {
            var named = new (string, ProbeExchange?)[]
            {
                (Target.AbsolutePath, Home), ("plain HTTP", Target.Scheme == Uri.UriSchemeHttp ? null : PlainHttp), (UnknownPath, NotFound),
                ($"Host: {ForeignHost}", ForgedHost), (AdminLoginPath, AdminLogin), (ApiPath, ApiHtml), ($"{ApiPath} as JSON", ApiJson),
                (StaticFilePath, StaticFile), ($"Origin: {ForeignOrigin}", CorsForeign), ("Origin: null", CorsNull),
            };
            foreach (var (label, exchange) in named.Concat(Sensitive.Select(s => (s.Key, (ProbeExchange?)s.Value))))
                if (exchange is not null)
                    yield return (label, exchange);
        }
    }

    /// <summary>Every response received, redirect hops included, in request order.</summary>
    public IEnumerable<ProbeResponse> AllResponses =>
        Exchanges.SelectMany(e => e.Exchange.Hops.Concat(e.Exchange.Response is null ? [] : [e.Exchange.Response]));

    /// <summary>Every cookie the site set, in the order seen.</summary>
    public IEnumerable<SetCookie> Cookies =>
        AllResponses.SelectMany(r => r.All("set-cookie").Select(h => SetCookie.Parse(h, r.Url.AbsolutePath)))
            .Where(c => c is not null)!;

    /// <summary>The policies of the home page: headers (enforced and report-only) and meta tags.</summary>
    public IReadOnlyList<ContentSecurityPolicy> ContentSecurityPolicies
    {
        get
        {
            if (Home?.Response is not { } home) return [];
            var policies = home.All("content-security-policy").SelectMany(v => ContentSecurityPolicy.ParseHeader(v, reportOnly: false))
                .Concat(home.All("content-security-policy-report-only").SelectMany(v => ContentSecurityPolicy.ParseHeader(v, reportOnly: true)));
            if (home.IsHtml)
                policies = policies.Concat(HtmlMeta.ContentSecurityPolicies(HomeTags).Select(ContentSecurityPolicy.ParseMeta));
            return policies.ToList();
        }
    }

    private (string Body, IReadOnlyList<HtmlTag> Tags)? _homeTags;

    /// <summary>The meta, script, link and base tags of the home page (when it is HTML), read once.</summary>
    public IReadOnlyList<HtmlTag> HomeTags
    {
        get
        {
            if (Home?.Response is not { IsHtml: true } home) return [];
            if (_homeTags is not { } cached || !ReferenceEquals(cached.Body, home.Body))
                _homeTags = cached = (home.Body, HtmlTags.Scan(home.Body));
            return cached.Tags;
        }
    }

    /// <summary>True when the site was finally reached over HTTPS.</summary>
    public bool ServedOverHttps => Home?.Response?.Url.Scheme == Uri.UriSchemeHttps;
}

/// <summary>DPL11: a burst of GETs to one path and whether any was refused with 429 (or 503).</summary>
public sealed record RateLimitResult(string Path, int Planned, int Sent, int? LimitedAt, int? LimitStatus, string? Error);
