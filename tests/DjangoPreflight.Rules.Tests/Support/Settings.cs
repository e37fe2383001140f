using System.Collections.Immutable;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Tests.Support;

/// <summary>Builds hand-made <see cref="SettingsModel"/>s for rule-logic tests: each setting is
/// assigned in "proj/settings.py" at the line given, as the evaluator would record it.</summary>
public sealed class Settings
{
    public const string SettingsFile = "proj/settings.py";
    private readonly Dictionary<string, Setting> _settings = new(StringComparer.Ordinal);

    public static Settings Module() => new();

    public Settings Set(string name, PyValue value, int line) =>
        Add(new Setting(name, value, new SourceLocation(SettingsFile, line, 1), [], new Dictionary<string, PyValue>()));

    /// <summary>A setting read from env var <paramref name="variable"/>: <paramref name="value"/> under the
    /// profile, <paramref name="whenMissing"/> without the variable.</summary>
    public Settings Env(string name, PyValue value, int line, string variable, PyValue whenMissing, bool unset = false) =>
        Add(new Setting(name, value, new SourceLocation(SettingsFile, line, 1), [variable], new Dictionary<string, PyValue> { [variable] = whenMissing })
        {
            UnsetEnvVars = unset ? [variable] : [],
        });

    public Settings Default(string name, PyValue value) =>
        Add(new Setting(name, value, null, [], new Dictionary<string, PyValue>(), IsDefault: true));

    public Settings Add(Setting setting)
    {
        _settings[setting.Name] = setting;
        return this;
    }

    public SettingsModel Build(string module = "proj.settings", string path = SettingsFile) => new(module, path, _settings, []);

    public static PyStr S(string s) => new(s);
    public static PyBool B(bool b) => new(b);
    public static PyInt I(long i) => new(i);
    public static PyList L(params PyValue[] items) => new(items.ToImmutableArray());
    public static PyList Ls(params string[] items) => new(items.Select(i => (PyValue)new PyStr(i)).ToImmutableArray());
    public static PyUnknown U(string why = "test") => new(why);

    public static PyDict D(params (string Key, PyValue Value)[] entries) =>
        new(entries.Select(e => new KeyValuePair<PyValue, PyValue>(new PyStr(e.Key), e.Value)).ToImmutableArray());
}
