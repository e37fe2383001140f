using System.CommandLine;
using DjangoPreflight.Analysis.Configuration;
using DjangoPreflight.Cli.Configuration;
using DjangoPreflight.Core;
using DjangoPreflight.Reporting;

namespace DjangoPreflight.Cli.Commands;

/// <summary>The options every reporting command shares (<c>scan</c>, <c>probe</c>): format, output
/// file, failure threshold and rule selection. An option typed on the command line overrides the
/// configuration file's value; see README "Configuration" for how select and ignore combine.</summary>
public sealed class ReportOptions
{
    public Option<string> Format { get; } = new("--format", "-f")
    {
        Description = $"Output format: {string.Join(", ", ReportWriters.Formats)}",
        DefaultValueFactory = _ => "text",
    };

    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Write the report to FILE instead of stdout" };

    public Option<string> FailOn { get; } = new("--fail-on")
    {
        Description = $"Exit 1 when a finding is at or above this severity: {string.Join(", ", SeverityNames.All)}",
        DefaultValueFactory = _ => "high",
    };

    public Option<string> MinConfidence { get; } = new("--min-confidence")
    {
        Description = $"Count toward --fail-on only findings at least this sure: {string.Join(", ", ConfidenceNames.All)} (undecided findings are low)",
        DefaultValueFactory = _ => FailGate.DefaultMinConfidence.Name(),
    };

    public Option<string[]> Select { get; } = new("--select")
    {
        Description = "Run only these rules (IDs or prefixes, e.g. DP2 or DP201; comma-separated or repeated)",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> Ignore { get; } = new("--ignore")
    {
        Description = "Skip these rules (IDs or prefixes; comma-separated or repeated)",
        AllowMultipleArgumentsPerToken = true,
    };

    public void AddTo(Command command)
    {
        command.Add(Format);
        command.Add(Output);
        command.Add(FailOn);
        command.Add(MinConfidence);
        command.Add(Select);
        command.Add(Ignore);
    }

    public IReportWriter Writer(ParseResult parsed, PreflightConfig? config = null)
    {
        var format = ConfigOptions.Resolve(parsed, Format, config?.Format);
        return ReportWriters.Find(format)
            ?? throw new UsageException($"unknown format '{format}' (expected one of: {string.Join(", ", ReportWriters.Formats)})");
    }

    /// <summary>Which findings fail the command: <c>--fail-on</c> and <c>--min-confidence</c>, or their configured values.</summary>
    public FailGate Gate(ParseResult parsed, PreflightConfig? config = null)
    {
        var text = ConfigOptions.Resolve(parsed, FailOn, config?.FailOn);
        if (!SeverityNames.TryParse(text, out var severity))
            throw new UsageException($"unknown severity '{text}' for --fail-on (expected one of: {string.Join(", ", SeverityNames.All)})");
        var sure = ConfigOptions.Resolve(parsed, MinConfidence, config?.MinConfidence);
        if (!ConfidenceNames.TryParse(sure, out var confidence))
            throw new UsageException($"unknown confidence '{sure}' for --min-confidence (expected one of: {string.Join(", ", ConfidenceNames.All)})");
        return new FailGate(severity, confidence);
    }

    /// <summary>As Ruff: <c>--select</c> replaces the configuration's select and ignore; without it, the
    /// configuration's select applies and <c>--ignore</c> adds to the configuration's ignore.</summary>
    public IReadOnlyList<T> Selected<T>(ParseResult parsed, IReadOnlyList<T> rules, PreflightConfig? config = null) where T : Rule
    {
        var select = parsed.GetValue(Select) ?? [];
        var ignore = parsed.GetValue(Ignore) ?? [];
        // Selecting only the other command's family (or ignoring everything) would run nothing and pass silently.
        var fromFile = select.Length == 0 ? config?.Select : null;
        var selected = select.Length > 0 || config is null
            ? RuleSelection.Apply(rules, select, ignore)
            : RuleSelection.Apply(rules, config.Select?.Value ?? [], (config.Ignore?.Value ?? []).Concat(ignore));
        if (selected.Count > 0)
            return selected;
        throw fromFile is { } configured
            ? new UsageException($"{config!.File}:{configured.Line}: 'select' leaves no rule for this command to run ({NoRuleHint})")
            : new UsageException($"--select/--ignore leave no rule for this command to run ({NoRuleHint})");
    }

    private const string NoRuleHint = "scan runs the DP rules, probe the DPL rules";

    /// <summary>Writes the report where asked and returns the exit code the findings call for. With
    /// <c>--output</c>, one line on stderr says what was written where and why the exit code is what it
    /// is (a file report otherwise leaves the terminal silent, and exit code 1 looks like a crash).
    /// A scan its time budget cut short (<see cref="ReportSummary.CutShort"/>) exits 3 whatever the findings.</summary>
    public int Emit(ParseResult parsed, CliIo io, ScanReport report, PreflightConfig? config = null)
    {
        var writer = Writer(parsed, config);
        var gate = Gate(parsed, config);
        var failing = report.Findings.Count(gate.Fails);
        var code = report.Summary.CutShort is not null ? ExitCodes.CutShort : failing > 0 ? ExitCodes.Findings : ExitCodes.Clean;
        var path = parsed.GetValue(Output);
        if (path is null)
        {
            var text = writer.Format == "text";
            writer.Write(report, io.Out, new RenderOptions(io.Color && text, text ? io.Width : null));
        }
        else
        {
            try
            {
                using var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
                writer.Write(report, file, RenderOptions.Plain);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write --output '{path}': {e.Message}");
            }
            io.Error.WriteLine(OutputSummary(report, path, gate, failing, code));
        }
        return code;
    }

    /// <summary>"django-preflight: 3 findings (1 critical, 2 high) written to report.sarif; exit code 1:
    /// 2 findings at or above fail-on high and min-confidence medium".</summary>
    private static string OutputSummary(ScanReport report, string path, FailGate gate, int failing, int code)
    {
        var gateText = $"at or above fail-on {gate.Threshold.Name()} and min-confidence {gate.MinConfidence.Name()}";
        var why = failing == 0 ? $"no finding {gateText}" : $"{failing} finding{(failing == 1 ? "" : "s")} {gateText}";
        if (code == ExitCodes.CutShort) why = $"the scan was cut short by --timeout ({why})";
        return $"django-preflight: {FindingCounts.Total(report.Findings)}{FindingCounts.Breakdown(report.Findings)} written to {path}; exit code {code}: {why}";
    }
}
