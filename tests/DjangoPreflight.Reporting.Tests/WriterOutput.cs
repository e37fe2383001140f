using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting.Tests;

/// <summary>What a writer produces for a report, as a string.</summary>
public static class WriterOutput
{
    public static string Of(IReportWriter writer, ScanReport report, bool color = false)
    {
        var o = new StringWriter();
        writer.Write(report, o, new RenderOptions(color));
        return o.ToString();
    }
}
