using Spectre.Console;

namespace DjangoPreflight.Reporting;

/// <summary>Creates a Spectre console over any writer: ANSI colour only when asked (a TTY without
/// NO_COLOR), plain text otherwise; as wide as the terminal on a terminal, and never wrapping
/// elsewhere, so piped output does not depend on where it was produced.</summary>
public static class TerminalConsole
{
    /// <summary>The width Spectre is given when nothing should wrap.</summary>
    private const int Unbounded = 1 << 20;

    public static IAnsiConsole Create(TextWriter output, RenderOptions options)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = options.Color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = options.Color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = options.Width ?? Unbounded;
        return console;
    }

    /// <summary>Whether colour is wanted for the process's stdout.</summary>
    public static bool ColorWanted() =>
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>The terminal's width when stdout is a terminal; null (no wrapping) when it is a pipe
    /// or a file.</summary>
    public static int? Width()
    {
        if (Console.IsOutputRedirected) return null;
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
