using System.Net;
using DjangoPreflight.Core;
using DjangoPreflight.Reporting.RuleReference;

namespace DjangoPreflight.Reporting;

/// <summary>One self-contained HTML page to share: the target, counts by severity, and the findings
/// grouped by the checklist's categories, most severe first, with client-side filters by severity
/// and category. Nothing is fetched (the CSP forbids it); every string from the scanned project is
/// HTML-escaped and shown as text, never as a link or markup. No timestamp: same report, same bytes.</summary>
public sealed class HtmlReportWriter : IReportWriter
{
    public string Format => "html";

    public void Write(ScanReport report, TextWriter o, RenderOptions options)
    {
        report = ReportRedaction.Apply(report);
        var categoryOf = ReportRules.Categories(report);
        var categories = report.Findings.GroupBy(categoryOf)
            .OrderBy(g => g.Key)
            .Select(g => (Category: g.Key, Findings: g.Order(FindingOrder.SeverityFirst).ToList()))
            .ToList();

        o.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        o.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        o.Write($"<meta http-equiv=\"Content-Security-Policy\" content=\"{HtmlReportAssets.ContentSecurityPolicy}\">\n");
        o.Write("<meta name=\"referrer\" content=\"no-referrer\">\n");
        o.Write($"<title>{E(Title(report.Target))}</title>\n");
        o.Write($"<style>{HtmlReportAssets.Style}</style>\n</head>\n<body>\n");
        WriteTarget(o, report.Target);
        var bySeverity = FindingCounts.BySeverity(report.Findings);
        WriteCounts(o, report, bySeverity);
        if (report.Findings.Count > 0) WriteFilters(o, report.Findings.Count, bySeverity, categories.Select(c => (c.Category, c.Findings.Count)));
        WriteFindings(o, categories);
        WriteNotes(o, report.Summary, report.Findings);
        o.Write($"<script>{HtmlReportAssets.Script}</script>\n</body>\n</html>\n");
    }

    private static string Title(TargetInfo t) =>
        $"{ScanReport.ToolName}: {t.Url ?? t.Path ?? "."}";

    private static void WriteTarget(TextWriter o, TargetInfo t)
    {
        o.Write($"<header>\n<h1>{ScanReport.ToolName} report</h1>\n<dl class=\"target\">\n");
        if (t.Url is not null)
        {
            Item(o, "URL", t.Url);
            Item(o, "Grade", t.Grade ?? "none");
        }
        else
        {
            Item(o, "Path", t.Path ?? ".");
            Item(o, "Settings", t.SettingsModule ?? "(none found)");
            Item(o, "Django", t.DjangoVersion ?? "unknown");
        }
        o.Write("</dl>\n");
        if (t.Reasons.Count > 0)
        {
            o.Write("<ul class=\"reasons\">\n");
            foreach (var reason in t.Reasons) o.Write($"<li>{E(reason)}</li>\n");
            o.Write("</ul>\n");
        }
        o.Write("</header>\n");
    }

    private static void Item(TextWriter o, string name, string value) =>
        o.Write($"<dt>{name}</dt><dd><code>{E(value)}</code></dd>\n");

    private static void WriteCounts(TextWriter o, ScanReport report, IReadOnlyList<(Severity Severity, int Count)> bySeverity)
    {
        o.Write($"<section class=\"summary\" aria-label=\"Summary\">\n<p><strong id=\"total\">{E(FindingCounts.Total(report.Findings))}</strong>{E(FindingCounts.Scanned(report))}</p>\n");
        o.Write("<ul class=\"counts\">\n");
        foreach (var (s, n) in bySeverity)
            o.Write($"<li class=\"sev-{s.Name()}\"><strong data-count=\"{s.Name()}\">{n}</strong> {s.Name()}</li>\n");
        o.Write("</ul>\n</section>\n");
    }

