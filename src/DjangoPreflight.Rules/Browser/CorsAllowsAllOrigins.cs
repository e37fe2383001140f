using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Browser;

/// <summary>DP409: django-cors-headers lets every origin read responses; with credentials allowed,
/// any website can act as the logged-in user and read the answers.</summary>
public sealed class CorsAllowsAllOrigins : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP409",
        Title: "CORS allows every origin",
        Category: Category.Browser,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["000", "+"],
        Docs: new RuleDocs(
            Why: """
                CORS decides which other websites may read your API's responses from a visitor's browser.
                Allowing every origin lets any page a user visits read whatever the API returns to that
                user; with CORS_ALLOW_CREDENTIALS the browser also sends their cookies, so any website can
                use their session.
                """,
            Fix: """
                List the front-end origins in CORS_ALLOWED_ORIGINS (or precise, anchored regexes in
                CORS_ALLOWED_ORIGIN_REGEXES) and keep CORS_ALLOW_CREDENTIALS off unless those origins need it.
                """,
            Before: """
                CORS_ALLOW_ALL_ORIGINS = True
                CORS_ALLOW_CREDENTIALS = True
                """,
            After: """
                CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        var cors = CorsPolicy.From(settings);
        // Without the middleware the settings do nothing.
        if (!cors.MiddlewareEnabled || cors.AllowsAllSetting is not { } setting) yield break;
        var location = cors.AllowsAllEntry is { } entry ? At(settings, locator, setting, entry) : settings.LocationOf(setting);
        var scope = cors.UrlScope is { } urls ? $" on URLs matching CORS_URLS_REGEX \"{urls}\"" : "";
        if (cors.AllowCredentials == true)
            yield return Finding($"CORS allows every origin ({cors.AllowsAllDetail}){scope} with CORS_ALLOW_CREDENTIALS = True: any website can make authenticated requests and read the responses.",
                location, setting: setting, severity: Severity.High);
        else if (scope.Length > 0 && cors.AllowCredentials == false)
            // Opened on purpose for named URLs (a bookmarklet or widget endpoint) and without cookies: another
            // site reads only what an anonymous request to those URLs gets, which is what they are for. A
            // hardening note, not a hole (MDN's Observatory does not penalise a credential-less `*` either).
            yield return Finding($"CORS allows every origin ({cors.AllowsAllDetail}){scope}: any website can read those responses, without the visitor's cookies.",
                location, setting: setting, severity: Severity.Low);
        else if (scope.Length > 0)
            // Whether cookies go along is unknown: the URLs are named, the severity stays the rule's.
            yield return Finding($"CORS allows every origin ({cors.AllowsAllDetail}){scope}: any website can read those responses.",
                location, setting: setting);
        else
            yield return Finding($"CORS allows every origin ({cors.AllowsAllDetail}): any website can read the API's responses.",
                location, setting: setting);
    }
}
