using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Auth;

/// <summary>DP511: a DRF view that accepts writes (POST/PUT/PATCH/DELETE) opts out of permission
/// checks with permission_classes = [AllowAny] or an empty list.</summary>
public sealed partial class ApiWriteWithoutPermission : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP511",
        Title: "An API view allows anonymous writes",
        Category: Category.Auth,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["000"],
        Docs: new RuleDocs(
            Why: """
                AllowAny (or an empty permission list) on a view that creates, changes or deletes data lets
                anyone on the internet do so. It is right for a few endpoints (sign-up, password reset,
                signed webhooks), which then need their own protection: throttling, validation, signatures.
                """,
            Fix: """
                Use IsAuthenticated, IsAuthenticatedOrReadOnly or an object-level permission; keep AllowAny
                only on endpoints designed for anonymous use, and throttle them.
                """,
            Before: """
                class OrderViewSet(viewsets.ModelViewSet):
                    permission_classes = [AllowAny]
                """,
            After: """
                class OrderViewSet(viewsets.ModelViewSet):
                    permission_classes = [IsAuthenticated]
                """));

    public override IEnumerable<Finding> Check(ProjectContext project) => CheckViews(project.Code.Views);

    public IEnumerable<Finding> CheckViews(ViewFacts views)
    {
        foreach (var view in views.Views)
        {
            if (!view.IsDrf || view.OverridesPermissions || view.WriteMethods is not { Count: > 0 } writes
                || view.PermissionClasses is not { } permissions)
                continue;
            // DRF requires every listed permission: AllowAny opens the view only when it is alone.
            var opened = permissions.IsEmpty ? "an empty permission_classes" : permissions.Names is { Count: > 0 } names && names.All(n => n == "AllowAny") ? "AllowAny" : null;
            if (opened is null || Guarded(view)) continue;
            yield return Finding($"{view.Name} accepts {string.Join(", ", writes)} with {opened}: anyone can write through it.",
                permissions.Location, Confidence.High);
        }
    }

    /// <summary>AllowAny is not "anyone can write" when the view's own code refuses callers (a permission
    /// check, a 401/403, a signature or a client credential it verifies), or when the view is a step of
    /// signing in, which must be open to anonymous users: its code authenticates, logs in or out, or its
    /// name says it is one (login, sign-up, password reset, MFA, ...).</summary>
    private static bool Guarded(ViewInfo view) =>
        (view.Checks & (RequestChecks.Permission | RequestChecks.Signature | RequestChecks.Credential | RequestChecks.SignsIn)) != 0
        || AuthenticationStep().IsMatch(view.Name);

    [System.Text.RegularExpressions.GeneratedRegex("login|logout|sign_?in|sign_?up|register|password|magic|mfa|otp|captcha|email_?check|check_?email|token_?(create|obtain|refresh|verify)",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex AuthenticationStep();
}
