using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Auth;

/// <summary>
/// DP502: a CSRF_TRUSTED_ORIGINS entry is malformed (Django 4.0+'s 4_0.E001: no scheme), a wildcard
/// broad enough to trust a whole public suffix, or a plain-http origin. Only the first is Django's;
/// the others are reported without a Django ID.
/// </summary>
public sealed class CsrfTrustedOriginsUnsafe : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP502",
        Title: "CSRF_TRUSTED_ORIGINS has an unsafe or malformed entry",
        Category: Category.Auth,
        DefaultSeverity: Severity.Medium,
        DjangoIds: ["4_0.E001"],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                CSRF_TRUSTED_ORIGINS lists the origins allowed to send unsafe requests (POST, PUT...). Since
                Django 4.0 each entry must be a full origin with a scheme: a bare host name never matches, so
                legitimate forms fail (and teams then disable CSRF checks). A wildcard such as
                'https://*.com' trusts every site under a public suffix, which is no protection at all, and a
                plain 'http://' origin trusts pages an attacker on the network can rewrite.
                """,
            Fix: """
                List exact HTTPS origins, with scheme: "https://shop.example.com", or
                "https://*.example.com" for your own subdomains only. On Django 3.2 and older, list host
                names without scheme instead.
                """,
            Before: """
                CSRF_TRUSTED_ORIGINS = ["shop.example.com", "http://*.com"]
                """,
            After: """
                CSRF_TRUSTED_ORIGINS = ["https://shop.example.com", "https://*.example.com"]
                """));

    private static readonly HashSet<string> LocalHosts = new(StringComparer.OrdinalIgnoreCase) { "localhost", "127.0.0.1", "[::1]" };

    public override IEnumerable<Finding> Check(DeploySettings settings)
    {
        var origins = settings.Value("CSRF_TRUSTED_ORIGINS");
        var where = settings.Where("CSRF_TRUSTED_ORIGINS");
        var modern = settings.AtLeast(4, 0);
        if (origins is PyStr text)
        {
            // Django iterates the setting: a string is taken character by character, none has a scheme.
            if (modern && text.Value.Length > 0)
                yield return Finding($"CSRF_TRUSTED_ORIGINS is a string ('{text.Value}'), not a list: Django reads each character as an origin without a scheme.",
                    where, setting: "CSRF_TRUSTED_ORIGINS", djangoId: "4_0.E001");
            yield break;
        }
        var entries = origins switch
        {
            PyDict d => d.Entries.Select(e => e.Key).ToList(),
            { AsSequence: { } items } => items.ToList(),
            _ => [],
        };
        foreach (var entry in entries)
        {
            if (entry is not PyStr { Value: var origin }) continue;
            var scheme = origin.IndexOf("://", StringComparison.Ordinal);
            if (scheme < 0)
            {
                if (modern)
                    yield return Finding($"CSRF_TRUSTED_ORIGINS entry '{origin}' has no scheme; since Django 4.0 it must be a full origin such as 'https://{origin.TrimStart('.')}'.",
                        where, setting: "CSRF_TRUSTED_ORIGINS", djangoId: "4_0.E001");
                else if (TooBroad(origin.StartsWith('.') ? "*" + origin : origin))
                    yield return Own($"CSRF_TRUSTED_ORIGINS entry '{origin}' trusts every site under a public suffix.", where);
                continue;
            }
            if (!modern)
            {
                yield return Own($"CSRF_TRUSTED_ORIGINS entry '{origin}' has a scheme; before Django 4.0 entries are host names, so it never matches.", where);
                continue;
            }
            var host = Host(origin[(scheme + 3)..]);
            if (TooBroad(host))
                yield return Own($"CSRF_TRUSTED_ORIGINS entry '{origin}' is a wildcard that trusts every site under a public suffix.", where);
            else if (origin[..scheme].Equals("http", StringComparison.OrdinalIgnoreCase) && !LocalHosts.Contains(host))
                yield return Own($"CSRF_TRUSTED_ORIGINS entry '{origin}' is a plain-http origin: pages served over HTTP can be rewritten by a network attacker.",
                    where, Severity.Low);
        }
    }

    /// <summary>A finding of our own, beyond Django's check: it carries no Django ID (the Finding helper
    /// would give it the rule's only one, 4_0.E001, which Django does not report here).</summary>
    private Finding Own(string message, SourceLocation where, Severity? severity = null) =>
        FindingBeyondDjango(message, where, setting: "CSRF_TRUSTED_ORIGINS", severity: severity);

    /// <summary>The host of "host[:port][/path]".</summary>
    private static string Host(string rest)
    {
        var end = rest.IndexOfAny(['/', '?', '#']);
        var authority = end < 0 ? rest : rest[..end];
        if (authority.StartsWith('[')) return authority[..(authority.IndexOf(']') + 1 is var close and > 0 ? close : authority.Length)];
        var colon = authority.LastIndexOf(':');
        return colon < 0 ? authority : authority[..colon];
    }

    /// <summary>"*", or "*.suffix" where the suffix is a single label (a TLD such as "com").</summary>
    private static bool TooBroad(string host) =>
        host == "*" || host.StartsWith("*.", StringComparison.Ordinal) && !host[2..].Trim('.').Contains('.');
}
