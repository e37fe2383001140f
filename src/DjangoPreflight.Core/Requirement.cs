namespace DjangoPreflight.Core;

/// <summary>An environment variable production must set: the settings read it without a default,
/// cannot start without it (a raise, an assert), or fall back to a value generated at random on
/// every start. This is fail-closed, so it is never a finding: the report lists it once, here.</summary>
/// <param name="Variable">The environment variable.</param>
/// <param name="Settings">The settings whose value depends on it, sorted.</param>
/// <param name="Location">Where the settings need it (the lookup, the raise, or the random fallback).</param>
/// <param name="Reason">What happens without it, e.g. "raises ImproperlyConfigured".</param>
public sealed record Requirement(string Variable, IReadOnlyList<string> Settings, SourceLocation Location, string Reason)
{
    /// <summary>"DJANGO_SECRET_KEY (SECRET_KEY): without it, config/settings.py:7 raises ImproperlyConfigured".</summary>
    public string Describe()
    {
        var settings = Settings.Count == 0 ? "" : $" ({string.Join(", ", Settings)})";
        var where = Location.ToString();
        return $"{Variable}{settings}: without it, {(where.Length == 0 ? "" : where + " ")}{Reason}";
    }
}
