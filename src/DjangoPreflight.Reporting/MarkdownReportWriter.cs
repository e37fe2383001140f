using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting;

/// <summary>Markdown for a pull-request comment or a CI job summary: a header, a findings table
/// (most severe first), then the summary's unresolved settings, parse errors and notices.</summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    public string Format => "markdown";

    public void Write(ScanReport report, TextWriter o, RenderOptions options)
    {
        var t = report.Target;
        o.WriteLine("## django-preflight report");
        o.WriteLine();
        if (t.Url is not null)
        {
            o.WriteLine($"Probed `{t.Url}`" + (t.Grade is null ? "" : $", grade **{t.Grade}**"));
        }
        else
        {
            o.WriteLine($"Scanned `{t.Path}`, settings `{t.SettingsModule ?? "(none found)"}`, Django {t.DjangoVersion ?? "unknown"}");
        }
        foreach (var reason in t.Reasons) o.WriteLine($"- {Escape(reason)}");
        o.WriteLine();
        o.WriteLine($"**{FindingCounts.Total(report.Findings)}**{FindingCounts.Breakdown(report.Findings)}, {report.Summary.FilesScanned} files scanned");
        if (report.Findings.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("| severity | rule | where | finding |");
            o.WriteLine("|---|---|---|---|");
            foreach (var f in report.Findings.Order(FindingOrder.SeverityFirst))
            {
                var django = f.DjangoId is null ? "" : $" ({f.DjangoId})";
                var confidence = f.Confidence == Confidence.Certain ? "" : $" _(confidence {f.Confidence.Name()})_";
                o.WriteLine($"| {f.Severity.Name()} | {f.RuleId}{django} | `{Escape(f.Location.ToString())}` | **{Escape(f.Title)}**: {Escape(f.Message)}{confidence} |");
            }
        }
        var s = report.Summary;
        if (s.Requirements.Count > 0)
        {
            o.WriteLine();
            foreach (var line in SummaryLines.Requirements(s)) o.WriteLine($"- {Escape(line)}");
        }
        if (SummaryLines.Undecided(report.Findings).Count > 0)
        {
            o.WriteLine();
            o.WriteLine($"{SummaryLines.UndecidedLead}: {Escape(SummaryLines.UndecidedList(report.Findings))}");
        }
        if (s.UnresolvedSettings.Count > 0)
        {
            o.WriteLine();
            o.WriteLine($"Could not resolve: {string.Join(", ", s.UnresolvedSettings.Select(u => $"`{u}`"))}");
        }
        if (s.ParseErrors.Count + s.Notices.Count > 0)
        {
            o.WriteLine();
            foreach (var e in s.ParseErrors) o.WriteLine($"- Parse error `{Escape(e.Path)}:{e.Line}`: {Escape(e.Message)}");
            foreach (var n in s.Notices) o.WriteLine($"- Note: {Escape(n)}");
        }
    }

    /// <summary>Keeps table cells intact: pipes and line breaks would split a row.</summary>
    private static string Escape(string text) => text.Replace("|", "\\|").ReplaceLineEndings(" ");
}
