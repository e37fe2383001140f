using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>DP207: the Django admin is mounted at the default <c>admin/</c> URL (possibly under a
/// language prefix from i18n_patterns).</summary>
public sealed class AdminAtDefaultUrl : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP207",
        Title: "The admin is at the default admin/ URL",
        Category: Category.Disclosure,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["001", "003"],
        Docs: new RuleDocs(
            Why: """
                /admin/ is the first URL every scanner and password-guessing bot tries on a Django site. A
                different path is not protection on its own, but it removes the site from automated
                attacks and the log noise they cause.
                """,
            Fix: """
                Mount the admin at a path that is not guessable, and add real protection in front of it:
                an IP allow-list at the proxy, two-factor authentication, rate-limited login.
                """,
            Before: """
                path("admin/", admin.site.urls),
                """,
            After: """
                path("staff-7f3e/", admin.site.urls),
                """));

    public override IEnumerable<Finding> Check(ProjectContext project) => CheckUrls(project.Code.Urls);

    public IEnumerable<Finding> CheckUrls(UrlFacts urls)
    {
        // A route the scan could not resolve (an f-string, a setting production leaves unknown) is no
        // evidence of the default: nothing is said about it.
        foreach (var mount in urls.AdminMounts)
            if (mount.Route is { } route && IsDefault(route))
                yield return mount.Written is { } written
                    // Resolved through a setting or a constant: production may set another value.
                    ? Finding($"The admin is mounted at the default URL \"{route}\" (written {written}).", mount.Location, Confidence.Medium)
                    : Finding($"The admin is mounted at the default URL \"{route}\".", mount.Location, urls.FromRoot ? Confidence.Certain : Confidence.Medium);
    }

    private static bool IsDefault(string route)
    {
        var r = route.EndsWith("/?", StringComparison.Ordinal) ? route[..^2] : route;
        return r.Trim('/') == "admin";
    }
}
