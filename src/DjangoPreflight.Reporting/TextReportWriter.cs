using DjangoPreflight.Core;
using Spectre.Console;

namespace DjangoPreflight.Reporting;

/// <summary>The human report: what was scanned and why, each finding with its location, then a summary.</summary>
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

        foreach (var f in report.Findings)
        {
            var django = f.DjangoId is null ? "" : $" [grey]({Markup.Escape(f.DjangoId)})[/]";
            var confidence = f.Confidence == Confidence.Certain ? "" : $" [grey]confidence {f.Confidence.Name()}[/]";
            console.MarkupLine($"{Badge(f.Severity)} [bold]{Markup.Escape(f.RuleId)}[/]{django} {Markup.Escape(f.Title)}{confidence}");
            console.MarkupLine($"    [blue]{Markup.Escape(f.Location.ToString())}[/]");
            console.MarkupLine($"    {Markup.Escape(f.Message)}");
        }
        if (report.Findings.Count > 0) console.WriteLine();

        WriteSummary(console, report);
    }

    private static void WriteSummary(IAnsiConsole console, ScanReport report)
    {
        var s = report.Summary;
        var scanned = report.Target.Url is null ? $", {s.FilesScanned} files scanned" : "";
        console.MarkupLine($"[bold]{FindingCounts.Total(report.Findings)}[/]{Markup.Escape(FindingCounts.Breakdown(report.Findings))}{scanned}");
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
