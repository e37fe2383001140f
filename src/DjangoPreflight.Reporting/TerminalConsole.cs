using Spectre.Console;

namespace DjangoPreflight.Reporting;

/// <summary>Creates a Spectre console over any writer: ANSI colour only when asked (a TTY without
/// NO_COLOR), plain text otherwise, and a fixed width so piped output does not depend on the terminal.</summary>
public static class TerminalConsole
{
    public static IAnsiConsole Create(TextWriter output, RenderOptions options)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = options.Color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = options.Color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 120;
        return console;
    }

    /// <summary>Whether colour is wanted for the process's stdout.</summary>
    public static bool ColorWanted() =>
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
}
