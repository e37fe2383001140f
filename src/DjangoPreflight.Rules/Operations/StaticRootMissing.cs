using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Support;

namespace DjangoPreflight.Rules.Operations;

/// <summary>DP601: STATIC_ROOT is not set, so collectstatic has nowhere to put the static files
/// (unless static files go to remote storage).</summary>
public sealed class StaticRootMissing : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP601",
        Title: "STATIC_ROOT is not set",
        Category: Category.Operations,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["003", "004"],
        Docs: new RuleDocs(
            Why: """
                With DEBUG off Django does not serve static files; they must be collected into STATIC_ROOT
                for the web server or WhiteNoise. Without it collectstatic fails, and the admin and the site
                render without CSS and JavaScript.
                """,
            Fix: """
                Set STATIC_ROOT to a directory outside the source tree and run collectstatic at deploy time.
                """,
            Before: """
                STATIC_URL = "static/"
                """,
            After: """
                STATIC_URL = "static/"
                STATIC_ROOT = BASE_DIR / "staticfiles"
                """));

    /// <summary>A view of the app's own that finds and serves the static files where they are needs
    /// no collected copy (a view given a document_root still reads one).</summary>
    protected override bool Moot(ProjectContext project, SettingsModel settings) =>
        StaticFilesNotServed.AppView(project, settings) is { HasDocumentRoot: false };

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        if (settings["STATIC_ROOT"] is not { } root || root.Value is not (PyNone or PyStr { Value.Length: 0 })) yield break;
        if (RemoteStaticStorage(settings) != false) yield break; // remote storage needs no STATIC_ROOT; unknown: cannot tell
        yield return Finding(root.IsDefault ? "STATIC_ROOT is not set: collectstatic has nowhere to collect static files."
            : "STATIC_ROOT is empty: collectstatic has nowhere to collect static files.",
            // Unset: point at STATIC_URL, where the static files configuration is.
            root.IsDefault && settings.IsSet("STATIC_URL") ? settings.LocationOf("STATIC_URL") : settings.LocationOf("STATIC_ROOT"),
            setting: "STATIC_ROOT");
    }

    /// <summary>Whether static files go to a django-storages backend (STORAGES["staticfiles"] or the
    /// older STATICFILES_STORAGE); null when the storage setting cannot be read.</summary>
    private static bool? RemoteStaticStorage(SettingsModel settings)
    {
        static bool Remote(string backend) => backend.StartsWith("storages.", StringComparison.Ordinal);
        if (settings["STORAGES"] is { IsDefault: false } storages)
        {
            if (storages.Value is not PyDict) return null;
            var backend = SettingValues.Get(SettingValues.Get(storages.Value, "staticfiles"), "BACKEND");
            if (backend is not null) return backend.AsString is { } b ? Remote(b) : null;
        }
        if (settings["STATICFILES_STORAGE"] is { IsDefault: false } legacy)
            return legacy.Value.AsString is { } b ? Remote(b) : null;
        return false;
    }
}
