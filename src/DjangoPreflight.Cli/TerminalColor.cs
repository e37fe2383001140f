using DjangoPreflight.Reporting;

namespace DjangoPreflight.Cli;

internal static class TerminalColor
{
    public static bool Wanted() => TerminalConsole.ColorWanted();
}
