using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting;

/// <summary>The JSON contract of DESIGN.md, written field by field (no reflection, so Native AOT
/// keeps working and the field order never drifts).</summary>
public sealed class JsonReportWriter : IReportWriter
{
    public string Format => "json";

    public void Write(ScanReport report, TextWriter output, RenderOptions options)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonOptions.Writer))
        {
            w.WriteStartObject();
            w.WriteStartObject("tool");
            w.WriteString("name", ScanReport.ToolName);
            w.WriteString("version", ScanReport.ToolVersion);
            w.WriteEndObject();
            WriteTarget(w, report.Target);
            w.WriteStartArray("findings");
            foreach (var f in report.Findings) WriteFinding(w, f);
            w.WriteEndArray();
            WriteSummary(w, report);
            w.WriteEndObject();
        }
        output.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        output.Write('\n');
    }

    private static void WriteTarget(Utf8JsonWriter w, TargetInfo t)
    {
        w.WriteStartObject("target");
        if (t.Url is not null)
        {
            w.WriteString("url", t.Url);
            w.WriteString("grade", t.Grade);
        }
        else
        {
            w.WriteString("path", t.Path);
            w.WriteString("settings_module", t.SettingsModule);
            w.WriteString("django_version", t.DjangoVersion);
        }
        if (t.Reasons.Count > 0)
        {
            w.WriteStartArray("reasons");
            foreach (var r in t.Reasons) w.WriteStringValue(r);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter w, Finding f)
    {
        w.WriteStartObject();
        w.WriteString("rule", f.RuleId);
        w.WriteString("django_id", f.DjangoId);
        w.WriteString("severity", f.Severity.Name());
        w.WriteString("title", f.Title);
        w.WriteString("message", f.Message);
        w.WriteStartObject("location");
        if (f.Location.Url is not null)
        {
            w.WriteString("url", f.Location.Url);
        }
        else
        {
            w.WriteString("path", f.Location.Path);
            if (f.Location.Line is { } line) w.WriteNumber("line", line);
            else w.WriteNull("line");
            if (f.Location.Column is { } column) w.WriteNumber("column", column);
            else w.WriteNull("column");
        }
        w.WriteEndObject();
        w.WriteString("setting", f.Setting);
        w.WriteString("confidence", f.Confidence.Name());
        w.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter w, ScanReport report)
    {
        var s = report.Summary;
        w.WriteStartObject("summary");
        w.WriteNumber("files_scanned", s.FilesScanned);
        w.WriteNumber("findings", report.Findings.Count);
        w.WriteStartArray("unresolved_settings");
        foreach (var u in s.UnresolvedSettings) w.WriteStringValue(u);
        w.WriteEndArray();
        w.WriteStartArray("parse_errors");
        foreach (var e in s.ParseErrors)
        {
            w.WriteStartObject();
            w.WriteString("path", e.Path);
            w.WriteNumber("line", e.Line);
            w.WriteString("message", e.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("notices");
        foreach (var n in s.Notices) w.WriteStringValue(n);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
