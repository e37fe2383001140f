using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Operations;

/// <summary>DP605: DEFAULT_FROM_EMAIL or SERVER_EMAIL is still Django's localhost default.</summary>
public sealed class EmailAddressesDefault : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP605",
        Title: "Sender addresses are Django's localhost defaults",
        Category: Category.Operations,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["004"],
        Docs: new RuleDocs(
            Why: """
                Password resets and other site mail go out from DEFAULT_FROM_EMAIL, and error mails to ADMINS
                from SERVER_EMAIL. From "webmaster@localhost" or "root@localhost" they are rejected or marked
                as spam by most mail servers, so users never get reset links and admins never see errors.
                """,
            Fix: """
                Set both to an address of your own domain that your mail provider is allowed to send for
                (SPF/DKIM).
                """,
            Before: """
                # DEFAULT_FROM_EMAIL and SERVER_EMAIL not set
                """,
            After: """
                DEFAULT_FROM_EMAIL = "Shop <noreply@shop.example.com>"
                SERVER_EMAIL = "errors@shop.example.com"
                """));

    private static readonly (string Setting, string Default)[] Defaults =
        [("DEFAULT_FROM_EMAIL", "webmaster@localhost"), ("SERVER_EMAIL", "root@localhost")];

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        foreach (var (name, value) in Defaults)
            if (settings[name] is { Value: PyStr s } && s.Value.Trim() == value)
                yield return Finding($"{name} is \"{value}\", Django's default: mail from this address is usually rejected or marked as spam.",
                    settings.LocationOf(name), setting: name);
    }
}
