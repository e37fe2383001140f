using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>DP210: Sentry is initialised with <c>send_default_pii=True</c>.</summary>
public sealed class ErrorTrackerSendsPii : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP210",
        Title: "The error tracker sends personal data",
        Category: Category.Disclosure,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                With send_default_pii=True, Sentry attaches users' IDs, e-mail addresses, IP addresses,
                cookies and request bodies to every event and ships them to a third party, which needs a
                legal basis (GDPR) and widens what a leak of the tracker exposes.
                """,
            Fix: """
                Leave send_default_pii at its default False; if some user context is needed, add only that
                (e.g. a user ID) with sentry_sdk.set_user in a before_send hook.
                """,
            Before: """
                sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=True)
                """,
            After: """
                sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=False)
                """));

    public override IEnumerable<Finding> Check(ProjectContext project) => CheckFacts(project.Code.ErrorTrackers);

    public IEnumerable<Finding> CheckFacts(ErrorTrackerFacts trackers)
    {
        foreach (var init in trackers.Inits)
            if (init is { Tracker: "Sentry", SendDefaultPii: true })
                yield return Finding("sentry_sdk.init(send_default_pii=True) sends users' personal data (IP, cookies, user, request bodies) to Sentry.",
                    init.SendDefaultPiiLocation ?? init.Location);
    }
}
