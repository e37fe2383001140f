using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Support;

namespace DjangoPreflight.Rules.Transport;

/// <summary>DP306: HSTS is on but for less than a year. Advice: a short max-age is the right way to
/// start, and should be raised once HTTPS is known to work everywhere.</summary>
public sealed class HstsMaxAgeShort : ProductionSettingsRule
{
    public const int OneYear = 31_536_000;

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP306",
        Title: "HSTS max-age is under one year",
        Category: Category.Transport,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                Browsers forget a short HSTS policy quickly, leaving the first request after it expires open
                to SSL stripping; preload lists require at least one year. Starting small is right while
                checking that every subdomain serves HTTPS; staying small is not.
                """,
            Fix: """
                Raise SECURE_HSTS_SECONDS step by step (an hour, a week, a month) to 31536000 (one year) or
                more once HTTPS works everywhere.
                """,
            Before: """
                SECURE_HSTS_SECONDS = 3600
                """,
            After: """
                SECURE_HSTS_SECONDS = 31536000
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        // Unset or 0 is DP303's (Django's W004); this advice is for a policy that exists but is short.
        if (SettingValues.AsInt(settings["SECURE_HSTS_SECONDS"]?.Value) is not { } seconds || seconds <= 0 || seconds >= OneYear)
            yield break;
        yield return Finding($"SECURE_HSTS_SECONDS is {seconds} ({Describe(seconds)}); raise it gradually to at least {OneYear} (one year).",
            settings.LocationOf("SECURE_HSTS_SECONDS"), setting: "SECURE_HSTS_SECONDS");
    }

    private static string Describe(System.Numerics.BigInteger seconds) =>
        seconds >= 86_400 ? $"{seconds / 86_400} days" : seconds >= 3_600 ? $"{seconds / 3_600} hours" : $"{seconds} seconds";
}
