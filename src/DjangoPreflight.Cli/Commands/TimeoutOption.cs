using System.CommandLine;
using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Cli.Commands;

/// <summary><c>--timeout</c>: the time budget of every command that reads a project (<c>scan</c>,
/// <c>settings</c>, <c>baseline</c>), counted from the command's start. A hostile project must not
/// hang any of them: what the budget cut short is named, and the exit code is 3.</summary>
public sealed class TimeoutOption
{
    public TimeoutOption(string what)
    {
        Option = new Option<double>("--timeout")
        {
            Description = $"Seconds {what} may take; what is cut short is named and the exit code is 3 (default {ScanBudget.DefaultLimit.TotalSeconds:0})",
            DefaultValueFactory = _ => ScanBudget.DefaultLimit.TotalSeconds,
        };
    }

    public Option<double> Option { get; }

    public ScanBudget Read(ParseResult parsed)
    {
        var seconds = parsed.GetValue(Option);
        return seconds > 0 && seconds <= 86_400 ? new ScanBudget(TimeSpan.FromSeconds(seconds))
            : throw new UsageException($"--timeout must be a number of seconds between 0 and 86400, not {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
    }
}
