using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>json.loads for env values, without reflection.</summary>
internal static class Json
{
    public static PyValue Loads(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            return Convert(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new PyRaise("JSONDecodeError", e.Message);
        }
    }

    private static PyValue Convert(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => Py.Dict(e.EnumerateObject().Select(p => new KeyValuePair<PyValue, PyValue>(new PyStr(p.Name), Convert(p.Value)))),
        JsonValueKind.Array => Py.List(e.EnumerateArray().Select(Convert)),
        JsonValueKind.String => Py.Str(e.GetString()!),
        JsonValueKind.True => Py.True,
        JsonValueKind.False => Py.False,
        JsonValueKind.Null => PyNone.Instance,
        JsonValueKind.Number => e.GetRawText() is var raw && raw.IndexOfAny(['.', 'e', 'E']) < 0
            ? new PyInt(BigInteger.Parse(raw, CultureInfo.InvariantCulture))
            : new PyFloat(e.GetDouble()),
        _ => new PyUnknown("JSON value"),
    };
}
