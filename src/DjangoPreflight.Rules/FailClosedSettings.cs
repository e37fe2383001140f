using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules;

/// <summary>
/// Fail-closed is not a finding (#17). A setting production must provide (read without a default, or
/// the settings refuse to start without it) or that is safe by construction (a random key) is not
/// judged: the value the rules saw is not what production runs, or cannot be weak. Its findings are
/// dropped here, for every rule at once, and the report lists the variables production must set.
/// </summary>
public static class FailClosedSettings
{
    public static IReadOnlyList<Finding> Drop(IReadOnlyList<Finding> findings, SettingsModel? production)
    {
        if (production is null) return findings;
        return findings.Where(f => f.Setting is null || production[f.Setting] is not { FailsClosed: true }).ToList();
    }
}