    // Hidden until the script runs: without it the controls would do nothing, and every row shows.
    private static void WriteFilters(TextWriter o, int total, IReadOnlyList<(Severity Severity, int Count)> bySeverity, IEnumerable<(Category, int)> present)
    {
        o.Write("<form id=\"filters\" hidden>\n<fieldset><legend>Severity</legend>\n");
        foreach (var (s, n) in bySeverity.Where(x => x.Count > 0))
            o.Write($"<label><input type=\"checkbox\" name=\"severity\" value=\"{s.Name()}\" checked> {s.Name()} ({n})</label>\n");
        o.Write("</fieldset>\n<fieldset><legend>Category</legend>\n");
        foreach (var (c, n) in present)
            o.Write($"<label><input type=\"checkbox\" name=\"category\" value=\"{c.Name()}\" checked> {E(Heading(c))} ({n})</label>\n");
        o.Write($"</fieldset>\n<p>Showing <strong id=\"shown\">{total}</strong> of {total}</p>\n</form>\n");
    }

    private static void WriteFindings(TextWriter o, IReadOnlyList<(Category Category, List<Finding> Findings)> categories)
    {
        o.Write("<main>\n");
        if (categories.Count == 0) o.Write("<p class=\"none\">No findings.</p>\n");
        foreach (var (category, findings) in categories)
        {
            o.Write($"<section class=\"category\" data-category=\"{category.Name()}\">\n");
            o.Write($"<h2>{E(Heading(category))} <span class=\"meta\">({findings.Count})</span></h2>\n<ol class=\"findings\">\n");
            foreach (var f in findings) WriteFinding(o, f, category);
            o.Write("</ol>\n</section>\n");
        }
        o.Write("</main>\n");
    }

    private static void WriteFinding(TextWriter o, Finding f, Category category)
    {
        var s = f.Severity.Name();
        o.Write($"<li class=\"finding sev-{s}\" data-severity=\"{s}\" data-category=\"{category.Name()}\" data-rule=\"{E(f.RuleId)}\">\n");
        var django = f.DjangoId is null ? "" : $" <code class=\"django\">{E(f.DjangoId)}</code>";
        o.Write($"<div><span class=\"badge\">{s}</span> <code class=\"rule\">{E(f.RuleId)}</code>{django} <h3>{E(f.Title)}</h3></div>\n");
        o.Write($"<p class=\"message\">{E(FindingText.Message(f))}</p>\n");
        var where = f.Location.ToString();
        var setting = f.Setting is null ? "" : $" · setting <code>{E(f.Setting)}</code>";
        o.Write($"<p class=\"meta\"><code class=\"where\">{(where.Length == 0 ? "(no location)" : E(where))}</code>{setting} · confidence {f.Confidence.Name()}</p>\n");
        o.Write("</li>\n");
    }

    private static void WriteNotes(TextWriter o, ReportSummary s, IReadOnlyList<Finding> findings)
    {
        var undecided = SummaryLines.Undecided(findings).Count > 0;
        if (s.UnresolvedSettings.Count + s.ParseErrors.Count + s.Notices.Count + s.Requirements.Count == 0 && !undecided) return;
        o.Write("<section class=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
        foreach (var line in SummaryLines.Requirements(s)) o.Write($"<li>{E(line)}</li>\n");
        if (undecided) o.Write($"<li>{E(SummaryLines.UndecidedLead)}: {E(SummaryLines.UndecidedList(findings))}</li>\n");
        if (s.UnresolvedSettings.Count > 0)
            o.Write($"<li>Could not resolve: {string.Join(", ", s.UnresolvedSettings.Select(u => $"<code>{E(u)}</code>"))}</li>\n");
        foreach (var e in s.ParseErrors) o.Write($"<li>Parse error <code>{E($"{e.Path}:{e.Line}")}</code>: {E(e.Message)}</li>\n");
        foreach (var n in s.Notices) o.Write($"<li>{E(n)}</li>\n");
        o.Write("</ul>\n</section>\n");
    }

    /// <summary>The checklist's section heading: "DP1xx Secrets and environment isolation".</summary>
    private static string Heading(Category c) => $"{ChecklistNames.Range(c)} {c.Title()}";

    /// <summary>Escapes text for element content and double-quoted attributes (&amp; &lt; &gt; &quot; &#39;).</summary>
    private static string E(string text) => WebUtility.HtmlEncode(text);
}
