using DjangoPreflight.Core;
using DjangoPreflight.Probe.Http;

namespace DjangoPreflight.Probe.Rules;

/// <summary>DPL14: the certificate is untrusted, expired, expiring soon or for another host; or
/// the server still accepts TLS 1.0/1.1.</summary>
public sealed class WeakTls : LiveRule
{
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPL14",
        Title: "TLS certificate or protocol versions are weak",
        Category: Category.Live,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["002"],
        Docs: new RuleDocs(
            Why: """
                Browsers refuse a certificate that is expired, self-signed or issued for another name, so
                users either cannot reach the site or learn to click through warnings (which is what an
                attacker's certificate needs). A certificate close to expiry means renewal is not
                automated. TLS 1.0 and 1.1 are deprecated (RFC 8996) and have known weaknesses.
                """,
            Fix: """
                Use a certificate from a public CA that covers every served name, renewed automatically
                (certbot, acme.sh) well before expiry; in nginx: ssl_protocols TLSv1.2 TLSv1.3;
                """,
            Before: """
                ssl_protocols TLSv1 TLSv1.1 TLSv1.2;
                """,
            After: """
                ssl_protocols TLSv1.2 TLSv1.3;
                """));

    public override IEnumerable<Finding> Check(ProbeObservations o)
    {
        if (o.Certificate is { } c)
        {
            var at = SourceLocation.ForUrl(new Uri(o.Home?.Response?.Url ?? o.Target, "/").ToString());
            var expired = c.NotAfter <= o.Now;
            if (expired)
                yield return Finding($"The certificate expired on {c.NotAfter:yyyy-MM-dd} ({c.Subject}).", at);
            else if (c.NotBefore > o.Now)
                yield return Finding($"The certificate is not valid before {c.NotBefore:yyyy-MM-dd}.", at);
            else if (c.NotAfter - o.Now < ExpiryWarning)
                yield return Finding($"The certificate expires on {c.NotAfter:yyyy-MM-dd}, in {(int)(c.NotAfter - o.Now).TotalDays} days.", at, severity: Severity.Medium);
            if (!c.Trusted)
            {
                var problems = c.ChainProblems.Where(p => !(expired && p == "outside its validity period")).ToList();
                if (problems.Count > 0)
                    yield return Finding($"The certificate is not trusted: {string.Join("; ", problems)} (issuer: {c.Issuer}).", at);
            }
            if (!c.NameMatches)
                yield return Finding($"The certificate does not cover {c.Host} (it names: {(c.Names.Count == 0 ? c.Subject : string.Join(", ", c.Names))}).", at);
        }
        foreach (var v in o.LegacyTls.Where(v => v.Verdict == TlsVersionVerdict.Accepted))
            yield return Finding($"The server accepts {v.Version}, which is deprecated (RFC 8996).", SourceLocation.ForUrl(new Uri(o.Home?.Response?.Url ?? o.Target, "/").ToString()), severity: Severity.Medium);
    }
}
