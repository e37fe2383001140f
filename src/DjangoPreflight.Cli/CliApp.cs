using System.CommandLine;
using DjangoPreflight.Cli.Commands;

namespace DjangoPreflight.Cli;

/// <summary>Parses the command line and runs one command. Every usage error becomes a one-line
/// message on stderr and exit code 2, a scan that outlived its --timeout one line and exit code 3;
/// nothing else decides exit codes.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool color = false, int? width = null)
    {
        var io = new CliIo(stdout, stderr, color, width);
        var root = new RootCommand("django-preflight: is this Django project fit to face the internet?")
        {
            ScanCommand.Build(io),
            RulesCommand.Build(io),
            ExplainCommand.Build(io),
            SettingsCommand.Build(io),
            ProbeCommand.Build(io),
            BaselineCommand.Build(io),
            SecretKeyCommand.Build(io),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
            return Fail(stderr, parsed.Errors[0].Message);
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            return Fail(stderr, e.Message);
        }
        catch (ScanTimeoutException e)
        {
            Fail(stderr, e.Message);
            return ExitCodes.CutShort;
        }
        catch (IOException e)
        {
            // Project files are read defensively inside the scan; what reaches here is the report
            // failing to be written (a full disk, a closed terminal).
            return Fail(stderr, $"cannot write the output: {e.Message}");
        }
    }

    private static int Fail(TextWriter stderr, string message)
    {
        try
        {
            // Usage errors quote files and configuration values: redacted and made visible like a report.
            stderr.WriteLine($"django-preflight: error: {Reporting.ControlCharacters.Visible(Core.SecretText.Redact(message.ReplaceLineEndings(" ")))}");
        }
        catch (IOException)
        {
            // stderr is gone too: the exit code is all that is left to say it.
        }
        return ExitCodes.UsageError;
    }
}
