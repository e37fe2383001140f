using System.Text;
using System.Xml;
using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting;

/// <summary>JUnit XML, the test-report format every CI reads (Jenkins, GitLab, Azure DevOps, GitHub
/// test-report actions). Each rule checked is one test case, named by its ID and title and classed by
/// its category; each finding of that rule is one failure element (severity as its type, location
/// and message). One test suite holds the report; its properties say what was examined and its
/// system-out carries the summary. No timestamps or durations: the same report gives the same bytes.</summary>
public sealed class JunitReportWriter : IReportWriter
{
    public string Format => "junit";

    public void Write(ScanReport report, TextWriter output, RenderOptions options)
    {
        report = ReportRedaction.Apply(report);
        var rules = ReportRules.Of(report)
            .OrderBy(r => r.Category)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var findingsByRule = report.Findings.ToLookup(f => f.RuleId, StringComparer.Ordinal);
        var failed = rules.Count(r => findingsByRule[r.Id].Any());
        var name = report.Target.Url is null
            ? $"{ScanReport.ToolName} scan {report.Target.Path ?? "."}"
            : $"{ScanReport.ToolName} probe {report.Target.Url}";

        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
        };
        using (var w = XmlWriter.Create(buffer, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", ScanReport.ToolName);
            Counts(w, rules.Count, failed);
            w.WriteStartElement("testsuite");
            w.WriteAttributeString("name", Clean(name));
            Counts(w, rules.Count, failed);
            w.WriteAttributeString("skipped", "0");
            WriteProperties(w, report);
            foreach (var rule in rules) WriteTestCase(w, rule, findingsByRule[rule.Id]);
            w.WriteElementString("system-out", Clean(Summary(report)));
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        output.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        output.Write('\n');
    }

    /// <summary>A failure counts a failed test (a rule with findings), as JUnit consumers count it.</summary>
    private static void Counts(XmlWriter w, int tests, int failures)
    {
        w.WriteAttributeString("tests", tests.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteAttributeString("failures", failures.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteAttributeString("errors", "0");
        w.WriteAttributeString("time", "0");
    }

    private static void WriteProperties(XmlWriter w, ScanReport report)
    {
        var t = report.Target;
        var properties = new List<(string, string?)>
        {
            ("tool.version", ScanReport.ToolVersion),
            ("target.path", t.Path),
            ("target.settings_module", t.SettingsModule),
            ("target.django_version", t.DjangoVersion),
            ("target.url", t.Url),
            ("target.grade", t.Grade),
        };
        w.WriteStartElement("properties");
        foreach (var (name, value) in properties.Where(p => p.Item2 is not null))
        {
            w.WriteStartElement("property");
            w.WriteAttributeString("name", name);
            w.WriteAttributeString("value", Clean(value!));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void WriteTestCase(XmlWriter w, RuleDescriptor rule, IEnumerable<Finding> findings)
    {
        w.WriteStartElement("testcase");
        w.WriteAttributeString("name", Clean($"{rule.Id} {rule.Title}"));
        w.WriteAttributeString("classname", $"{ScanReport.ToolName}.{rule.Category.Name()}");
        w.WriteAttributeString("time", "0");
        foreach (var f in findings.Order(FindingOrder.SeverityFirst))
        {
            w.WriteStartElement("failure");
            w.WriteAttributeString("type", f.Severity.Name());
            var where = f.Location.ToString();
            w.WriteAttributeString("message", Clean(where.Length == 0 ? f.Message : $"{where}: {f.Message}"));
            w.WriteString(Clean(Details(f)));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static string Details(Finding f)
    {
        var text = new StringBuilder();
        text.Append($"{f.RuleId} {f.Severity.Name()}: {f.Title}\n");
        if (f.Location.ToString().Length > 0) text.Append($"Location: {f.Location}\n");
        text.Append($"Message: {f.Message}\n");
        text.Append($"Confidence: {f.Confidence.Name()}\n");
        if (f.DjangoId is not null) text.Append($"Django check: {f.DjangoId}\n");
        if (f.Setting is not null) text.Append($"Setting: {f.Setting}\n");
        return text.ToString();
    }

    /// <summary>The summary the text report ends with, for the suite's standard output.</summary>
    private static string Summary(ScanReport report)
    {
        var s = report.Summary;
        var text = new StringBuilder();
        text.Append(FindingCounts.Total(report.Findings)).Append(FindingCounts.Breakdown(report.Findings));
        text.Append(FindingCounts.Scanned(report)).Append('\n');
        foreach (var reason in report.Target.Reasons) text.Append($"Target: {reason}\n");
        foreach (var line in SummaryLines.Requirements(s)) text.Append(line).Append('\n');
        if (SummaryLines.Undecided(report.Findings).Count > 0) text.Append($"{SummaryLines.UndecidedLead}: {SummaryLines.UndecidedList(report.Findings)}\n");
        if (s.UnresolvedSettings.Count > 0) text.Append($"Could not resolve: {string.Join(", ", s.UnresolvedSettings)}\n");
        foreach (var e in s.ParseErrors) text.Append($"Parse error {e.Path}:{e.Line}: {e.Message}\n");
        foreach (var n in s.Notices) text.Append($"Note: {n}\n");
        return text.ToString();
    }

    /// <summary>XML 1.0 cannot carry most control characters, even escaped: a finding quoting a
    /// file with one would make the whole report unreadable, so they become U+FFFD.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                clean.Append(c).Append(text[++i]);
            else
                clean.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
        }
        return clean.ToString();
    }
}
