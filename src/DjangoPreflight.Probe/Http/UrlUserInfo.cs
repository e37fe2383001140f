using System.Text;
using System.Text.RegularExpressions;

namespace DjangoPreflight.Probe.Http;

/// <summary>The user name and password a URL may carry (https://user:pass@host/). They are sent as
/// Basic authentication to that host only (as curl does) and never printed: every URL the probe
/// shows has them removed.</summary>
public static partial class UrlUserInfo
{
    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.-]*:/*)[^/?#@]*@", RegexOptions.NonBacktracking)]
    private static partial Regex Authority();

    /// <summary>The URL without its user information.</summary>
    public static Uri Strip(Uri url) =>
        url.UserInfo.Length == 0 ? url : new UriBuilder(url) { UserName = "", Password = "" }.Uri;

    /// <summary>The Authorization header the user information stands for, or null when there is none.</summary>
    public static KeyValuePair<string, string>? BasicAuthorization(Uri url)
    {
        if (url.UserInfo.Length == 0)
            return null;
        var credentials = Uri.UnescapeDataString(url.UserInfo);
        return new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
    }

    /// <summary>Text that may be a URL (even an invalid one), with anything before an '@' in its
    /// authority replaced by ***, for error messages.</summary>
    public static string Redact(string text) => Authority().Replace(text, "$1***@", 1);
}
