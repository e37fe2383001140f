using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Auth;

/// <summary>DP511: a DRF view that accepts writes (POST/PUT/PATCH/DELETE) opts out of permission
/// checks with permission_classes = [AllowAny] or an empty list.</summary>
public sealed class ApiWriteWithoutPermission : ProjectRule
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
            if (opened is null) continue;
            yield return Finding($"{view.Name} accepts {string.Join(", ", writes)} with {opened}: anyone can write through it.",
                permissions.Location, Confidence.High);
        }
    }
}
