using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Deployment.Nginx;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Auth;

/// <summary>DP514: the admin is protected by a password alone: no IP restriction or proxy
/// authentication for it, no second-factor app installed.</summary>
public sealed class AdminWithoutExtraProtection : ProjectRule
{
    // The apps that add a second factor to Django logins (django-otp, django-two-factor-auth,
    // django-allauth's mfa, django-mfa2, django-trench, wagtail-2fa, django-admin-two-factor...).
    private static readonly string[] SecondFactorApps =
        ["django_otp", "two_factor", "allauth.mfa", "mfa", "django_mfa", "trench", "wagtail_2fa", "admin_two_factor", "django_webauthn", "otp_yubikey"];

    // The same, as the packages a project declares.
    private static readonly string[] SecondFactorPackages =
        ["django-otp", "django-two-factor-auth", "django-mfa2", "django-mfa3", "django-trench", "wagtail-2fa", "django-admin-two-factor"];

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP514",
        Title: "The admin has no extra protection",
        Category: Category.Auth,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["001", "002", "003"],
        Docs: new RuleDocs(
            Why: """
                The admin can read and change every record. Behind a password alone, it falls to one
                phished, reused or guessed staff password, and its login page is a public target for
                credential stuffing. This is advice: the right protection depends on who needs the admin.
                """,
            Fix: """
                Restrict the admin location at the proxy to the office or VPN addresses (allow/deny) or put
                it behind proxy authentication, and/or require a second factor with django-otp,
                django-two-factor-auth or allauth's MFA.
                """,
            Before: """
                location / { proxy_pass http://app:8000; }
                """,
            After: """
                location /admin/ {
                    allow 203.0.113.0/24;
                    deny all;
                    proxy_pass http://app:8000;
                }
                """));

    public override IEnumerable<Finding> Check(ProjectContext project) => Check(project, project.Settings.Production);

    /// <summary>The check against the given settings: the evaluated production module, or a test's own.</summary>
    public IEnumerable<Finding> Check(ProjectContext project, SettingsModel? settings)
    {
        if (settings is null || SettingsLookups.Entries(settings, "INSTALLED_APPS") is not { } apps) yield break;
        if (!apps.Any(a => a == "django.contrib.admin" || a.StartsWith("django.contrib.admin.apps.", StringComparison.Ordinal))) yield break;
        if (apps.Any(a => SecondFactorApps.Any(f => a == f || a.StartsWith(f + ".", StringComparison.Ordinal)))) yield break;
        if (SecondFactorPackages.Any(project.Dependencies.Has)) yield break;
        var mounts = project.Code.Urls.AdminMounts;
        var prefixes = mounts.Count == 0 ? ["/admin/"] : mounts.Where(m => m.Route is not null).Select(m => m.Route!.Trim('/') is { Length: > 0 } r ? "/" + r + "/" : "/").ToList();
        var restricted = project.Deployment.NginxServers
            .SelectMany(s => s.Server.AllLocations)
            .Where(l => l.Directives.Any(d => d.Name is "allow" or "deny" or "auth_request")
                        || l.Effective("auth_basic") is { } basic && basic.Arg(0) != "off")
            .ToList();
        if (restricted.Any(l => prefixes.Any(p => Covers(l, p)))) yield break;
        // An admin at a route the scan cannot resolve may be what a restricted location covers: unknown, so low.
        var unsure = mounts.Any(m => m.Route is null) && restricted.Any(l => l.Path.Trim('/').Length > 0);
        yield return Finding(
            "The admin is installed with neither a second-factor app (django-otp, django-two-factor-auth, allauth MFA) nor an IP restriction or proxy authentication for it in the nginx configuration."
            + (unsure ? " Its route is not known to this scan, so one of nginx's restricted locations may cover it." : ""),
            mounts.Count > 0 ? mounts[0].Location : settings.LocationOf("INSTALLED_APPS"), unsure ? Confidence.Low : Confidence.Medium, "INSTALLED_APPS");
    }

    /// <summary>True when requests for <paramref name="adminPrefix"/> (e.g. "/backoffice/") go through
    /// <paramref name="location"/>: a prefix location at or above it, or a regex naming it.</summary>
    private static bool Covers(NginxLocation location, string adminPrefix) =>
        location.IsRegex
            ? location.Path.Contains(adminPrefix.Trim('/'), StringComparison.OrdinalIgnoreCase)
            : adminPrefix.StartsWith(location.Path.TrimEnd('/') + "/", StringComparison.Ordinal);
}
