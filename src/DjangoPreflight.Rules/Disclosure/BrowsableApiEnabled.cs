using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Support;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>DP212: Django REST framework serves its browsable HTML API in production, either
/// listed in DEFAULT_RENDERER_CLASSES, itself or as a project class deriving from it, or by DRF's
/// default renderers.</summary>
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

    protected override IEnumerable<Finding> CheckProject(ProjectContext project, SettingsModel settings) =>
        Judge(settings, project.Code.Locator, project.Code.Classes.Derives);

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null) => Judge(settings, locator, null);

    /// <param name="derives">Tells whether a dotted class is a project class deriving from another
    /// (qualified); null when the project's code is not read (a test's settings model).</param>
    private IEnumerable<Finding> Judge(SettingsModel settings, SettingLocator? locator, Func<string, string, bool>? derives)
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
        // A project subclass (nautobot's FormlessBrowsableAPIRenderer) renders the same HTML pages.
        else if (derives is not null && renderers.AsSequence?.OfType<PyStr>().FirstOrDefault(s => derives(s.Value, Renderer)) is { } subclass)
            yield return Finding($"REST_FRAMEWORK DEFAULT_RENDERER_CLASSES includes {subclass.Value}, a subclass of DRF's BrowsableAPIRenderer.",
                At(settings, locator, "REST_FRAMEWORK", subclass.Value), setting: "REST_FRAMEWORK");
    }
}
