using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Operations;

/// <summary>
/// DP606: EMAIL_BACKEND is one of Django's development backends, which never deliver mail. The
/// checklist has DP606 mirror Django 6.1's mail.E001, which looks only at MAILERS' 'default' entry;
/// this rule does not read MAILERS yet, so its EMAIL_BACKEND findings are its own and carry no
/// Django ID (Django reports nothing for EMAIL_BACKEND).
/// </summary>
public sealed class EmailBackendNotDelivering : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP606",
        Title: "The e-mail backend does not deliver mail",
        Category: Category.Operations,
        DefaultSeverity: Severity.Medium,
        DjangoIds: ["mail.E001"],
        Seeds: ["004"],
        Docs: new RuleDocs(
            Why: """
                The console, file, in-memory and dummy backends print, store or drop messages: password
                resets, sign-up confirmations and error mails to ADMINS never arrive, and the console
                backend writes their content, reset links included, into the logs. Django 6.1's own check,
                mail.E001, reports these backends in the 'default' entry of MAILERS; it says nothing about
                EMAIL_BACKEND.
                """,
            Fix: """
                Use the SMTP backend (or a provider's backend, e.g. django-anymail) in production, configured
                from the environment.
                """,
            Before: """
                EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
                """,
            After: """
                EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
                EMAIL_HOST = os.environ["EMAIL_HOST"]
                """));

    private static readonly Dictionary<string, string> Development = new(StringComparer.Ordinal)
    {
        ["django.core.mail.backends.console.EmailBackend"] = "prints messages to the console",
        ["django.core.mail.backends.filebased.EmailBackend"] = "writes messages to files",
        ["django.core.mail.backends.locmem.EmailBackend"] = "keeps messages in memory",
        ["django.core.mail.backends.dummy.EmailBackend"] = "drops every message",
    };

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        if (settings["EMAIL_BACKEND"] is { IsDefault: false, Value: PyStr backend } && Development.TryGetValue(backend.Value, out var what))
            yield return FindingBeyondDjango($"EMAIL_BACKEND is {backend.Value}, which {what}: no mail is delivered.",
                settings.LocationOf("EMAIL_BACKEND"), setting: "EMAIL_BACKEND");
    }
}
