using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Secrets;

/// <summary>DP105: an entry of SECRET_KEY_FALLBACKS is weak (Django 4.1+'s security.W025).</summary>
public sealed class WeakSecretKeyFallback : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP105",
        Title: "SECRET_KEY_FALLBACKS holds a weak key",
        Category: Category.Secrets,
        DefaultSeverity: Severity.High,
        DjangoIds: ["security.W025"],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                Every key in SECRET_KEY_FALLBACKS is still accepted when Django verifies signatures
                (sessions, password-reset tokens, signed cookies). A weak fallback key is as good to an
                attacker as a weak SECRET_KEY: forging with the old key still works.
                """,
            Fix: """
                Keep only the previous key(s) during a rotation, make sure each is a long random value, and
                remove them once the sessions and tokens they signed have expired.
                """,
            Before: """
                SECRET_KEY_FALLBACKS = ["django-insecure-old-dev-key"]
                """,
            After: """
                SECRET_KEY_FALLBACKS = [os.environ["DJANGO_PREVIOUS_SECRET_KEY"]]
                """));

    public override IEnumerable<Finding> Check(DeploySettings settings)
    {
        // The setting and its check arrived in Django 4.1.
        if (!settings.AtLeast(4, 1)) yield break;
        var fallbacks = settings.Value("SECRET_KEY_FALLBACKS");
        if (fallbacks is PyUnknown)
        {
            foreach (var f in When(null, settings, "security.W025", "SECRET_KEY_FALLBACKS", "SECRET_KEY_FALLBACKS may hold a weak key."))
                yield return f;
            yield break;
        }
        // Anything but a list or tuple stops Django at start-up (DP214 reports it): no check runs, and
        // a string is never judged character by character.
        if (fallbacks.AsSequence is not { } keys || fallbacks is PySet) yield break;
        for (var i = 0; i < keys.Length; i++)
        {
            var name = $"SECRET_KEY_FALLBACKS[{i}]";
            foreach (var f in When(IsWeak(keys[i], name, settings), settings, "security.W025", "SECRET_KEY_FALLBACKS",
                         WeakSecretKey.Describe(keys[i], name)))
                yield return f;
        }
    }

    /// <summary>Django's <c>_check_secret_key(key)</c> on one fallback: only a string is a key. None (an
    /// unset variable read with os.environ.get), a number or a bool makes Django's check raise
    /// TypeError instead of reporting W025, so nothing certain can be said.</summary>
    private static bool? IsWeak(PyValue key, string name, DeploySettings settings) => key switch
    {
        PyStr or PyUnknown => WeakSecretKey.IsWeak(key, settings),
        _ => settings.Undecided($"{name} is {PyRepr.Of(key) ?? "not a string"}, not a key: Django's check raises TypeError on it"),
    };
}
