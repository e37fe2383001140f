using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Rules.Support;

/// <summary>Small, shared readings of evaluated setting values. Every method answers "cannot tell"
/// (null) rather than guessing when a value is unknown.</summary>
public static class SettingValues
{
    /// <summary>The known strings of a list/tuple/set value (unknown elements are skipped), or null
    /// when the value is not a known sequence.</summary>
    public static IReadOnlyList<string>? KnownStrings(PyValue? value) =>
        value?.AsSequence is { } items ? items.OfType<PyStr>().Select(s => s.Value).ToList() : null;

    /// <summary>True/false when the sequence certainly does/does not hold <paramref name="item"/>;
    /// null when it is unknown or has unknown elements that might be it.</summary>
    public static bool? Contains(PyValue? value, string item)
    {
        if (value?.AsSequence is not { } items) return null;
        if (items.Any(i => i is PyStr s && s.Value == item)) return true;
        return items.Any(i => i is not PyStr) ? null : false;
    }

    /// <summary>True when any known string element satisfies <paramref name="match"/>.</summary>
    public static bool AnyString(PyValue? value, Func<string, bool> match) =>
        KnownStrings(value)?.Any(match) ?? false;

    /// <summary>True if <paramref name="value"/> is exactly the Python value True.</summary>
    public static bool IsTrue(PyValue? value) => value is PyBool { Value: true };

    /// <summary>A dict's value under <paramref name="key"/>, or null.</summary>
    public static PyValue? Get(PyValue? value, string key) => value is PyDict d ? d.Get(key) : null;

    /// <summary>A short, stable description of why a value is unknown.</summary>
    public static string Why(PyValue value) => value is PyUnknown u ? u.Reason : "not a plain value";

    /// <summary>A known integer (bools excluded), or null.</summary>
    public static System.Numerics.BigInteger? AsInt(PyValue? value) => value is PyInt i ? i.Value : null;

    /// <summary>Whether the project installs an app: the app label path or an AppConfig under it.</summary>
    public static bool? HasApp(SettingsModel settings, string app)
    {
        if (settings["INSTALLED_APPS"]?.Value.AsSequence is not { } items) return null;
        if (items.Any(i => i is PyStr s && (s.Value == app || s.Value.StartsWith(app + ".apps.", StringComparison.Ordinal))))
            return true;
        return items.Any(i => i is not PyStr) ? null : false;
    }
}
