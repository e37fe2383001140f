using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Performance;

/// <summary>DP702: a DjangoTemplates engine lists its loaders explicitly without the cached loader
/// (when loaders are not set, Django uses the cached loader on its own).</summary>
public sealed class TemplateLoadersUncached : ProductionSettingsRule
{
    public const string CachedLoader = "django.template.loaders.cached.Loader";

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP702",
        Title: "Template loaders are set without the cached loader",
        Category: Category.Performance,
        DefaultSeverity: Severity.Info,
        DjangoIds: [],
        Seeds: ["004"],
        Docs: new RuleDocs(
            Why: """
                Without the cached loader every template is read from disk and compiled on every render.
                Django wraps its loaders in the cached loader by default, but only when OPTIONS["loaders"] is
                not set: an explicit list turns that off.
                """,
            Fix: """
                Remove OPTIONS["loaders"] to get the default, or wrap the list in the cached loader.
                """,
            Before: """
                "OPTIONS": {"loaders": ["django.template.loaders.filesystem.Loader", "django.template.loaders.app_directories.Loader"]}
                """,
            After: """
                "OPTIONS": {"loaders": [("django.template.loaders.cached.Loader", [
                    "django.template.loaders.filesystem.Loader", "django.template.loaders.app_directories.Loader"])]}
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        if (settings["TEMPLATES"] is not { IsDefault: false } templates || templates.Value.AsSequence is not { } engines) yield break;
        for (var i = 0; i < engines.Length; i++)
        {
            if (engines[i] is not PyDict engine || engine.Get("BACKEND")?.AsString != "django.template.backends.django.DjangoTemplates") continue;
            if (engine.Get("OPTIONS") is not PyDict options || options.Get("loaders")?.AsSequence is not { } loaders) continue;
            // An unknown entry might be the cached loader: only a fully known list is judged.
            var names = loaders.Select(l => l is PyStr s ? s.Value : l.AsSequence is { Length: > 0 } t && t[0] is PyStr first ? first.Value : null).ToList();
            if (names.Any(n => n is null) || names.Contains(CachedLoader)) continue;
            yield return Finding($"TEMPLATES[{i}] sets OPTIONS[\"loaders\"] without the cached loader: templates are compiled on every render.",
                At(settings, locator, "TEMPLATES", "loaders"), setting: "TEMPLATES");
        }
    }
}
