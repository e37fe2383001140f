using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Operations;

/// <summary>DP612: MAILERS is set but has no 'default' entry (Django 6.1+'s mail.W001, a check every
/// <c>manage.py</c> command runs).</summary>
public sealed class MailersWithoutDefault : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP612",
        Title: "MAILERS has no 'default' entry",
        Category: Category.Operations,
        DefaultSeverity: Severity.Medium,
        DjangoIds: ["mail.W001"],
        Seeds: ["004"],
        Docs: new RuleDocs(
            Why: """
                Since Django 6.1, send_mail(), mail_admins(), password resets and error mails to ADMINS
                all send through the 'default' entry of MAILERS unless the code names another one. With
                MAILERS set and no 'default', every one of them fails, and with it the error reports that
                would have told you.
                """,
            Fix: """
                Name the entry production sends with 'default' (keep other entries for special uses and
                pass using= where you want them).
                """,
            Before: """
                MAILERS = {"smtp": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}
                """,
            After: """
                MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}
                """));

    // Django 6.1+: settings.is_overridden("MAILERS") and "default" not in settings.MAILERS.
    public override IEnumerable<Finding> Check(DeploySettings settings)
    {
        if (!settings.AtLeast(6, 1) || !settings.Model.IsSet("MAILERS")) return [];
        if (EmptyUntilTheEnvironmentSetsIt(settings.Model["MAILERS"]!) is { } unset)
            return [EmailOff(settings, unset)];
        return When(!settings.Contains("MAILERS", "default"), settings, "mail.W001", "MAILERS",
            "MAILERS has no 'default' entry: sending e-mail without naming a mailer fails (password resets, mail to ADMINS).");
    }

    /// <summary>The variables whose absence leaves MAILERS empty: an empty MAILERS that depends only on
    /// variables the environment does not set (<c>MAILERS = {}</c>, filled under <c>if os.getenv("EMAIL_HOST")</c>)
    /// is the settings' e-mail-off state, chosen by the deployment's environment; null otherwise.</summary>
    private static IReadOnlyList<string>? EmptyUntilTheEnvironmentSetsIt(Setting mailers) =>
        mailers.Value is PyDict { Entries.Length: 0 } && mailers.UnsetEnvVars.Count > 0 && mailers.UnsetEnvVars.Count == mailers.EnvVars.Count
            ? mailers.UnsetEnvVars
            : null;

    /// <summary>Whether production sets those variables is unknown here: low confidence, saying what is
    /// verified (the empty value and what it hangs on) and what follows if production leaves them unset.</summary>
    private Finding EmailOff(DeploySettings settings, IReadOnlyList<string> unset)
    {
        var names = Prose.And(unset);
        var verb = unset.Count == 1 ? "is" : "are";
        return Finding(
            $"MAILERS is empty because {names} {verb} unset: the settings build it from the environment. A deployment that leaves {names} unset "
            + "sends no e-mail at all (Django warns mail.W001; password resets and mail to ADMINS fail).",
            settings.Where("MAILERS"), Confidence.Low, "MAILERS", djangoId: "mail.W001");
    }
}
