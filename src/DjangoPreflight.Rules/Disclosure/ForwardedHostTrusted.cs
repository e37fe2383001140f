using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>DP213: Django builds the host (or port) from X-Forwarded-Host/-Port. This is only safe
/// when the proxy in front overwrites those headers; this rule cannot see the proxy, so it asks.</summary>
public sealed class ForwardedHostTrusted : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP213",
        Title: "X-Forwarded-Host/Port are trusted",
        Category: Category.Disclosure,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                With USE_X_FORWARDED_HOST, request.get_host() believes the X-Forwarded-Host header. Unless the
                proxy replaces it, any client can set it and steer absolute URLs, password-reset links and
                redirects to a host of their choice (within ALLOWED_HOSTS, which "*" makes unlimited).
                """,
            Fix: """
                Leave USE_X_FORWARDED_HOST/PORT off unless a proxy sits in front that always sets them
                (nginx: proxy_set_header X-Forwarded-Host $host;), and keep ALLOWED_HOSTS strict.
                """,
            Before: """
                USE_X_FORWARDED_HOST = True   # no proxy overwrites the header
                """,
            After: """
                # nginx: proxy_set_header X-Forwarded-Host $host;
                USE_X_FORWARDED_HOST = True
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        foreach (var (name, header) in new[] { ("USE_X_FORWARDED_HOST", "X-Forwarded-Host"), ("USE_X_FORWARDED_PORT", "X-Forwarded-Port") })
            if (settings[name] is { IsDefault: false, Value.Truthy: true })
                yield return Finding($"{name} is True: make sure the proxy in front always overwrites {header}.",
                    settings.LocationOf(name), Confidence.Medium, name);
    }
}
