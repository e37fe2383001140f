using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Support;

namespace DjangoPreflight.Rules.Auth;

/// <summary>DP509: Django REST framework's default permission is AllowAny (explicitly or because
/// DEFAULT_PERMISSION_CLASSES is unset), so every API view without its own permission_classes is open.</summary>
public sealed class ApiPermissionAllowAny : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP509",
        Title: "DRF's default permission is AllowAny",
        Category: Category.Auth,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["000"],
        Docs: new RuleDocs(
            Why: """
                DRF's built-in default is AllowAny: an endpoint that forgets permission_classes is readable
                and writable by anyone. A safe default makes the forgotten case closed instead of open.
                """,
            Fix: """
                Set DEFAULT_PERMISSION_CLASSES to IsAuthenticated (or stricter) and open individual public
                endpoints explicitly with permission_classes = [AllowAny].
                """,
            Before: """
                REST_FRAMEWORK = {}
                """,
            After: """
                REST_FRAMEWORK = {"DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"]}
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        if (SettingValues.HasApp(settings, "rest_framework") != true) yield break;
        var rest = settings["REST_FRAMEWORK"];
        if (rest is { IsDefault: false, Value: not PyDict }) yield break;
        var permissions = SettingValues.Get(rest?.Value, "DEFAULT_PERMISSION_CLASSES");
        var location = rest is { IsDefault: false } ? settings.LocationOf("REST_FRAMEWORK") : settings.LocationOf("INSTALLED_APPS");
        if (permissions is null)
            yield return Finding("REST_FRAMEWORK sets no DEFAULT_PERMISSION_CLASSES, so DRF's default AllowAny applies to every API view without its own.",
                location, setting: "REST_FRAMEWORK");
        else if (permissions.AsSequence is { Length: > 0 } items && items.All(i => i is PyStr { Value: "rest_framework.permissions.AllowAny" }))
            yield return Finding("REST_FRAMEWORK DEFAULT_PERMISSION_CLASSES is AllowAny: every API view without its own permission_classes is open.",
                At(settings, locator, "REST_FRAMEWORK", "rest_framework.permissions.AllowAny"), setting: "REST_FRAMEWORK");
        else if (permissions.AsSequence is { Length: 0 })
            yield return Finding("REST_FRAMEWORK DEFAULT_PERMISSION_CLASSES is empty, which allows everyone like AllowAny.",
                At(settings, locator, "REST_FRAMEWORK", "DEFAULT_PERMISSION_CLASSES"), setting: "REST_FRAMEWORK");
    }
}
