using System.CommandLine;
using DjangoPreflight.Analysis.Configuration;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Cli.Configuration;
using DjangoPreflight.Core;
using DjangoPreflight.Rules;

namespace DjangoPreflight.Cli.Commands;

/// <summary><c>scan [PATH]</c>: audit a project from its source, without running it.</summary>
public static class ScanCommand
{
    public static Command Build(CliIo io)
    {
        var path = new Argument<string>("PATH") { Description = "The project directory", DefaultValueFactory = _ => "." };
        var project = new ProjectOptions();
        var report = new ReportOptions();
        var config = new ConfigOptions();
        var baseline = new Option<string?>("--baseline") { Description = "Hide the findings this baseline FILE lists (see `django-preflight baseline`)" };
        var command = new Command("scan", "Audit a Django project's source, settings and deployment files") { path, baseline };
        project.AddTo(command);
        report.AddTo(command);
        config.AddTo(command);
        command.SetAction(parsed =>
        {
            var root = ProjectOptions.Directory(parsed.GetValue(path)!);
            var configuration = config.Load(parsed, root, parsed.GetValue(path));
            var rules = report.Selected(parsed, ProjectRuleSet.All, configuration);
            report.Writer(parsed, configuration);
            report.Gate(parsed, configuration);
            var baselineFile = parsed.GetValue(baseline);
            var accepted = baselineFile is null ? null : BaselineCommand.Read(baselineFile);
            var scanned = Scan(root, parsed.GetValue(path)!, project.Read(parsed, configuration), rules);
            if (accepted is not null) scanned = accepted.Apply(scanned, baselineFile!).ApplyTo(scanned);
            return report.Emit(parsed, io, scanned, configuration);
        });
        return command;
    }

    /// <summary>Scans the project at <paramref name="root"/> (validated), as <c>scan</c> and <c>baseline</c> both do.</summary>
    public static ScanReport Scan(string root, string displayPath, ScanOptions options, IReadOnlyList<ProjectRule> rules)
    {
        var context = new ProjectContext(root, options);
        if (!DjangoProjectDetector.LooksLikeDjango(context.Files))
            throw new UsageException($"'{displayPath}' does not look like a Django project (no manage.py, settings module or Django dependency found)");
        return ProjectScanner.Scan(context, rules, displayPath);
    }
}
