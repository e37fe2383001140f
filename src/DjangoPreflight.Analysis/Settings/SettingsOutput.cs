using DjangoPreflight.Core;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DjangoPreflight.Analysis.Settings.Evaluation;

namespace DjangoPreflight.Analysis.Settings;

/// <summary>
/// Writes an evaluated settings module for <c>django-preflight settings</c>: JSON in the shape DESIGN.md
/// gives (plus additive fields), or text. Secrets are redacted; order is sorted, so output is stable.
/// </summary>
public static class SettingsOutput
{
    public static string Json(SettingsModel model)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("settings_module", model.Module);
            if (model.Path is not null) w.WriteString("path", model.Path);
            if (model.DefaultsVersion is { } v) w.WriteString("django_version", v.Series);
            WriteStrings(w, "reasons", model.Reasons);
            WriteStrings(w, "raises", model.Raises.Select(SecretText.RedactQuoted));
            WriteStrings(w, "required_env", model.Requirements.Select(r => r.Describe()));
            if (model.OverrideModules.Count > 0)
            {
                w.WriteStartArray("override_modules");
                foreach (var m in model.OverrideModules)
                {
                    w.WriteStartObject();
                    w.WriteString("path", m.Path);
                    w.WriteString("loaded_at", m.LoadedAt);
                    w.WriteString("absence", m.Absence);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteStartObject("settings");
            foreach (var (name, s) in model.Settings.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WriteStartObject(name);
                // A value an override module may change is shown as the repository sets it, marked.
                WriteValue(w, name, PyOverridable.Fallback(s.Value));
                if (s.Value is PyOverridable) w.WriteBoolean("overridable", true);
                if (s.IsDefault) w.WriteBoolean("default", true);
                if (s.Source is { } src)
                {
                    w.WriteStartObject("source");
                    w.WriteString("path", src.Path);
                    if (src.Line is { } line) w.WriteNumber("line", line);
                    w.WriteEndObject();
                }
                if (s.EnvVars.Count > 0 || !s.IsDefault)
                    WriteStrings(w, "env", s.EnvVars, always: true);
                if (s.UnsetEnvVars.Count > 0) WriteStrings(w, "unset_env", s.UnsetEnvVars);
                if (s.WhenMissing.Count > 0)
                {
                    w.WriteStartObject("when_missing");
                    foreach (var (var, value) in s.WhenMissing.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                    {
                        w.WriteStartObject(var);
                        WriteValue(w, name, value);
                        w.WriteEndObject();
                    }
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> items, bool always = false)
    {
        var list = items.ToList();
        if (list.Count == 0 && !always) return;
        w.WriteStartArray(name);
        foreach (var i in list) w.WriteStringValue(i);
        w.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter w, string name, PyValue value)
    {
        if (value is PyUnknown u)
        {
            w.WriteBoolean("known", false);
            w.WriteString("reason", SecretText.Redact(u.Reason));
            return;
        }
        if (value is PyRandomSecret r)
        {
            // Its text is not known (and is different on every start); what it is, is.
            w.WriteBoolean("known", false);
            w.WriteString("reason", r.Describe);
            return;
        }
        w.WriteBoolean("known", true);
        w.WritePropertyName("value");
        WriteJson(w, SettingsRedaction.Redact(name, value));
    }

    /// <summary>A value as JSON: tuples and sets as arrays, paths as strings, an unknown part as {"unknown": reason}.</summary>
    public static void WriteJson(Utf8JsonWriter w, PyValue value)
    {
        switch (value)
        {
            case PyStr s: w.WriteStringValue(s.Value); break;
            case PyPath p: w.WriteStringValue(p.Value); break;
            case PyBool b: w.WriteBooleanValue(b.Value); break;
            case PyNone: w.WriteNullValue(); break;
            case PyInt i:
                if (i.Value >= long.MinValue && i.Value <= long.MaxValue) w.WriteNumberValue((long)i.Value);
                else w.WriteRawValue(i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case PyFloat f:
                if (double.IsFinite(f.Value)) w.WriteNumberValue(f.Value);
                else w.WriteStringValue(Py.ReprFloat(f.Value));
                break;
            case PyBytes b: w.WriteStringValue(Encoding.Latin1.GetString(b.Value.AsSpan())); break;
            case PyList or PyTuple or PySet:
                w.WriteStartArray();
                foreach (var item in value.AsSequence!.Value) WriteJson(w, item);
                w.WriteEndArray();
                break;
            case PyDict d:
                w.WriteStartObject();
                foreach (var (k, v) in d.Entries)
                {
                    w.WritePropertyName(k is PyStr ks ? ks.Value : Py.Repr(k) ?? "?");
                    WriteJson(w, v);
                }
                w.WriteEndObject();
                break;
            case PyUnknownItems u:
                w.WriteStartObject();
                w.WriteString("unknown_items", u.Reason);
                w.WriteEndObject();
                break;
            case PyUnknown u:
                w.WriteStartObject();
                w.WriteString("unknown", u.Reason);
                w.WriteEndObject();
                break;
            default:
                w.WriteNullValue();
                break;
        }
    }

    /// <summary>Python-like display of a value with unknown parts shown as &lt;unknown: reason&gt;.</summary>
    public static string Display(string name, PyValue value) => Show(SettingsRedaction.Redact(name, value));

    private static string Show(PyValue v) => v switch
    {
        PyUnknownItems u => $"<any further items: {u.Reason}>",
        PyUnknown u => $"<unknown: {SecretText.Redact(u.Reason)}>",
        PyRandomSecret r => $"<{r.Describe}>",
        PyList l => "[" + string.Join(", ", l.Items.Select(Show)) + "]",
        PyTuple t => t.Items.Length == 1 ? "(" + Show(t.Items[0]) + ",)" : "(" + string.Join(", ", t.Items.Select(Show)) + ")",
        PySet s => s.Items.Length == 0 ? "set()" : "{" + string.Join(", ", s.Items.Select(Show)) + "}",
        PyDict d => d.TypeName == "dict" ? ShowEntries(d) : $"{d.TypeName}({ShowEntries(d)})",
        _ => Py.Repr(v) ?? "?",
    };

    private static string ShowEntries(PyDict d) => "{" + string.Join(", ", d.Entries.Select(e => Show(e.Key) + ": " + Show(e.Value))) + "}";

    public static string Text(SettingsModel model)
    {
        var sb = new StringBuilder();
        sb.Append("Settings module: ").Append(model.Module);
        if (model.Path is not null) sb.Append(" (").Append(model.Path).Append(')');
        sb.AppendLine();
        foreach (var r in model.Reasons) sb.Append("  why: ").AppendLine(r);
        foreach (var r in model.Raises) sb.Append("  importing it raises: ").AppendLine(SecretText.RedactQuoted(r));
        foreach (var r in model.Requirements) sb.Append("  production must set ").AppendLine(r.Describe());
        foreach (var m in model.OverrideModules)
            sb.Append("  override module: ").Append(m.Describe)
                .AppendLine(": it may change any setting; the values below are the repository's, which run wherever it is missing or leaves them alone");
        sb.AppendLine();
        foreach (var (name, s) in model.Settings.Where(kv => !IsDefault(kv.Value)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sb.Append(name).Append(" = ").Append(Display(name, PyOverridable.Fallback(s.Value)));
            if (s.Source is { } src) sb.Append("    [").Append(src.Path).Append(':').Append(src.Line).Append(']');
            sb.AppendLine();
            if (s.EnvVars.Count > 0)
            {
                sb.Append("    env: ").AppendJoin(", ", s.EnvVars.Select(v => s.UnsetEnvVars.Contains(v) ? v + " (not set)" : v)).AppendLine();
                foreach (var (var, alt) in s.WhenMissing.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                    if (!s.UnsetEnvVars.Contains(var))
                        sb.Append("    if ").Append(var).Append(" is missing: ").AppendLine(Display(name, alt));
            }
        }
        var defaults = model.Settings.Where(kv => IsDefault(kv.Value)).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        if (defaults.Count > 0)
        {
            sb.AppendLine();
            sb.Append("Django ").Append(model.DefaultsVersion?.Series ?? "").AppendLine(" defaults (not set by the project):");
            foreach (var (name, s) in defaults)
                sb.Append(name).Append(" = ").Append(Display(name, PyOverridable.Fallback(s.Value))).AppendLine("    [default]");
        }
        return sb.ToString();
    }

    /// <summary>Django's default: never set by the project, though an override module may set it.</summary>
    private static bool IsDefault(Setting s) => s.IsDefault || s is { Source: null, Value: PyOverridable };
}
