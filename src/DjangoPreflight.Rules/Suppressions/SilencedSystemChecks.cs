using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Suppressions;

/// <summary>
/// Hides the findings that mirror a Django check the production settings list in
/// SILENCED_SYSTEM_CHECKS, as <c>manage.py check</c> hides that check (Django compares the check's
/// ID with each entry, exactly; a string instead of a list is searched as Python's <c>in</c> does).
/// Only known entries count: when the list cannot be evaluated nothing
/// is hidden and a notice says so. Findings without a Django check ID are never affected.
/// </summary>
public static class SilencedSystemChecks
{
    public const string Name = "SILENCED_SYSTEM_CHECKS";

    public static Filtered Apply(IReadOnlyList<Finding> findings, SettingsModel? production)
    {
        if (production?[Name] is not { IsDefault: false } setting || !findings.Any(f => f.DjangoId is not null))
            return new Filtered(findings, []);
        var where = setting.Source is { } source ? $" ({source})" : "";
        // What the project silences stays silenced whether or not an optional override module adds to the
        // list: the project's own choice, as its other values are judged.
        var value = PyOverridable.Fallback(setting.Value);
        Func<string, bool> silences;
        var notices = new List<string>();
        if (value is PyStr text)
        {
            // Django asks `id in SILENCED_SYSTEM_CHECKS`: on a string that is a substring test.
            silences = id => text.Value.Contains(id, StringComparison.Ordinal);
        }
        else if (value.AsSequence is { } items)
        {
            if (items.Any(i => i is PyUnknown))
                notices.Add($"{Name}{where} has entries that could not be read: findings mirroring the checks they may silence are shown");
            var known = items.OfType<PyStr>().Select(s => s.Value).ToHashSet(StringComparer.Ordinal);
            silences = known.Contains;
        }
        else
        {
            var why = value is PyUnknown unknown ? unknown.Reason : $"it is {PyRepr.Of(value) ?? "not a list"}, not a list";
            return new Filtered(findings, [$"{Name}{where} could not be read ({why}): findings mirroring Django checks are shown even if it silences them"]);
        }
        var kept = findings.Where(f => f.DjangoId is null || !silences(f.DjangoId)).ToList();
        var hidden = findings.Where(f => f.DjangoId is not null && silences(f.DjangoId))
            .Select(f => new SuppressedFinding(f, SuppressionKind.InSource, $"{Name}{where} silences {f.DjangoId}")).ToList();
        var hiddenIds = hidden.Select(h => h.Finding.DjangoId!).Distinct().Order(StringComparer.Ordinal).ToList();
        if (hiddenIds.Count > 0)
            notices.Add($"{Filtered.Plural(hidden.Count, "finding")} hidden because {Name}{where} silences {string.Join(", ", hiddenIds)}, as manage.py check does");
        return new Filtered(kept, notices) { Hidden = hidden };
    }
}
