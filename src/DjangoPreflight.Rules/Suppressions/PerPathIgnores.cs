using DjangoPreflight.Analysis.Configuration;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Suppressions;

/// <summary>Applies the configuration's <c>per-path-ignores</c> to a scan's findings, after the rules ran:
/// a finding is dropped when its path matches a pattern whose list names its rule (ID or prefix).
/// Findings without a path (project-wide ones) are never dropped; a notice counts what was hidden.</summary>
public static class PerPathIgnores
{
    public static Filtered Apply(IReadOnlyList<Finding> findings, PreflightConfig config)
    {
        if (config.PerPathIgnores.Count == 0) return new Filtered(findings, []);
        var kept = new List<Finding>(findings.Count);
        var hidden = new List<SuppressedFinding>();
        foreach (var f in findings)
        {
            if (config.PerPathIgnores.FirstOrDefault(i => i.Hides(f.RuleId, f.Location.Path)) is { } ignore)
                hidden.Add(new SuppressedFinding(f, SuppressionKind.External,
                    $"per-path-ignores in {config.File}:{ignore.Line}: \"{ignore.Glob.Pattern}\" = [{string.Join(", ", ignore.Rules)}]"));
            else
                kept.Add(f);
        }
        return hidden.Count == 0
            ? new Filtered(findings, [])
            : new Filtered(kept, [$"{Filtered.Plural(hidden.Count, "finding")} hidden by per-path-ignores in {config.File}"]) { Hidden = hidden };
    }
}
