using DjangoPreflight.Core;
using DjangoPreflight.Reporting.RuleReference;
using Spectre.Console;

namespace DjangoPreflight.Reporting;

/// <summary>The human report: what was scanned and why, the findings grouped by the checklist's
/// categories (in its order; most severe first within each), then a summary. Severity colours
/// only when <see cref="RenderOptions.Color"/> says so (a TTY without NO_COLOR).</summary>
public sealed class TextReportWriter : IReportWriter
{
    public string Format => "text";

    public void Write(ScanReport report, TextWriter output, RenderOptions options)
    {
        var console = TerminalConsole.Create(output, options);
        var t = report.Target;
        if (t.Url is not null)
            console.MarkupLine($"[bold]Probed[/] {Markup.Escape(t.Url)}" + (t.Grade is null ? "" : $"  grade [bold]{Markup.Escape(t.Grade)}[/]"));
        else
            console.MarkupLine($"[bold]Scanned[/] {Markup.Escape(t.Path ?? ".")}  settings [bold]{Markup.Escape(t.SettingsModule ?? "(none found)")}[/]  Django [bold]{Markup.Escape(t.DjangoVersion ?? "unknown")}[/]");
        foreach (var reason in t.Reasons)
            console.MarkupLine($"  [grey]{Markup.Escape(reason)}[/]");
        console.WriteLine();

        var categoryOf = ReportRules.Categories(report);
        var groups = report.Findings.GroupBy(categoryOf).OrderBy(g => g.Key).ToList();
        foreach (var group in groups)
        {
            console.MarkupLine($"[bold underline]{Markup.Escape(group.Key.Title())}[/] [grey]({FindingCounts.Total(group.ToList())})[/]");
            foreach (var f in group.Order(FindingOrder.SeverityFirst))
                WriteFinding(console, f);
            console.WriteLine();
        }

        WriteSummary(console, report, groups.Select(g => (g.Key, g.Count())).ToList());
    }

    private static void WriteFinding(IAnsiConsole console, Finding f)
    {
        var django = f.DjangoId is null ? "" : $" [grey]({Markup.Escape(f.DjangoId)})[/]";
        var confidence = f.Confidence == Confidence.Certain ? "" : $" [grey]confidence {f.Confidence.Name()}[/]";
        console.MarkupLine($"{Badge(f.Severity)} [bold]{Markup.Escape(f.RuleId)}[/]{django} {Markup.Escape(f.Title)}{confidence}");
        console.MarkupLine($"    [blue]{Markup.Escape(f.Location.ToString())}[/]");
        console.MarkupLine($"    {Markup.Escape(f.Message)}");
    }

    private static void WriteSummary(IAnsiConsole console, ScanReport report, IReadOnlyList<(Category Category, int Count)> byCategory)
    {
        var s = report.Summary;
        console.MarkupLine($"[bold]{FindingCounts.Total(report.Findings)}[/]{Markup.Escape(FindingCounts.Breakdown(report.Findings) + FindingCounts.Scanned(report))}");
        if (byCategory.Count > 0)
            console.MarkupLine($"By category: {Markup.Escape(string.Join(", ", byCategory.Select(c => $"{c.Category.Name()} {c.Count}")))}");
        if (report.Rules.Count > 0)
            console.MarkupLine($"{report.Rules.Count} rule{(report.Rules.Count == 1 ? "" : "s")} checked");
        foreach (var line in SummaryLines.Requirements(s))
            console.MarkupLine(Markup.Escape(line));
        if (SummaryLines.Undecided(report.Findings).Count > 0)
            console.MarkupLine($"[yellow]{SummaryLines.UndecidedLead}:[/] {Markup.Escape(SummaryLines.UndecidedList(report.Findings))}");
        if (s.UnresolvedSettings.Count > 0)
            console.MarkupLine($"[yellow]Could not resolve:[/] {Markup.Escape(string.Join(", ", s.UnresolvedSettings))}");
        foreach (var e in s.ParseErrors)
            console.MarkupLine($"[yellow]Parse error[/] {Markup.Escape($"{e.Path}:{e.Line}: {e.Message}")}");
        foreach (var n in s.Notices)
            console.MarkupLine($"[grey]Note:[/] {Markup.Escape(n)}");
    }

    private static string Badge(Severity s) => s switch
    {
        Severity.Critical => "[white on red] CRITICAL [/]",
        Severity.High => "[red]HIGH    [/]",
        Severity.Medium => "[yellow]MEDIUM  [/]",
        Severity.Low => "[blue]LOW     [/]",
        _ => "[grey]INFO    [/]",
    };
}
