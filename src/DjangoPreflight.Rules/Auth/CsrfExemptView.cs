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
                webhooks verifying a signature.
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
            if (view.CsrfExempt is { } at && !Safe(view.Checks, view.SafeOnly))
                yield return Finding($"{(view.IsClass ? "Class" : "View")} {view.Name} is exempt from CSRF protection; make sure it does not act on the session or verifies requests otherwise.", at);
        foreach (var call in views.CsrfExemptCalls)
            if (!Safe(call.Checks, call.SafeOnly))
                yield return Finding($"{call.Target} is wrapped in csrf_exempt(); make sure it does not act on the session or verifies requests otherwise.", call.Location);
    }

    /// <summary>The exemption is no hole when the view's code verifies each request by itself (a signature,
    /// or a credential the client sends, which a forged cross-site request cannot carry), or when the
    /// view serves only safe methods, which CSRF protection never checks.</summary>
    private static bool Safe(RequestChecks checks, bool safeOnly) =>
        safeOnly || (checks & (RequestChecks.Signature | RequestChecks.Credential)) != 0;
}
