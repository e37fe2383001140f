using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Auth;

/// <summary>DP503: a view is exempted from Django's CSRF protection (<c>@csrf_exempt</c>,
/// <c>method_decorator(csrf_exempt, ...)</c>, or <c>csrf_exempt(view)</c> in a URLconf).</summary>
public sealed class CsrfExemptView : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP503",
        Title: "A view is exempt from CSRF protection",
        Category: Category.Auth,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["002"],
        Docs: new RuleDocs(
            Why: """
                csrf_exempt turns off the check that a state-changing request came from your own pages. If
                the view acts on the logged-in user's session, any website can make their browser submit
                it. Exemption is only safe for endpoints that authenticate each request otherwise, such as
                webhooks verifying a signature. The rule stays silent on an exempt view that verifies a
                signature or a client credential (API key, token, a UUID or key it looks up), serves only
                safe methods, or is seen to neither act as the signed-in user nor change data.
                """,
            Fix: """
                Remove the exemption and send the CSRF token (forms: {% csrf_token %}; JavaScript: the
                X-CSRFToken header). For webhooks, keep the exemption but verify the sender's signature and
                never rely on the session.
                """,
            Before: """
                @csrf_exempt
                def update_profile(request): ...
                """,
            After: """
                def update_profile(request): ...   # the form sends {% csrf_token %}
                """));

    public override IEnumerable<Finding> Check(ProjectContext project) => CheckViews(project.Code.Views);

    public IEnumerable<Finding> CheckViews(ViewFacts views)
    {
        foreach (var view in views.Views)
            if (view.CsrfExempt is { } at && Consequence(view.Checks, view.SafeOnly) is { } consequence)
                yield return Finding($"{(view.IsClass ? "Class" : "View")} {view.Name} is exempt from CSRF protection{consequence}", at);
        foreach (var call in views.CsrfExemptCalls)
            if (Consequence(call.Checks, call.SafeOnly) is { } consequence)
                yield return Finding($"{call.Target} is wrapped in csrf_exempt(){consequence}", call.Location);
    }

    /// <summary>What the exemption exposes, or null when it exposes nothing. A forged cross-site request
    /// carries the victim's cookies and nothing else, so the exemption is no hole when the view verifies
    /// each request by itself (a signature, or a credential the client sends), serves only safe methods
    /// (which CSRF protection never checks), or is seen to neither act as the signed-in user nor change
    /// data: an attacker could then send the same request from anywhere.</summary>
    private static string? Consequence(RequestChecks checks, bool safeOnly)
    {
        if (safeOnly || (checks & (RequestChecks.Signature | RequestChecks.Credential)) != 0) return null;
        if ((checks & RequestChecks.Identity) != 0)
            return " and acts as the signed-in user (request.user, the session, or a login decorator or mixin): any website can make a visitor's browser send it.";
        if ((checks & RequestChecks.Opaque) != 0)
            return "; make sure it does not act on the session or verifies requests otherwise.";
        if ((checks & RequestChecks.ChangesData) != 0)
            return " and changes data without verifying a signature or credential: anyone can send it.";
        return null;
    }
}
