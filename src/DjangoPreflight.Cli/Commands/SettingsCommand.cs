using System.CommandLine;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Cli.Configuration;

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
        var command = new Command("settings", "Show the settings production will run (values, where set, env vars), without running the project") { path, format };
        project.AddTo(command);
        config.AddTo(command);
        command.SetAction(parsed =>
        {
            var root = ProjectOptions.Directory(parsed.GetValue(path)!);
            var fmt = parsed.GetValue(format)!;
            if (fmt is not ("text" or "json"))
                throw new UsageException($"unknown format '{fmt}' for settings (expected text or json)");
            var context = new ProjectContext(root, project.Read(parsed, config.Load(parsed, root, parsed.GetValue(path))));
            ProjectOptions.CheckSettingsModule(context);
            var model = context.Settings.Production
                ?? throw new UsageException($"no settings module found in '{parsed.GetValue(path)}' (give one with --settings)");
            io.Out.Write(fmt == "json" ? SettingsOutput.Json(model) : SettingsOutput.Text(model));
            if (fmt == "text")
                foreach (var notice in context.Diagnostics.Notices) io.Error.WriteLine($"note: {notice}");
            foreach (var error in context.Diagnostics.ParseErrors)
                io.Error.WriteLine($"parse error: {error.Path}:{error.Line}: {error.Message}");
            return ExitCodes.Clean;
        });
        return command;
    }
}
