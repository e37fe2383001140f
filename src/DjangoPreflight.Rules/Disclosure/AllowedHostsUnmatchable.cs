using DjangoPreflight.Analysis.Code;
using System.Net;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Support;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>DP205: an ALLOWED_HOSTS entry that Django's host validation can never match. Django
/// compares the lower-cased host (port and trailing dot removed) with each entry exactly, or by
/// suffix when the entry starts with "."; "*" alone matches all. Everything else is literal text.</summary>
public sealed class AllowedHostsUnmatchable : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP205",
        Title: "An ALLOWED_HOSTS entry can never match",
        Category: Category.Disclosure,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["003", "+"],
        Docs: new RuleDocs(
            Why: """
                Django matches ALLOWED_HOSTS entries as plain host names: no CIDR ranges, URLs, ports, paths
                or glob patterns. Such an entry silently matches nothing: either legitimate requests are
                rejected with 400, or the team believes a restriction exists that does not (a health check
                from "10.0.0.0/8" never passes).
                """,
            Fix: """
                Write bare host names or IP addresses (IPv6 in brackets); use a leading dot for subdomains.
                For health checks from changing internal addresses, answer them in the proxy or add the
                instance's own address at start-up.
                """,
            Before: """
                ALLOWED_HOSTS = ["https://shop.example.com", "10.0.0.0/8", "*.example.com"]
                """,
            After: """
                ALLOWED_HOSTS = ["shop.example.com", ".example.com"]
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        if (SettingValues.KnownStrings(settings["ALLOWED_HOSTS"]?.Value) is not { } entries) yield break;
        foreach (var entry in entries.Distinct().Order(StringComparer.Ordinal))
            if (WhyUnmatchable(entry) is { } why)
                yield return Finding($"ALLOWED_HOSTS entry \"{entry}\" can never match: {why}.",
                    At(settings, locator, "ALLOWED_HOSTS", entry), setting: "ALLOWED_HOSTS");
    }

    /// <summary>Why Django can never match <paramref name="entry"/>, or null if it can.</summary>
    public static string? WhyUnmatchable(string entry)
    {
        if (entry == "*") return null;
        if (entry.Length == 0) return "it is empty";
        if (entry.Any(char.IsWhiteSpace)) return "it contains whitespace";
        if (entry.Contains("://", StringComparison.Ordinal)) return "it includes a URL scheme; use the bare host name";
        var slash = entry.IndexOf('/');
        if (slash >= 0)
            return IPAddress.TryParse(entry[..slash], out _) ? "CIDR ranges are not supported; list addresses one by one"
                : "it includes a path; use the bare host name";
        if (entry.Contains('*')) return "wildcards are only supported as \"*\" alone; use a leading dot (\".example.com\") for subdomains";
        if (entry.StartsWith('[')) return entry.EndsWith(']') ? null : "the port is removed from the Host header before matching";
        var colons = entry.Count(c => c == ':');
        if (colons == 1) return "the port is removed from the Host header before matching";
        if (colons > 1) return IPAddress.TryParse(entry, out _) ? "IPv6 addresses must be written in brackets, e.g. \"[::1]\"" : "it is not a host name";
        if (entry.Length > 1 && entry.EndsWith('.')) return "the trailing dot is removed from the Host header before matching";
        if (entry == ".") return "it matches no host name";
        return null;
    }
}
