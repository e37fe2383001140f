namespace DjangoPreflight.Reporting;

/// <summary>The writers by format name. Adding a format means adding its writer here.</summary>
public static class ReportWriters
{
    public static IReadOnlyList<IReportWriter> All { get; } =
    [
        new TextReportWriter(),
        new JsonReportWriter(),
        new SarifReportWriter(),
        new MarkdownReportWriter(),
        new JunitReportWriter(),
        new HtmlReportWriter(),
    ];

    public static IReadOnlyList<string> Formats => All.Select(w => w.Format).ToList();

    public static IReportWriter? Find(string format) =>
        All.FirstOrDefault(w => string.Equals(w.Format, format, StringComparison.OrdinalIgnoreCase));
}
