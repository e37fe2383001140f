using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Support;

namespace DjangoPreflight.Rules.Auth;

/// <summary>DP508: no password validation, or a minimum length under 12 characters.</summary>
public sealed class PasswordValidationWeak : ProductionSettingsRule
{
    public const int RecommendedMinimum = 12;
    private const string MinimumLength = "django.contrib.auth.password_validation.MinimumLengthValidator";
    private const string DjangoValidators = "django.contrib.auth.password_validation.";

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP508",
        Title: "Password validation is missing or allows short passwords",
        Category: Category.Auth,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                Without validators Django accepts "a" as a password. Length is what makes passwords hard to
                guess; current NIST guidance asks for at least 12 characters rather than composition rules.
                """,
            Fix: """
                Configure AUTH_PASSWORD_VALIDATORS with MinimumLengthValidator (min_length 12 or more),
                CommonPasswordValidator, UserAttributeSimilarityValidator and NumericPasswordValidator.
                """,
            Before: """
                AUTH_PASSWORD_VALIDATORS = []
                """,
            After: """
                AUTH_PASSWORD_VALIDATORS = [
                    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
                    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
                ]
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        if (settings["AUTH_PASSWORD_VALIDATORS"] is not { } setting || setting.Value.AsSequence is not { } validators) yield break;
        var location = settings.LocationOf("AUTH_PASSWORD_VALIDATORS");
        if (validators.Length == 0)
        {
            yield return Finding(setting.IsDefault ? "AUTH_PASSWORD_VALIDATORS is not set: any password is accepted."
                : "AUTH_PASSWORD_VALIDATORS is empty: any password is accepted.", location, setting: "AUTH_PASSWORD_VALIDATORS");
            yield break;
        }
        // An entry we cannot read might be the length validator: stay silent.
        if (validators.Any(v => v is not PyDict d || d.Get("NAME") is not PyStr)) yield break;
        // A validator of the project's own (or a package's) may enforce a length: Django's validator is one
        // way, not the only one. Its min_length option is read like Django's; without one nothing is known.
        var length = validators.Cast<PyDict>().Where(d => d.Get("NAME")!.AsString == MinimumLength
            || !d.Get("NAME")!.AsString!.StartsWith(DjangoValidators, StringComparison.Ordinal) && SettingValues.Get(d.Get("OPTIONS"), "min_length") is not null).ToList();
        if (validators.Cast<PyDict>().Any(d => !d.Get("NAME")!.AsString!.StartsWith(DjangoValidators, StringComparison.Ordinal)) && length.Count == 0)
            yield break;
        if (length.Count == 0)
        {
            yield return Finding("AUTH_PASSWORD_VALIDATORS has no MinimumLengthValidator: passwords have no minimum length.",
                location, setting: "AUTH_PASSWORD_VALIDATORS", severity: Severity.Low);
            yield break;
        }
        var minimum = SettingValues.Get(length[0].Get("OPTIONS"), "min_length");
        if (minimum is not null && minimum is not PyInt) yield break;
        var value = minimum is PyInt i ? (int)i.Value : 8; // Django's default min_length
        var name = length[0].Get("NAME")!.AsString!;
        if (value < RecommendedMinimum)
            yield return Finding($"{name[(name.LastIndexOf('.') + 1)..]} allows passwords of {value} characters{(minimum is null ? " (its default)" : "")}; require at least {RecommendedMinimum}.",
                minimum is null ? At(settings, locator, "AUTH_PASSWORD_VALIDATORS", MinimumLength) : At(settings, locator, "AUTH_PASSWORD_VALIDATORS", "min_length"),
                setting: "AUTH_PASSWORD_VALIDATORS", severity: Severity.Low);
    }
}
