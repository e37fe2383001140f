using System.Text.Encodings.Web;
using System.Text.Json;

namespace DjangoPreflight.Reporting;

/// <summary>Shared JSON writer settings: indented, and non-ASCII text kept readable.</summary>
public static class JsonOptions
{
    public static readonly JsonWriterOptions Writer = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };
}
