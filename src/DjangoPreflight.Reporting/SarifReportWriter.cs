using System.Text;
using System.Text.Json;
using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting;

/// <summary>SARIF 2.1.0, for code-scanning services (GitHub, GitLab, Azure DevOps). Each rule that
/// ran is described once (with its documentation as help); each finding is a result whose level
/// follows its severity and whose properties keep severity, confidence and the Django check ID.</summary>
public sealed class SarifReportWriter : IReportWriter
{
    public string Format => "sarif";

    public void Write(ScanReport report, TextWriter output, RenderOptions options)
    {
        var rules = RulesOf(report);
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
            w.WriteStartArray("results");
            foreach (var f in report.Findings) WriteResult(w, f, index);
            w.WriteEndArray();
            WriteRunProperties(w, report);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        output.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        output.Write('\n');
    }

    /// <summary>The rules that ran, plus any rule a finding names that was not listed.</summary>
    private static List<RuleDescriptor> RulesOf(ScanReport report)
    {
        var rules = report.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var f in report.Findings)
            if (!rules.ContainsKey(f.RuleId))
                rules[f.RuleId] = new RuleDescriptor(f.RuleId, f.Title, Category.Live, f.Severity, [], [], new RuleDocs("", "", "", ""));
        return rules.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    private static void WriteTool(Utf8JsonWriter w, IReadOnlyList<RuleDescriptor> rules)
    {
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", ScanReport.ToolName);
        w.WriteString("version", ScanReport.ToolVersion);
        w.WriteString("semanticVersion", ScanReport.ToolVersion);
        w.WriteStartArray("rules");
        foreach (var r in rules)
        {
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            w.WriteString("name", RuleName(r.Title));
            w.WriteStartObject("shortDescription");
            w.WriteString("text", r.Title);
            w.WriteEndObject();
            if (r.Docs.Why.Length > 0)
            {
                w.WriteStartObject("fullDescription");
                w.WriteString("text", r.Docs.Why.Trim());
                w.WriteEndObject();
                w.WriteStartObject("help");
                w.WriteString("text", $"{r.Docs.Fix.Trim()}\n\nBefore:\n{r.Docs.Before.Trim()}\n\nAfter:\n{r.Docs.After.Trim()}");
                w.WriteString("markdown", $"{r.Docs.Fix.Trim()}\n\nBefore:\n```python\n{r.Docs.Before.Trim()}\n```\n\nAfter:\n```python\n{r.Docs.After.Trim()}\n```");
                w.WriteEndObject();
            }
            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", Level(r.DefaultSeverity));
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteStartArray("tags");
            w.WriteStringValue("security");
            w.WriteStringValue(r.Category.Name());
            foreach (var d in r.DjangoIds) w.WriteStringValue(d);
            w.WriteEndArray();
            w.WriteString("security-severity", SecuritySeverity(r.DefaultSeverity));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter w, Finding f, IReadOnlyDictionary<string, int> index)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", f.RuleId);
        w.WriteNumber("ruleIndex", index[f.RuleId]);
        w.WriteString("level", Level(f.Severity));
        w.WriteStartObject("message");
        w.WriteString("text", f.Message);
        w.WriteEndObject();
        w.WriteStartArray("locations");
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        if (f.Location.Url is not null)
        {
            w.WriteString("uri", f.Location.Url);
        }
        else
        {
            w.WriteString("uri", f.Location.Path ?? ".");
            w.WriteString("uriBaseId", "%SRCROOT%");
        }
        w.WriteEndObject();
        if (f.Location.Line is { } line)
        {
            w.WriteStartObject("region");
            w.WriteNumber("startLine", line);
            if (f.Location.Column is { } column) w.WriteNumber("startColumn", column);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("properties");
        w.WriteString("severity", f.Severity.Name());
        w.WriteString("confidence", f.Confidence.Name());
        if (f.DjangoId is not null) w.WriteString("django_id", f.DjangoId);
        if (f.Setting is not null) w.WriteString("setting", f.Setting);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteRunProperties(Utf8JsonWriter w, ScanReport report)
    {
        w.WriteStartObject("properties");
        var t = report.Target;
        if (t.Url is not null) w.WriteString("url", t.Url);
        if (t.Grade is not null) w.WriteString("grade", t.Grade);
        if (t.SettingsModule is not null) w.WriteString("settings_module", t.SettingsModule);
        if (t.DjangoVersion is not null) w.WriteString("django_version", t.DjangoVersion);
        w.WriteNumber("files_scanned", report.Summary.FilesScanned);
        w.WriteEndObject();
    }

    /// <summary>SARIF levels: error for what should block a deploy, warning, note for advice.</summary>
    private static string Level(Severity s) => s switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>The CVSS-like score code-scanning services sort by.</summary>
    private static string SecuritySeverity(Severity s) => s switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        _ => "1.0",
    };

    /// <summary>SARIF's rule name is an identifier: "DEBUG is on in production" → "DebugIsOnInProduction".</summary>
    private static string RuleName(string title) =>
        string.Concat(title.Split(' ', '-', '/', '(', ')', ',', '.', ':', '`', '\'')
            .Where(w => w.Length > 0)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
