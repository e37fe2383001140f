using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Support;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>DP204: ALLOWED_HOSTS accepts every Host header. In Django's host validation only "*"
/// matches everything: ".example.com" matches that domain and its subdomains, and glob-like
/// patterns such as ".*" or "*.example.com" match nothing (DP205 reports those).</summary>
public sealed class AllowedHostsWildcard : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP204",
        Title: "ALLOWED_HOSTS accepts any host",
        Category: Category.Disclosure,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["000", "003", "004"],
        Docs: new RuleDocs(
            Why: """
                ALLOWED_HOSTS is Django's defence against forged Host headers. With "*", request.get_host()
                returns whatever the client sent, so password-reset e-mails, absolute URLs and cache keys
                can be made to point at an attacker's domain.
                """,
            Fix: """
                List the domains the site answers to. A leading dot (".example.com") allows a domain and all
                its subdomains.
                """,
            Before: """
                ALLOWED_HOSTS = ["*"]
                """,
            After: """
                ALLOWED_HOSTS = ["shop.example.com", ".api.example.com"]
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        if (settings["ALLOWED_HOSTS"] is not { } hosts) yield break;
        if (SettingValues.Contains(hosts.Value, "*") == true)
            yield return Finding("ALLOWED_HOSTS contains \"*\", which accepts any Host header.",
                At(settings, locator, "ALLOWED_HOSTS", "*"), setting: "ALLOWED_HOSTS");
        else if (hosts.FromEnvironment)
            foreach (var variable in hosts.EnvVars)
                if (hosts.WhenMissing.TryGetValue(variable, out var fallback) && SettingValues.Contains(fallback, "*") == true)
                    yield return Finding($"ALLOWED_HOSTS falls back to [\"*\"], which accepts any Host header, when {variable} is missing.",
                        settings.LocationOf("ALLOWED_HOSTS"), Confidence.High, "ALLOWED_HOSTS", Severity.Medium);
    }
}
