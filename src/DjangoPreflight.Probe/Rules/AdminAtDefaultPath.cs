using DjangoPreflight.Core;
using DjangoPreflight.Probe.Observing;

namespace DjangoPreflight.Probe.Rules;

/// <summary>DPL09: the Django admin login answers at the default /admin/ path.</summary>
public sealed class AdminAtDefaultPath : LiveRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPL09",
        Title: "The admin login is at the default /admin/",
        Category: Category.Live,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["001", "003"],
        Docs: new RuleDocs(
            Why: """
                A reachable login page is not a vulnerability by itself, but /admin/ is the first path
                every password-guessing bot tries against a Django site. Moving it, or limiting who can
                reach it, removes the site from that automated noise and its credential stuffing.
                """,
            Fix: """
                Mount the admin under a path of your own (path("manage-3f9a/", admin.site.urls)), or
                restrict /admin/ to a VPN or office network in the proxy; add rate limiting and 2FA
                for staff accounts.
                """,
            Before: """
                path("admin/", admin.site.urls),
                """,
            After: """
                path(os.environ["DJANGO_ADMIN_PATH"], admin.site.urls),
                """));

    public override IEnumerable<Finding> Check(ProbeObservations o)
    {
        if (o.AdminLogin?.Response is { Status: 200 } r && DjangoMarkers.IsAdminLogin(r.Body))
            yield return Finding($"The Django admin login form is served at {r.Url.AbsolutePath}, the first path bots try.",
                SourceLocation.ForUrl(r.Url.ToString()), Confidence.High);
    }
}
