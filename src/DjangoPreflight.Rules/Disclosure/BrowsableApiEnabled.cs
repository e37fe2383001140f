using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Support;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>DP212: Django REST framework serves its browsable HTML API in production, either
/// listed in DEFAULT_RENDERER_CLASSES or by DRF's default renderers.</summary>
public sealed class BrowsableApiEnabled : ProductionSettingsRule
{
    public const string Renderer = "rest_framework.renderers.BrowsableAPIRenderer";

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP212",
        Title: "The DRF browsable API is enabled in production",
        Category: Category.Disclosure,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["+"],
        Docs: new RuleDocs(
            Why: """
                The browsable API renders every endpoint as an HTML page with forms, which documents the
                API for anyone who finds it, exposes the allowed methods and serializers' fields, and makes
                probing writes as easy as filling a form.
                """,
            Fix: """
                In production, set DEFAULT_RENDERER_CLASSES to JSONRenderer only (keep the browsable API in
                the development settings).
                """,
            Before: """
                REST_FRAMEWORK = {}   # DRF's default renderers include BrowsableAPIRenderer
                """,
            After: """
                REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        if (SettingValues.HasApp(settings, "rest_framework") != true) yield break;
        var rest = settings["REST_FRAMEWORK"];
        if (rest is { IsDefault: false, Value: not PyDict }) yield break; // unknown: cannot tell
        var renderers = SettingValues.Get(rest?.Value, "DEFAULT_RENDERER_CLASSES");
        if (renderers is null)
            yield return Finding("REST_FRAMEWORK sets no DEFAULT_RENDERER_CLASSES, so DRF's default BrowsableAPIRenderer is served.",
                rest is { IsDefault: false } ? settings.LocationOf("REST_FRAMEWORK") : settings.LocationOf("INSTALLED_APPS"),
                setting: "REST_FRAMEWORK");
        else if (SettingValues.Contains(renderers, Renderer) == true)
            yield return Finding("REST_FRAMEWORK DEFAULT_RENDERER_CLASSES includes BrowsableAPIRenderer.",
                At(settings, locator, "REST_FRAMEWORK", Renderer), setting: "REST_FRAMEWORK");
    }
}
