using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Support;

/// <summary>Where a setting's literal value is written. A module that re-reads a setting (e.g.
/// <c>SECRET_KEY = os.environ.get("KEY", SECRET_KEY)</c>) records its own line as the last assignment;
/// the literal itself is where some settings module assigns that same value without the environment.</summary>
public static class LiteralOrigin
{
    public static SourceLocation? Find(string setting, string value, SettingsModel production, IReadOnlyList<SettingsModel> all)
    {
        foreach (var module in all.Prepend(production))
            if (module[setting] is { IsDefault: false, FromEnvironment: false, Source: { } source, Value: PyStr s } && s.Value == value)
                return source;
        return null;
    }
}
