using DjangoPreflight.Core;
using DjangoPreflight.Reporting.RuleReference;
using Spectre.Console;

namespace DjangoPreflight.Reporting;

/// <summary>The human report: what was scanned and why, the findings grouped by the checklist's
/// categories (in its order; most severe first within each), then a summary. Each finding is a
/// line of columns (severity, confidence when the report has an uncertain finding, rule, title)
/// with its location and message below it. Lines wrap only on a terminal
/// (<see cref="RenderOptions.Width"/>), continuing under the column they started in; severity
/// colours only when <see cref="RenderOptions.Color"/> says so (a TTY without NO_COLOR).</summary>
public sealed class TextReportWriter : IReportWriter
{
    public string Format => "text";

    /// <summary>"CRITICAL" is the widest label; every label is padded to it so the columns line up.</summary>
    private const int SeverityWidth = 8;

    private const string Gap = "  ";

    /// <summary>Where the location and message lines start: after the severity, so that they keep
    /// their room whether or not the report has a confidence column.</summary>
    private const int DetailColumn = SeverityWidth + 2;

    public void Write(ScanReport report, TextWriter output, RenderOptions options)
    {
        report = ReportRedaction.Apply(report);
        // Spectre only colours; the wrapping is ours, with hanging indents Spectre does not do.
        var console = TerminalConsole.Create(output, options with { Width = null });
        var width = options.Width;
        var t = report.Target;
        var header = t.Url is not null
            ? new StyledText().Add("Probed", "bold").Add($" {t.Url}")
            : new StyledText().Add("Scanned", "bold").Add($" {t.Path ?? "."}  settings ")
                .Add(t.SettingsModule ?? "(none found)", "bold").Add("  Django ").Add(t.DjangoVersion ?? "unknown", "bold");
        if (t.Url is not null && t.Grade is not null) header.Add("  grade ").Add(t.Grade, "bold");
        header.WriteTo(console, 0, 2, width);
        foreach (var reason in t.Reasons)
        {
            console.Write("  ");
            new StyledText().Add(reason, "grey").WriteTo(console, 2, 2, width);
        }
        foreach (var line in DeploymentLines(t.DeploymentFiles))
        {
            console.Write("  ");
            new StyledText().Add(line, "grey").WriteTo(console, 2, 4, width);
        }
        console.WriteLine();

        var columns = Columns.For(report.Findings);
        var categoryOf = ReportRules.Categories(report);
        var groups = report.Findings.GroupBy(categoryOf).OrderBy(g => g.Key).ToList();
        foreach (var group in groups)
        {
            new StyledText().Add(group.Key.Title(), "bold underline").Add(" ").Add($"({FindingCounts.Total(group.ToList())})", "grey")
                .WriteTo(console, 0, 0, width);
            foreach (var f in group.Order(FindingOrder.SeverityFirst))
                WriteFinding(console, f, columns, width);
            console.WriteLine();
        }

        WriteSummary(console, report, groups.Select(g => (g.Key, g.Count())).ToList(), width);
    }

    /// <summary>At most this many deployment files are listed one per line; JSON lists them all.</summary>
    private const int DeploymentLinesShown = 12;

    private static readonly string[] RoleOrder = ["production", "unknown", "development", "CI", "test", "example", "unused"];

    /// <summary>The deployment files' roles: a count per role, then the files with their reasons,
    /// those that speak for production (production, unknown) first.</summary>
    public static IEnumerable<string> DeploymentLines(IReadOnlyList<DeploymentFileInfo> files)
    {
        if (files.Count == 0) yield break;
        var ordered = files.OrderBy(f => Array.IndexOf(RoleOrder, f.Role)).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
        var counts = ordered.GroupBy(f => f.Role).Select(g => $"{g.Count()} {g.Key}");
        yield return $"deployment files: {string.Join(", ", counts)}";
        foreach (var f in ordered.Take(DeploymentLinesShown))
            yield return $"  {f.Role,-11} {f.Path} ({f.Kind}): {f.Reason}";
        if (ordered.Count > DeploymentLinesShown)
            yield return $"  and {ordered.Count - DeploymentLinesShown} more (--format json lists every one)";
    }

