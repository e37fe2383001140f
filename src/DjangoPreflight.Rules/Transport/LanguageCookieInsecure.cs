using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Support;

namespace DjangoPreflight.Rules.Transport;

/// <summary>DP310: LocaleMiddleware is active (so the language cookie is read and may be set) but
/// LANGUAGE_COOKIE_SECURE is not True.</summary>
public sealed class LanguageCookieInsecure : ProductionSettingsRule
{
    public const string LocaleMiddleware = "django.middleware.locale.LocaleMiddleware";

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP310",
        Title: "The language cookie is not marked Secure",
        Category: Category.Transport,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["+"],
        Docs: new RuleDocs(
            Why: """
                Without the Secure flag the django_language cookie is also sent over plain HTTP, where it can
                be read or set by anyone on the path; Django's deploy check covers the session and CSRF
                cookies but not this one.
                """,
            Fix: """
                Set LANGUAGE_COOKIE_SECURE = True (and serve the whole site over HTTPS).
                """,
            Before: """
                MIDDLEWARE = [..., "django.middleware.locale.LocaleMiddleware", ...]
                """,
            After: """
                MIDDLEWARE = [..., "django.middleware.locale.LocaleMiddleware", ...]
                LANGUAGE_COOKIE_SECURE = True
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        if (SettingValues.Contains(settings["MIDDLEWARE"]?.Value, LocaleMiddleware) != true) yield break;
        var secure = settings["LANGUAGE_COOKIE_SECURE"];
        if (secure is null || secure.IsDefault)
            yield return Finding("LocaleMiddleware is enabled but LANGUAGE_COOKIE_SECURE is not set (default False).",
                At(settings, locator, "MIDDLEWARE", LocaleMiddleware), setting: "LANGUAGE_COOKIE_SECURE");
        else if (secure.Value.Truthy == false)
            yield return Finding("LANGUAGE_COOKIE_SECURE is not True while LocaleMiddleware is enabled.",
                settings.LocationOf("LANGUAGE_COOKIE_SECURE"), setting: "LANGUAGE_COOKIE_SECURE");
    }
}
