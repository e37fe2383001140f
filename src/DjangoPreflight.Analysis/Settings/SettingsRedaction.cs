using DjangoPreflight.Analysis.Settings.Evaluation;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Settings;

/// <summary>
/// Hides secrets in setting values before they are shown: SECRET_KEY and its fallbacks, anything
/// named like a password, secret, token, key, salt or credential (at any depth, e.g.
/// DATABASES[...]["PASSWORD"]), whatever its type (a password written as a number is one), and in
/// every other string, dictionary keys included, what <see cref="SecretText"/> finds (a URL's password, a libpq password=).
/// Uses <see cref="Secrets.Redact"/>, the one way to show a secret.
/// </summary>
public static class SettingsRedaction
{
    public static PyValue Redact(string settingName, PyValue value) => Redact(value, SecretShapes.IsSecretName(settingName));

    private static PyValue Redact(PyValue value, bool secret) => value switch
    {
        PyStr s when secret && s.Value.Length > 0 => new PyStr(Secrets.Redact(s.Value)),
        PyStr s => RedactUrl(s),
        PyBytes b when secret => new PyStr(Secrets.Redact(System.Text.Encoding.Latin1.GetString(b.Value.AsSpan()))),
        PyInt or PyFloat when secret => new PyStr(Secrets.Redact(Py.Repr(value) ?? "")),
        PyList l => new PyList([.. l.Items.Select(i => Redact(i, secret))]),
        PyTuple t => new PyTuple([.. t.Items.Select(i => Redact(i, secret))]),
        PySet st => new PySet([.. st.Items.Select(i => Redact(i, secret))]),
        // A key is shown too: one holding a credential URL is redacted like any other string.
        PyDict d => d with { Entries = [.. d.Entries.Select(e => new KeyValuePair<PyValue, PyValue>(e.Key is PyStr key ? RedactUrl(key) : e.Key,
            Redact(e.Value, secret || e.Key is PyStr k && SecretShapes.IsSecretName(k.Value))))] },
        _ => value,
    };

    private static PyValue RedactUrl(PyStr s) => SecretText.Redact(s.Value) is var shown && !ReferenceEquals(shown, s.Value) ? new PyStr(shown) : s;
}
