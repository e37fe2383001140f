using DjangoPreflight.Core;

namespace DjangoPreflight.Probe.Rules;

/// <summary>DPL11 (opt-in, --rate-limit-path): a bounded burst of requests to one path is never throttled.</summary>
public sealed class NoRateLimit : LiveRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPL11",
        Title: "No rate limiting on a burst of requests",
        Category: Category.Live,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["000"],
        Docs: new RuleDocs(
            Why: """
                Login, password-reset and API endpoints without rate limiting let an attacker guess
                passwords, enumerate accounts or exhaust the server. The probe only tests this when asked
                (--rate-limit-path PATH --burst N) and never sends more than the burst.
                """,
            Fix: """
                Throttle in the proxy (nginx limit_req) and/or in the application (DRF throttling,
                django-ratelimit, django-axes for logins), answering 429 Too Many Requests.
                """,
            Before: """
                location /accounts/login/ { proxy_pass http://app; }
                """,
            After: """
                limit_req_zone $binary_remote_addr zone=login:10m rate=5r/m;
                location /accounts/login/ { limit_req zone=login burst=5; proxy_pass http://app; }
                """));

    public override IEnumerable<Finding> Check(ProbeObservations o)
    {
        if (o.RateLimit is { Error: null, LimitedAt: null } r && r.Sent == r.Planned)
            yield return Finding($"{r.Sent} GET requests in a row to {r.Path} were all answered; none was refused with 429.",
                SourceLocation.ForUrl(new Uri(o.Target, r.Path).ToString()), Confidence.Medium);
    }
}