    /// <summary>The widths of the optional confidence column and of the rule column, from the findings.</summary>
    private sealed record Columns(int Confidence, int Rule)
    {
        public static Columns For(IReadOnlyList<Finding> findings) => new(
            findings.Select(f => ConfidenceCell(f).Length).DefaultIfEmpty(0).Max(),
            findings.Select(f => f.RuleId.Length).DefaultIfEmpty(0).Max());

        public int TitleColumn => DetailColumn + (Confidence == 0 ? 0 : Confidence + Gap.Length) + Rule + Gap.Length;
    }

    /// <summary>"low confidence"; empty for a certain finding, which is the common case and says nothing.</summary>
    private static string ConfidenceCell(Finding f) =>
        f.Confidence == Confidence.Certain ? "" : $"{f.Confidence.Name()} confidence";

    private static void WriteFinding(IAnsiConsole console, Finding f, Columns columns, int? width)
    {
        console.Markup(Label(f.Severity) + Gap);
        if (columns.Confidence > 0)
        {
            var cell = ConfidenceCell(f);
            console.Markup((cell.Length == 0 ? "" : $"[grey]{cell}[/]") + new string(' ', columns.Confidence - cell.Length) + Gap);
        }
        console.Markup($"[bold]{f.RuleId}[/]" + new string(' ', columns.Rule - f.RuleId.Length) + Gap);
        var title = new StyledText().Add(f.Title);
        if (f.DjangoId is not null) title.Add($" ({f.DjangoId})");
        title.WriteTo(console, columns.TitleColumn, columns.TitleColumn, width);

        var indent = new string(' ', DetailColumn);
        var where = f.Location.ToString();
        if (where.Length > 0)
        {
            console.Write(indent);
            new StyledText().Add(where, "blue").WriteTo(console, DetailColumn, DetailColumn, width);
        }
        console.Write(indent);
        new StyledText().Add(FindingText.Message(f)).WriteTo(console, DetailColumn, DetailColumn, width);
    }

    private static void WriteSummary(IAnsiConsole console, ScanReport report, IReadOnlyList<(Category Category, int Count)> byCategory, int? width)
    {
        var s = report.Summary;
        new StyledText().Add(FindingCounts.Total(report.Findings), "bold").Add(FindingCounts.Breakdown(report.Findings) + FindingCounts.Scanned(report))
            .WriteTo(console, 0, 2, width);
        if (byCategory.Count > 0)
            WriteLabelled(console, "By category:", null, string.Join(", ", byCategory.Select(c => $"{c.Category.Name()} {c.Count}")), width);
        if (report.Rules.Count > 0)
            console.MarkupLine($"{report.Rules.Count} rule{(report.Rules.Count == 1 ? "" : "s")} checked");
        foreach (var line in SummaryLines.Requirements(s))
            new StyledText().Add(line).WriteTo(console, 0, 2, width);
        if (SummaryLines.Undecided(report.Findings).Count > 0)
            WriteLabelled(console, $"{SummaryLines.UndecidedLead}:", "yellow", SummaryLines.UndecidedList(report.Findings), width);
        if (s.UnresolvedSettings.Count > 0)
            WriteLabelled(console, "Could not resolve:", "yellow", string.Join(", ", s.UnresolvedSettings), width);
        foreach (var e in s.ParseErrors)
            WriteLabelled(console, "Parse error", "yellow", $"{e.Path}:{e.Line}: {e.Message}", width);
        foreach (var n in s.Notices)
            WriteLabelled(console, "Note:", "grey", n, width);
    }

    /// <summary>"Note: text", the text's wrapped lines indented by two.</summary>
    private static void WriteLabelled(IAnsiConsole console, string label, string? style, string text, int? width) =>
        new StyledText().Add(label, style).Add(" " + text).WriteTo(console, 0, 2, width);

    /// <summary>The severity, padded to one width; colour (if any) covers the word only.</summary>
    private static string Label(Severity s)
    {
        var word = s.Name().ToUpperInvariant();
        var padding = new string(' ', SeverityWidth - word.Length);
        return s switch
        {
            Severity.Critical => $"[white on red]{word}[/]",
            Severity.High => $"[red]{word}[/]",
            Severity.Medium => $"[yellow]{word}[/]",
            Severity.Low => $"[blue]{word}[/]",
            _ => $"[grey]{word}[/]",
        } + padding;
    }
}
