using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Support;

namespace DjangoPreflight.Rules.Auth;

/// <summary>DP510: Django REST framework has no throttling: no DEFAULT_THROTTLE_CLASSES and no view
/// that sets its own throttle_classes.</summary>
public sealed class ApiThrottlingMissing : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP510",
        Title: "DRF throttling is not configured",
        Category: Category.Auth,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["000"],
        Docs: new RuleDocs(
            Why: """
                Without rate limits an API lets one client guess passwords and tokens, scrape every record
                or exhaust workers and the database with a simple loop.
                """,
            Fix: """
                Set DEFAULT_THROTTLE_CLASSES and DEFAULT_THROTTLE_RATES (and a shared cache such as Redis, so
                that limits hold across processes), with tighter scoped throttles on login and sign-up.
                """,
            Before: """
                REST_FRAMEWORK = {"DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"]}
                """,
            After: """
                REST_FRAMEWORK = {
                    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle", "rest_framework.throttling.UserRateThrottle"],
                    "DEFAULT_THROTTLE_RATES": {"anon": "50/hour", "user": "1000/hour"},
                }
                """));

    public override IEnumerable<Finding> Check(ProjectContext project) =>
        project.Settings.Production is { } settings ? CheckSettings(settings, project.Code.Views) : [];

    public IEnumerable<Finding> CheckSettings(SettingsModel settings, ViewFacts views)
    {
        if (SettingValues.HasApp(settings, "rest_framework") != true) yield break;
        var rest = settings["REST_FRAMEWORK"];
        if (rest is { IsDefault: false, Value: not PyDict }) yield break;
        var throttles = SettingValues.Get(rest?.Value, "DEFAULT_THROTTLE_CLASSES");
        if (throttles is not null && throttles.AsSequence is not { Length: 0 }) yield break; // set (or unknown)
        if (views.Views.Any(v => v.ThrottleClasses is { IsEmpty: false })) yield break;
        var location = rest is { IsDefault: false } ? settings.LocationOf("REST_FRAMEWORK") : settings.LocationOf("INSTALLED_APPS");
        yield return Finding("DRF throttling is not configured: REST_FRAMEWORK has no DEFAULT_THROTTLE_CLASSES and no view sets throttle_classes.",
            location, setting: "REST_FRAMEWORK");
    }
}
