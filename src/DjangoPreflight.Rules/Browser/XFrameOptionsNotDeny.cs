using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Browser;

/// <summary>DP402: X_FRAME_OPTIONS is not 'DENY' while XFrameOptionsMiddleware is used (Django's security.W019).</summary>
public sealed class XFrameOptionsNotDeny : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP402",
        Title: "X_FRAME_OPTIONS is not DENY",
        Category: Category.Browser,
        DefaultSeverity: Severity.Low,
        DjangoIds: ["security.W019"],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                SAMEORIGIN still lets any page of your own site frame the others; one page that renders
                user-supplied HTML is then enough to mount a clickjacking attack from inside your origin.
                """,
            Fix: """
                Set X_FRAME_OPTIONS = "DENY" (Django's default since 3.0), and allow framing only on the views
                that need it with @xframe_options_sameorigin.
                """,
            Before: """
                X_FRAME_OPTIONS = "SAMEORIGIN"
                """,
            After: """
                X_FRAME_OPTIONS = "DENY"
                """));

    // Django compares with == 'DENY': case matters, so 'deny' fires it.
    public override IEnumerable<Finding> Check(DeploySettings settings)
    {
        var value = settings.Value("X_FRAME_OPTIONS");
        bool? notDeny = value is PyUnknown ? null : value is not PyStr { Value: "DENY" };
        return When(settings.HasMiddleware(DeploySettings.XFrameOptionsMiddleware) & notDeny, settings, "security.W019", "X_FRAME_OPTIONS",
            value is PyStr s ? $"X_FRAME_OPTIONS is '{s.Value}', not 'DENY'." : "X_FRAME_OPTIONS is not 'DENY'.");
    }
}
