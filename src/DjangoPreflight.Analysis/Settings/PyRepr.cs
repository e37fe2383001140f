using DjangoPreflight.Analysis.Settings.Evaluation;

namespace DjangoPreflight.Analysis.Settings;

/// <summary>Python's repr() of known values, for messages that quote a setting (never for secrets:
/// use <see cref="SettingsRedaction"/> first).</summary>
public static class PyRepr
{
    /// <summary>repr(v), or null when some part of <paramref name="v"/> is unknown.</summary>
    public static string? Of(PyValue v) => Py.Repr(v);

    /// <summary>repr() of a str.</summary>
    public static string OfString(string s) => Py.ReprStr(s);
}
