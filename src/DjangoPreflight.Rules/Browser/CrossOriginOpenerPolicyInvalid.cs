using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Browser;

/// <summary>DP405: SECURE_CROSS_ORIGIN_OPENER_POLICY is invalid (Django 4.0+'s security.E024).</summary>
public sealed class CrossOriginOpenerPolicyInvalid : DeployCheckRule
{
    public static readonly IReadOnlySet<string> ValidValues =
        new HashSet<string>(StringComparer.Ordinal) { "same-origin", "same-origin-allow-popups", "unsafe-none" };

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP405",
        Title: "Cross-Origin-Opener-Policy is invalid",
        Category: Category.Browser,
        DefaultSeverity: Severity.Medium,
        DjangoIds: ["security.E024"],
        Seeds: ["+"],
        Docs: new RuleDocs(
            Why: """
                The Cross-Origin-Opener-Policy header keeps pages you open, or that open you, out of your
                browsing context group, which blocks cross-window attacks (tabnabbing, XS-Leaks). Browsers
                ignore an invalid value, so a typo silently turns the protection off.
                """,
            Fix: """
                Set SECURE_CROSS_ORIGIN_OPENER_POLICY to "same-origin" (Django's default since 4.0),
                "same-origin-allow-popups" or "unsafe-none", or None to send no header on purpose.
                """,
            Before: """
                SECURE_CROSS_ORIGIN_OPENER_POLICY = "same_origin"
                """,
            After: """
                SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
                """));

    // Django 4.0+: with SecurityMiddleware, a value that is not None must be one of the valid names.
    public override IEnumerable<Finding> Check(DeploySettings settings)
    {
        if (!settings.AtLeast(4, 0)) return [];
        var policy = settings.Value("SECURE_CROSS_ORIGIN_OPENER_POLICY");
        bool? invalid = policy switch
        {
            PyNone => false,
            PyStr s => !ValidValues.Contains(s.Value),
            PyUnknown => null,
            // A list or dict raises TypeError in Django's set lookup: the check crashes, nothing to mirror.
            PyList or PyDict or PySet => settings.Undecided("SECURE_CROSS_ORIGIN_OPENER_POLICY is not hashable"),
            _ => true,
        };
        return When(settings.HasMiddleware(DeploySettings.SecurityMiddleware) & invalid, settings, "security.E024",
            "SECURE_CROSS_ORIGIN_OPENER_POLICY",
            policy is PyStr p
                ? $"SECURE_CROSS_ORIGIN_OPENER_POLICY is '{p.Value}', which is not a valid policy; browsers ignore it."
                : "SECURE_CROSS_ORIGIN_OPENER_POLICY is not a valid policy; browsers ignore it.");
    }
}
