using DjangoPreflight.Analysis.Deployment;

namespace DjangoPreflight.Analysis.Settings;

/// <summary>The production settings module's values with production's env template (<see cref="EnvTemplate"/>)
/// filling the variables the active environment leaves unset: what a deployment that copies the
/// template runs. Never the settings rules judge; a rule asks it only whether a value it reports is a
/// fallback the template replaces.</summary>
public sealed record TemplateSettings(EnvTemplate Template, IReadOnlyDictionary<string, PyValue> Values)
{
    public PyValue? this[string name] => Values.TryGetValue(name, out var v) ? v : null;
}
