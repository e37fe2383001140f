using System.CommandLine;
using DjangoPreflight.Analysis.Project;
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
        var command = new Command("scan", "Audit a Django project's source, settings and deployment files") { path };
        project.AddTo(command);
        report.AddTo(command);
        command.SetAction(parsed =>
        {
            var root = ProjectOptions.Directory(parsed.GetValue(path)!);
            var rules = report.Selected(parsed, ProjectRuleSet.All);
            report.Writer(parsed);
            report.Threshold(parsed);
            var context = new ProjectContext(root, project.Read(parsed));
            if (!DjangoProjectDetector.LooksLikeDjango(context.Files))
                throw new UsageException($"'{parsed.GetValue(path)}' does not look like a Django project (no manage.py, settings module or Django dependency found)");
            return report.Emit(parsed, io, ProjectScanner.Scan(context, rules, displayPath: parsed.GetValue(path)!));
        });
        return command;
    }
}
