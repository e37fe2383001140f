using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting;

/// <summary>One output format. Writers must be deterministic: same report, same bytes.</summary>
public interface IReportWriter
{
    /// <summary>The <c>--format</c> name.</summary>
    string Format { get; }

    void Write(ScanReport report, TextWriter output, RenderOptions options);
}

/// <summary>How the terminal renders: colour only on a TTY and only when NO_COLOR is unset;
/// <paramref name="Width"/> is the terminal's width, null when the output is not a terminal
/// (then nothing wraps).</summary>
public sealed record RenderOptions(bool Color, int? Width = null)
{
    public static readonly RenderOptions Plain = new(false);
}
