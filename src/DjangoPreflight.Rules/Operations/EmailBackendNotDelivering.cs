using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Operations;

/// <summary>DP606: EMAIL_BACKEND is one of Django's development backends, which never deliver mail.</summary>
public sealed class EmailBackendNotDelivering : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP606",
        Title: "The e-mail backend does not deliver mail",
        Category: Category.Operations,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["004"],
        Docs: new RuleDocs(
            Why: """
                The console, file, in-memory and dummy backends print, store or drop messages: password
                resets, sign-up confirmations and error mails to ADMINS never arrive, and the console
                backend writes their content, reset links included, into the logs.
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
            yield return Finding($"EMAIL_BACKEND is {backend.Value}, which {what}: no mail is delivered.",
                settings.LocationOf("EMAIL_BACKEND"), setting: "EMAIL_BACKEND");
    }
}
