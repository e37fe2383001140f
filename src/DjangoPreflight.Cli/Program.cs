using DjangoPreflight.Reporting;

namespace DjangoPreflight.Cli;

public static class Program
{
    public static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error, TerminalConsole.ColorWanted(), TerminalConsole.Width());
}
