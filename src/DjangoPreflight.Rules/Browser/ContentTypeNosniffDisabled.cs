using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Browser;

/// <summary>DP403: SECURE_CONTENT_TYPE_NOSNIFF is not True (Django's security.W006).</summary>
public sealed class ContentTypeNosniffDisabled : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP403",
        Title: "X-Content-Type-Options: nosniff is not sent",
        Category: Category.Browser,
        DefaultSeverity: Severity.Low,
        DjangoIds: ["security.W006"],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                Without nosniff, browsers may guess a response's type from its content: an uploaded file
                served as text/plain or image/png can be run as HTML or JavaScript (stored XSS).
                """,
            Fix: """
                Leave SECURE_CONTENT_TYPE_NOSNIFF at True (Django's default since 3.0), with SecurityMiddleware.
                """,
            Before: """
                SECURE_CONTENT_TYPE_NOSNIFF = False
                """,
            After: """
                SECURE_CONTENT_TYPE_NOSNIFF = True
                """));

    // Only with SecurityMiddleware, and only the exact value True passes (`is True`).
    public override IEnumerable<Finding> Check(DeploySettings settings) =>
        When(settings.HasMiddleware(DeploySettings.SecurityMiddleware) & !settings.IsTrue("SECURE_CONTENT_TYPE_NOSNIFF"),
            settings, "security.W006", "SECURE_CONTENT_TYPE_NOSNIFF",
            "SECURE_CONTENT_TYPE_NOSNIFF is not True: responses are sent without 'X-Content-Type-Options: nosniff'.");
}
