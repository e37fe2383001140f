using System.CommandLine;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Cli.Configuration;
using DjangoPreflight.Core;
using DjangoPreflight.Reporting;

namespace DjangoPreflight.Cli.Commands;

/// <summary><c>settings [PATH]</c>: what production will run, computed from source under an env profile.</summary>
public static class SettingsCommand
{
    public static Command Build(CliIo io)
    {
        var path = new Argument<string>("PATH") { Description = "The project directory", DefaultValueFactory = _ => "." };
        var format = new Option<string>("--format", "-f") { Description = "Output format: text, json", DefaultValueFactory = _ => "text" };
        var project = new ProjectOptions();
        var config = new ConfigOptions();
        var timeout = new TimeoutOption("finding and evaluating the settings");
        var command = new Command("settings", "Show the settings production will run (values, where set, env vars), without running the project") { path, format, timeout.Option };
        project.AddTo(command);
        config.AddTo(command);
        command.SetAction(parsed =>
        {
            var root = ProjectOptions.Directory(parsed.GetValue(path)!);
            var fmt = parsed.GetValue(format)!;
            if (fmt is not ("text" or "json"))
                throw new UsageException($"unknown format '{fmt}' for settings (expected text or json)");
            var budget = timeout.Read(parsed);
            var context = new ProjectContext(root, project.Read(parsed, config.Load(parsed, root, parsed.GetValue(path))) with { Budget = budget });
            var model = BoundedScan.Run(budget, () =>
            {
                ProjectOptions.CheckSettingsModule(context);
                return context.Settings.Production;
            });
            if (model is null)
            {
                // The budget may have ended the file walk before it reached the settings.
                if (budget.Notice() is not { } stopped)
                    throw new UsageException($"no settings module found in '{parsed.GetValue(path)}' (give one with --settings)");
                io.Error.WriteLine($"note: {Shown(stopped)}");
                return ExitCodes.CutShort;
            }
            // JSON escapes control characters itself; the text form shows them, as the text report does.
            io.Out.Write(fmt == "json" ? SettingsOutput.Json(model) : ControlCharacters.Visible(SettingsOutput.Text(model)));
            if (fmt == "text")
                foreach (var notice in context.Diagnostics.Notices) io.Error.WriteLine($"note: {Shown(notice)}");
            foreach (var error in context.Diagnostics.ParseErrors)
                io.Error.WriteLine($"parse error: {Shown($"{error.Path}:{error.Line}: {error.Message}")}");
            if (budget.Notice() is not { } cut) return ExitCodes.Clean;
            io.Error.WriteLine($"note: {Shown(cut)}");
            return ExitCodes.CutShort;
        });
        return command;
    }

    /// <summary>A notice or parse error as the reports show it: secrets redacted (a parse error
    /// quotes the source line), control characters visible.</summary>
    private static string Shown(string text) => ControlCharacters.Visible(SecretText.Redact(text));
}
