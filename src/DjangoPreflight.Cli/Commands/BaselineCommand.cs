using System.CommandLine;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Cli.Configuration;
using DjangoPreflight.Rules;
using DjangoPreflight.Rules.Suppressions;

namespace DjangoPreflight.Cli.Commands;

/// <summary><c>baseline [PATH]</c>: record the findings a scan makes now, so that
/// <c>scan --baseline FILE</c> shows only new ones. Takes the project and rule options of <c>scan</c>.</summary>
public static class BaselineCommand
{
    public static Command Build(CliIo io)
    {
        var path = new Argument<string>("PATH") { Description = "The project directory", DefaultValueFactory = _ => "." };
        var project = new ProjectOptions();
        var report = new ReportOptions();
        var config = new ConfigOptions();
        var output = new Option<string?>("--output", "-o") { Description = $"Write the baseline to FILE (default: PATH/{Baseline.DefaultFileName})" };
        var timeout = new TimeoutOption("the scan");
        var command = new Command("baseline", "Record the current findings so that `scan --baseline FILE` shows only new ones") { path, output, report.Select, report.Ignore, timeout.Option };
        project.AddTo(command);
        config.AddTo(command);
        command.SetAction(parsed =>
        {
            var budget = timeout.Read(parsed);
            var root = ProjectOptions.Directory(parsed.GetValue(path)!);
            var configuration = config.Load(parsed, root, parsed.GetValue(path));
            var rules = report.Selected(parsed, ProjectRuleSet.All, configuration);
            var context = new ProjectContext(root, project.Read(parsed, configuration) with { Budget = budget });
            var scanned = BoundedScan.Run(budget, () => ScanCommand.Scan(context, parsed.GetValue(path)!, rules));
            // A baseline of part of the findings would show the rest as new on every later scan.
            if (budget.WasCutShort)
            {
                io.Error.WriteLine($"django-preflight: no baseline written: {budget.Notice()}");
                return ExitCodes.CutShort;
            }
            var file = parsed.GetValue(output) ?? Path.Combine(parsed.GetValue(path)!, Baseline.DefaultFileName);
            var baseline = Baseline.Of(scanned.Findings);
            try
            {
                using var stream = new MemoryStream();
                baseline.Write(stream);
                File.WriteAllBytes(file, stream.ToArray());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write baseline '{file}': {e.Message}");
            }
            io.Out.WriteLine($"Wrote {file}: {baseline.Counts.Count} fingerprints for {scanned.Findings.Count} findings.");
            return ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>Reads the file <c>scan --baseline</c> names; a missing or malformed one is a usage error.</summary>
    public static Baseline Read(string file)
    {
        try
        {
            return Baseline.Read(file);
        }
        catch (BaselineException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
