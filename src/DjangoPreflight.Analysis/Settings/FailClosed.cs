using DjangoPreflight.Analysis.Settings.Evaluation;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Settings;

/// <summary>What production must set: each environment variable the profile lacks that the settings
/// cannot do without. Either the settings refuse to start (a lookup without a default, a raise, an
/// assert), or Django refuses the value a missing variable leaves (an empty SECRET_KEY, an empty
/// ALLOWED_HOSTS), or the value is random on every start. Fail-closed, so never a finding: the report
/// lists these instead.</summary>
internal static class FailClosed
{
    /// <summary>Why Django will not run with <paramref name="value"/> as setting <paramref name="name"/>,
    /// as the end of "without it, path:line ...", or null when it would. A value a local file may override
    /// is judged by what runs wherever the file leaves it alone.</summary>
    public static string? DjangoRefuses(string name, PyValue value) => (name, PyOverridable.Fallback(value).Truthy) switch
    {
        // Django raises ImproperlyConfigured("The SECRET_KEY setting must not be empty.") on first use.
        ("SECRET_KEY", false) => "leaves SECRET_KEY empty, which Django refuses to start with",
        // With DEBUG off, Django answers every request with 400 Bad Request.
        ("ALLOWED_HOSTS", false) => "leaves ALLOWED_HOSTS empty, so Django refuses every request (400 Bad Request)",
        _ => null,
    };

    /// <summary>The variables of <paramref name="unset"/> production must set for this value to be what it runs.</summary>
    public static IReadOnlyList<string> Requires(string name, PyValue value, IReadOnlyList<string> unset, IReadOnlyDictionary<string, Refusal> refused) =>
        value is PyRandomSecret || DjangoRefuses(name, value) is not null ? unset : unset.Where(refused.ContainsKey).ToList();

    public static IReadOnlyList<Requirement> Requirements(IEnumerable<Setting> settings, IReadOnlyDictionary<string, Refusal> refused)
    {
        var list = settings.ToList();
        var variables = new SortedSet<string>(refused.Keys, StringComparer.Ordinal);
        foreach (var s in list) variables.UnionWith(s.Requires);
        var requirements = new List<Requirement>();
        foreach (var variable in variables)
        {
            var needing = list.Where(s => s.Requires.Contains(variable)).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
            var names = needing.Select(s => s.Name).ToList();
            if (refused.TryGetValue(variable, out var refusal))
            {
                requirements.Add(new Requirement(variable, names, Location(refusal.Where), $"raises {refusal.Type}"));
                continue;
            }
            var first = needing[0];
            var at = first.Source is { } source ? source with { Column = null } : SourceLocation.None;
            var reason = first.Value is PyRandomSecret random
                ? $"makes a new random {first.Name} on every start ({random.Source})"
                : DjangoRefuses(first.Name, first.Value)!;
            requirements.Add(new Requirement(variable, names, at, reason));
        }
        return requirements;
    }

    /// <summary>"path/to/settings.py:12" as a location.</summary>
    private static SourceLocation Location(string where)
    {
        var colon = where.LastIndexOf(':');
        return colon > 0 && int.TryParse(where.AsSpan(colon + 1), out var line)
            ? new SourceLocation(where[..colon], line)
            : new SourceLocation(where);
    }
}
