using System.Text;
using System.Text.Json;
using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting;

/// <summary>SARIF 2.1.0, for code-scanning services (GitHub, GitLab, Azure DevOps) and SARIF viewers.
/// Each rule that ran is described once (<see cref="SarifRuleMetadata"/>); each finding is a result
/// whose level follows its severity and whose properties keep severity, confidence and the Django
/// check ID. Scan results point at repository-relative URIs under %SRCROOT% (the scanned root);
/// probe results at the absolute URL the probe saw the problem on. A finding a suppression hid is a
/// result too, with a <c>suppressions</c> entry (inSource for comments and SILENCED_SYSTEM_CHECKS,
/// external for the baseline and per-path-ignores, with what hid it as the justification), so code
/// scanning shows it as suppressed instead of closing it as fixed. The summary's notices and parse
/// errors are the invocation's tool execution notifications.</summary>
public sealed class SarifReportWriter : IReportWriter
{
    /// <summary>The uriBaseId every file location is relative to.</summary>
    public const string SourceRoot = "%SRCROOT%";

    /// <summary>Where to learn about the tool; SARIF viewers link the tool name here.</summary>
    public const string InformationUri = "https://github.com/django-preflight/django-preflight";

    public string Format => "sarif";

    public void Write(ScanReport report, TextWriter output, RenderOptions options)
    {
        report = ReportRedaction.Apply(report);
        var rules = ReportRules.Of(report);
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonOptions.Writer))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            WriteTool(w, rules);
            if (report.Target.Url is null) WriteSourceRoot(w, report.Target);
            w.WriteStartArray("results");
            foreach (var f in report.Findings) WriteResult(w, f, index, null);
            foreach (var s in report.Suppressed) WriteResult(w, s.Finding, index, s);
            w.WriteEndArray();
            WriteInvocation(w, report.Summary);
            WriteRunProperties(w, report);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        output.Write(ControlCharacters.InJson(Encoding.UTF8.GetString(buffer.ToArray())));
        output.Write('\n');
    }

    private static void WriteTool(Utf8JsonWriter w, IReadOnlyList<RuleDescriptor> rules)
    {
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", ScanReport.ToolName);
        w.WriteString("version", ScanReport.ToolVersion);
        w.WriteString("semanticVersion", ScanReport.ToolVersion);
        w.WriteString("informationUri", InformationUri);
        w.WriteStartArray("rules");
        foreach (var r in rules) SarifRuleMetadata.Write(w, r);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Declares %SRCROOT% as the scanned folder, so a viewer run on this machine finds the
    /// files, while the results themselves stay repository-relative for code-scanning uploads.</summary>
    private static void WriteSourceRoot(Utf8JsonWriter w, TargetInfo target)
    {
        w.WriteStartObject("originalUriBaseIds");
        w.WriteStartObject(SourceRoot);
        w.WriteString("uri", RootUri(target.Path ?? "."));
        w.WriteStartObject("description");
        w.WriteString("text", "The scanned project's root folder; result locations are relative to it.");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>An absolute file URI ending in '/', as SARIF requires of a base URI.</summary>
    private static string RootUri(string path)
    {
        var full = Path.GetFullPath(path);
        return new Uri(full.EndsWith('/') ? full : full + "/").AbsoluteUri;
    }

    private static void WriteResult(Utf8JsonWriter w, Finding f, IReadOnlyDictionary<string, int> index, SuppressedFinding? suppressed)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", f.RuleId);
        w.WriteNumber("ruleIndex", index[f.RuleId]);
        w.WriteString("level", SarifLevels.Level(f.Severity));
        w.WriteStartObject("message");
        w.WriteString("text", f.Message);
        w.WriteEndObject();
        w.WriteStartArray("locations");
        w.WriteStartObject();
        WritePhysicalLocation(w, f.Location);
        w.WriteEndObject();
        w.WriteEndArray();
        if (suppressed is not null)
        {
            w.WriteStartArray("suppressions");
            w.WriteStartObject();
            w.WriteString("kind", suppressed.Kind == SuppressionKind.InSource ? "inSource" : "external");
            w.WriteString("status", "accepted");
            w.WriteString("justification", suppressed.Justification);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteStartObject("properties");
        w.WriteString("severity", f.Severity.Name());
        w.WriteString("confidence", f.Confidence.Name());
        if (f.DjangoId is not null) w.WriteString("django_id", f.DjangoId);
        if (f.Setting is not null) w.WriteString("setting", f.Setting);
        if (f.Merged.Count > 0)
        {
            w.WriteStartArray("also_rules");
            foreach (var id in f.AlsoRules) w.WriteStringValue(id);
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WritePhysicalLocation(Utf8JsonWriter w, SourceLocation location)
    {
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        if (location.Url is not null)
        {
            w.WriteString("uri", location.Url);
        }
        else
        {
            w.WriteString("uri", RelativeUri(location.Path));
            w.WriteString("uriBaseId", SourceRoot);
        }
        w.WriteEndObject();
        WriteRegion(w, location);
        w.WriteEndObject();
    }

    /// <summary>The one invocation: it succeeded unless the time budget cut it short (a scan that could
    /// not run exits 2 and writes no report; one cut short exits 3 with what it found, and SARIF's
    /// "executionSuccessful" says the run did not complete). What the summary says beside the findings
    /// comes as notifications: parse errors as warnings at the file and line, what was cut short as an
    /// error, the other notices (suppressions, skipped files, the history scan) as notes.</summary>
    private static void WriteInvocation(Utf8JsonWriter w, ReportSummary summary)
    {
        w.WriteStartArray("invocations");
        w.WriteStartObject();
        w.WriteBoolean("executionSuccessful", summary.CutShort is null);
        if (summary.ParseErrors.Count + summary.Notices.Count + summary.UnresolvedSettings.Count > 0)
        {
            w.WriteStartArray("toolExecutionNotifications");
            foreach (var e in summary.ParseErrors)
                WriteNotification(w, "warning", $"{e.Path}:{e.Line}: {e.Message}", new SourceLocation(e.Path, e.Line));
            if (summary.UnresolvedSettings.Count > 0)
                WriteNotification(w, "note", $"Could not resolve: {string.Join(", ", summary.UnresolvedSettings)}", null);
            // An error-level notification is SARIF's sign that the results may be incomplete (its
            // appendix "Detecting incomplete result sets").
            foreach (var n in summary.Notices) WriteNotification(w, n == summary.CutShort ? "error" : "note", n, null);
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteNotification(Utf8JsonWriter w, string level, string text, SourceLocation? location)
    {
        w.WriteStartObject();
        w.WriteString("level", level);
        w.WriteStartObject("message");
        w.WriteString("text", text);
        w.WriteEndObject();
        if (location is not null)
        {
            w.WriteStartArray("locations");
            w.WriteStartObject();
            WritePhysicalLocation(w, location);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary>The finding's line and column. A finding about a whole file (or a URL, whose response
    /// has no lines we point into) is placed on line 1: consumers need a region to show a result
    /// (the SARIF Multitool warns, SARIF2017, and GitHub cannot place it without one).</summary>
    private static void WriteRegion(Utf8JsonWriter w, SourceLocation location)
    {
        w.WriteStartObject("region");
        w.WriteNumber("startLine", location.Line ?? 1);
        if (location.Line is not null && location.Column is { } column) w.WriteNumber("startColumn", column);
        w.WriteEndObject();
    }

    /// <summary>A relative URI reference: each path segment percent-encoded, '/' kept; the root itself
    /// when the finding has no path.</summary>
    private static string RelativeUri(string? path) =>
        path is null or "" or "." ? "./" : string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static void WriteRunProperties(Utf8JsonWriter w, ScanReport report)
    {
        w.WriteStartObject("properties");
        var t = report.Target;
        if (t.Path is not null) w.WriteString("path", t.Path);
        if (t.Url is not null) w.WriteString("url", t.Url);
        if (t.Grade is not null) w.WriteString("grade", t.Grade);
        if (t.SettingsModule is not null) w.WriteString("settings_module", t.SettingsModule);
        if (t.DjangoVersion is not null) w.WriteString("django_version", t.DjangoVersion);
        w.WriteNumber("files_scanned", report.Summary.FilesScanned);
        if (report.Summary.Requirements.Count > 0)
        {
            // SARIF has no summary: what production must set travels in the run's properties.
            w.WriteStartArray("required_env");
            foreach (var line in report.Summary.Requirements) w.WriteStringValue(line.Describe());
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
