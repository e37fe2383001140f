using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Analysis.Code;

/// <summary>
/// The cross-origin policy of django-cors-headers as the production settings configure it.
/// <see cref="AllowsAllSetting"/> names the setting that opens CORS to every origin (the current
/// CORS_ALLOW_ALL_ORIGINS, its old name CORS_ORIGIN_ALLOW_ALL, or an origin regex that matches any
/// origin), null when none does.
/// </summary>
public sealed record CorsPolicy(bool MiddlewareEnabled, string? AllowsAllSetting, string? AllowsAllDetail, string? AllowsAllEntry, bool? AllowCredentials)
{
    public const string Middleware = "corsheaders.middleware.CorsMiddleware";

    /// <summary>CORS_URLS_REGEX when the settings narrow it from django-cors-headers' default (every URL):
    /// the middleware adds no CORS header to a response whose path it does not match. Null when unset,
    /// the default, or not a known string.</summary>
    public string? UrlScope { get; init; }

    // Origins no allow-list written for a real site would accept; a regex matching them matches everything.
    private static readonly string[] ForeignOrigins = ["https://attacker.example", "http://evil.test:8080"];

    public static CorsPolicy From(SettingsModel settings)
    {
        var enabled = settings["MIDDLEWARE"]?.Value.AsSequence?.Any(i => i is PyStr { Value: Middleware }) ?? false;
        string? setting = null, detail = null, entry = null;
        foreach (var name in new[] { "CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL" })
            if (setting is null && settings[name] is { IsDefault: false, Value.Truthy: true })
                (setting, detail) = (name, $"{name} is True");
        foreach (var name in new[] { "CORS_ALLOWED_ORIGIN_REGEXES", "CORS_ORIGIN_REGEX_WHITELIST" })
        {
            if (setting is not null || settings[name] is not { IsDefault: false } regexes || regexes.Value.AsSequence is not { } items) continue;
            foreach (var pattern in items.OfType<PyStr>())
                if (MatchesAnyOrigin(pattern.Value) is { } which)
                {
                    (setting, detail, entry) = (name, $"{name} entry \"{pattern.Value}\" matches {which}", pattern.Value);
                    break;
                }
        }
        var credentials = settings["CORS_ALLOW_CREDENTIALS"]?.Value.Truthy;
        var scope = settings["CORS_URLS_REGEX"] is { IsDefault: false, Value: PyStr { Value: var urls } } && urls is not ("^.*$" or ".*" or "") ? urls : null;
        return new CorsPolicy(enabled, setting, detail, entry, credentials ?? (settings["CORS_ALLOW_CREDENTIALS"] is null ? false : null)) { UrlScope = scope };
    }

    /// <summary>"every origin"/"every HTTPS origin" if django-cors-headers' <c>re.match</c> of this
    /// pattern accepts foreign origins, else null (also when .NET cannot compile the Python regex).</summary>
    public static string? MatchesAnyOrigin(string pattern)
    {
        Regex regex;
        try
        {
            regex = new Regex("^(?:" + pattern.Replace("(?P<", "(?<", StringComparison.Ordinal) + ")",
                RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            return null;
        }
        try
        {
            var https = regex.IsMatch(ForeignOrigins[0]);
            var http = regex.IsMatch(ForeignOrigins[1]);
            return https && http ? "every origin" : https ? "every HTTPS origin" : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }
}
