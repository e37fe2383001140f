using DjangoPreflight.Core;
using DjangoPreflight.Reporting.RuleReference;

namespace DjangoPreflight.Reporting;

/// <summary>Markdown for a pull-request comment or a CI job summary: a header, the findings grouped by
/// the checklist's categories as the text and HTML reports group them (a table each, most severe
/// first; a confidence column only when the report has an uncertain finding), then the summary's
/// unresolved settings, parse errors and notices.</summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    public string Format => "markdown";

    public void Write(ScanReport report, TextWriter o, RenderOptions options)
    {
        report = ReportRedaction.Apply(report);
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
        o.WriteLine($"**{FindingCounts.Total(report.Findings)}**{FindingCounts.Breakdown(report.Findings)}{FindingCounts.Scanned(report)}");
        var confidence = report.Findings.Any(f => f.Confidence != Confidence.Certain);
        var categoryOf = ReportRules.Categories(report);
        foreach (var group in report.Findings.GroupBy(categoryOf).OrderBy(g => g.Key))
        {
            o.WriteLine();
            o.WriteLine($"### {group.Key.Title()} ({FindingCounts.Total(group.ToList())})");
            o.WriteLine();
            o.WriteLine(confidence ? "| severity | confidence | rule | where | finding |" : "| severity | rule | where | finding |");
            o.WriteLine(confidence ? "|---|---|---|---|---|" : "|---|---|---|---|");
            foreach (var f in group.Order(FindingOrder.SeverityFirst))
            {
                var django = f.DjangoId is null ? "" : $" ({f.DjangoId})";
                var sure = !confidence ? "" : f.Confidence == Confidence.Certain ? " |" : $" {f.Confidence.Name()} |";
                var where = f.Location.ToString();
                o.WriteLine($"| {f.Severity.Name()} |{sure} {f.RuleId}{django} | {(where.Length == 0 ? "" : $"`{Code(where)}`")} | **{Escape(f.Title)}**: {Escape(FindingText.Message(f))} |");
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
            o.WriteLine($"Could not resolve: {string.Join(", ", s.UnresolvedSettings.Select(u => $"`{Code(u)}`"))}");
        }
        if (s.ParseErrors.Count + s.Notices.Count > 0)
        {
            o.WriteLine();
            foreach (var e in s.ParseErrors) o.WriteLine($"- Parse error `{Code(e.Path)}:{e.Line}`: {Escape(e.Message)}");
            foreach (var n in s.Notices) o.WriteLine($"- Note: {Escape(n)}");
        }
    }

    /// <summary>Text as Markdown shows it literally: pipes and line breaks would split a table row,
    /// <c>*</c> starts emphasis ("ALLOWED_HOSTS contains *") and <c>&lt;</c> HTML that GitHub hides.
    /// An <c>@</c> is followed by a zero-width space, as Dependabot does: a value or file name
    /// saying <c>@org/team</c> must not notify anyone where the report is posted.
    /// Underscores are left alone: inside a word (SECURE_SSL_REDIRECT) they never emphasise. Backtick
    /// spans are kept as they are: messages use them for code, where Markdown escapes do not apply.</summary>
    private static string Escape(string text)
    {
        var parts = ControlCharacters.Visible(text.ReplaceLineEndings(" ")).Split('`');
        for (var i = 0; i < parts.Length; i += 2)
            parts[i] = parts[i].Replace("\\", "\\\\").Replace("*", "\\*").Replace("<", "&lt;").Replace("@", "@&#8203;");
        return string.Join('`', parts).Replace("|", "\\|");
    }

    /// <summary>A location inside a code span: only the pipe needs escaping there (GitHub's tables
    /// split rows on it even inside code).</summary>
    private static string Code(string text) => ControlCharacters.Visible(text.ReplaceLineEndings(" ")).Replace("|", "\\|");
}
