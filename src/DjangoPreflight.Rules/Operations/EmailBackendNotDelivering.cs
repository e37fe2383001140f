using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Operations;

/// <summary>
/// DP606: the e-mail backend is one of Django's development backends, which never deliver mail. On
/// Django 6.1+ with MAILERS set, that is the 'default' entry's BACKEND, exactly Django's deploy check
/// mail.E001. EMAIL_BACKEND (every version, and 6.1 without MAILERS) Django never checks: those
/// findings are the rule's own and carry no Django ID.
/// </summary>
public sealed class EmailBackendNotDelivering : DeployCheckRule
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

    public override IEnumerable<Finding> Check(DeploySettings settings)
    {
        var model = settings.Model;
        if (model["EMAIL_BACKEND"] is { IsDefault: false, Value: PyStr backend } && Development.TryGetValue(backend.Value, out var what))
            yield return FindingBeyondDjango($"EMAIL_BACKEND is {backend.Value}, which {what}: no mail is delivered.",
                model.LocationOf("EMAIL_BACKEND"), setting: "EMAIL_BACKEND");
        if (settings.AtLeast(6, 1) && model.IsSet("MAILERS"))
            foreach (var f in When(DefaultMailerIsDevelopment(settings, out var mailer), settings, "mail.E001", "MAILERS",
                         $"MAILERS['default'] uses {mailer}, which {(mailer is null ? "" : Development[mailer])}: no mail is delivered."))
                yield return f;
    }

    /// <summary>Django 6.1's check_mailers_production_backend: settings.MAILERS["default"]["BACKEND"] is
    /// a development backend. A missing entry or key is no error (an omitted BACKEND is SMTP); a
    /// MAILERS or entry that cannot be subscripted, or an unhashable backend, makes the check raise
    /// TypeError instead, so nothing is reported for it.</summary>
    private static bool? DefaultMailerIsDevelopment(DeploySettings settings, out string? backend)
    {
        backend = null;
        var mailers = settings.Value("MAILERS");
        if (mailers is PyUnknown u) return settings.Undecided(u.Reason);
        if (mailers is not PyDict all || all.Get("default") is not { } entry) return false;
        if (entry is PyUnknown eu) return settings.Undecided(eu.Reason);
        if (entry is not PyDict config || config.Get("BACKEND") is not { } value) return false;
        if (value is PyUnknown vu) return settings.Undecided(vu.Reason);
        if (value is not PyStr name || !Development.ContainsKey(name.Value)) return false;
        backend = name.Value;
        return true;
    }
}
