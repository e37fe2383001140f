using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Auth;

/// <summary>DP505: the session or CSRF cookie is sent on cross-site requests (SameSite=None), or its
/// SameSite value is one Django rejects when setting the cookie.</summary>
public sealed class CookieSameSiteNone : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP505",
        Title: "A session or CSRF cookie uses SameSite=None or an invalid value",
        Category: Category.Auth,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                SameSite=Lax (Django's default) keeps browsers from attaching the session cookie to requests
                that other websites trigger, a strong second line of defence against CSRF. "None" removes it.
                A value other than Lax, Strict or None makes Django raise ValueError whenever it sets the
                cookie, so logins break.
                """,
            Fix: """
                Keep the default "Lax" (or use "Strict"). If a cross-site embed really needs the cookie, limit
                "None" to that cookie and keep CSRF protection on.
                """,
            Before: """
                SESSION_COOKIE_SAMESITE = "None"
                """,
            After: """
                SESSION_COOKIE_SAMESITE = "Lax"
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        foreach (var name in new[] { "CSRF_COOKIE_SAMESITE", "SESSION_COOKIE_SAMESITE" })
        {
            if (settings[name] is not { IsDefault: false, Value: PyStr value }) continue;
            if (value.Value.Equals("None", StringComparison.OrdinalIgnoreCase))
                yield return Finding($"{name} is \"None\": the cookie is sent on cross-site requests.", settings.LocationOf(name), setting: name);
            else if (!value.Value.Equals("Lax", StringComparison.OrdinalIgnoreCase) && !value.Value.Equals("Strict", StringComparison.OrdinalIgnoreCase))
                yield return Finding($"{name} is \"{value.Value}\", which Django rejects (it must be \"Lax\", \"Strict\" or \"None\").",
                    settings.LocationOf(name), setting: name);
        }
    }
}
