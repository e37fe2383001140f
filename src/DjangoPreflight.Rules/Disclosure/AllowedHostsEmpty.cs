using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>DP203: ALLOWED_HOSTS is empty in production (Django's security.W020).</summary>
public sealed class AllowedHostsEmpty : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP203",
        Title: "ALLOWED_HOSTS is empty",
        Category: Category.Disclosure,
        DefaultSeverity: Severity.High,
        DjangoIds: ["security.W020"],
        Seeds: ["001", "003", "004"],
        Docs: new RuleDocs(
            Why: """
                With DEBUG off and ALLOWED_HOSTS empty, Django answers every request with 400 Bad Request:
                the site is down. Teams then "fix" it with ['*'], which turns off Host header validation and
                opens the door to password-reset poisoning and cache poisoning.
                """,
            Fix: """
                List the host names the site is served under, exactly (a leading dot allows subdomains),
                read from the environment if they differ between deployments.
                """,
            Before: """
                ALLOWED_HOSTS = []
                """,
            After: """
                ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "shop.example.com").split(",")
                """));

    // Django's check is `if settings.ALLOWED_HOSTS`: any empty container (or empty string) fires it.
    public override IEnumerable<Finding> Check(DeploySettings settings)
    {
        // Empty unless an optional override module sets it: without the module Django refuses every
        // request (DEBUG off) or serves only localhost (DEBUG on, DP202's finding), so a deployment that
        // serves the site sets it there. A fallback that fails closed is not a risk.
        if (settings.Model["ALLOWED_HOSTS"]?.Value is Analysis.Settings.PyOverridable) return [];
        var hosts = settings.Truthy("ALLOWED_HOSTS");
        return When(hosts is null ? null : !hosts, settings, "security.W020", "ALLOWED_HOSTS",
            settings.Model.IsSet("ALLOWED_HOSTS")
                ? "ALLOWED_HOSTS is empty: with DEBUG off, Django answers every request with 400 Bad Request."
                : "ALLOWED_HOSTS is not set (Django's default is empty): with DEBUG off, Django answers every request with 400 Bad Request.");
    }
}
