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
        report = ReportRedaction.Apply(report);
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
        output.Write(ControlCharacters.InJson(Encoding.UTF8.GetString(buffer.ToArray())));
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
        if (t.Url is null)
        {
            if (t.SettingsEvidence is { } evidence)
            {
                w.WritePropertyName("settings_evidence");
                WriteEvidence(w, evidence);
            }
            w.WriteStartArray("settings_candidates");
            foreach (var c in t.SettingsCandidates) WriteEvidence(w, c);
            w.WriteEndArray();
            w.WriteStartArray("deployment_files");
            foreach (var d in t.DeploymentFiles)
            {
                w.WriteStartObject();
                w.WriteString("path", d.Path);
                w.WriteString("kind", d.Kind);
                w.WriteString("role", d.Role);
                w.WriteString("reason", d.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteEvidence(Utf8JsonWriter w, SettingsEvidenceInfo e)
    {
        w.WriteStartObject();
        w.WriteString("module", e.Module);
        w.WriteString("kind", e.Kind);
        w.WriteString("evidence", e.Description);
        w.WriteString("path", e.Path);
        if (e.Line is { } line) w.WriteNumber("line", line);
        else w.WriteNull("line");
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
        WriteLocation(w, f.Location);
        w.WriteString("setting", f.Setting);
        w.WriteString("confidence", f.Confidence.Name());
        // One cause, one finding: the other rules this finding also breaks (they still match it).
        w.WriteStartArray("also");
        foreach (var id in f.AlsoRules) w.WriteStringValue(id);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter w, SourceLocation location)
    {
        w.WriteStartObject("location");
        if (location.Url is not null)
        {
            w.WriteString("url", location.Url);
        }
        else
        {
            w.WriteString("path", location.Path);
            if (location.Line is { } line) w.WriteNumber("line", line);
            else w.WriteNull("line");
            if (location.Column is { } column) w.WriteNumber("column", column);
            else w.WriteNull("column");
        }
        w.WriteEndObject();
    }

    /// <summary>"required_env": what production must set (fail-closed settings, never findings).</summary>
    private static void WriteRequirements(Utf8JsonWriter w, IReadOnlyList<Requirement> requirements)
    {
        w.WriteStartArray("required_env");
        foreach (var r in requirements)
        {
            w.WriteStartObject();
            w.WriteString("variable", r.Variable);
            w.WriteStartArray("settings");
            foreach (var s in r.Settings) w.WriteStringValue(s);
            w.WriteEndArray();
            WriteLocation(w, r.Location);
            w.WriteString("reason", r.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
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
        WriteRequirements(w, s.Requirements);
        w.WriteStartArray("undecided");
        foreach (var f in SummaryLines.Undecided(report.Findings))
        {
            w.WriteStartObject();
            w.WriteString("rule", f.RuleId);
            w.WriteString("setting", f.Setting);
            WriteLocation(w, f.Location);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        // A consumer need not parse the notices to know the report is incomplete.
        w.WriteBoolean("cut_short", s.CutShort is not null);
        w.WriteEndObject();
    }
}
