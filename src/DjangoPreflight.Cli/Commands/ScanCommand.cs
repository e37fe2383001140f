using System.CommandLine;
using DjangoPreflight.Analysis.Configuration;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Cli.Configuration;
using DjangoPreflight.Core;
using DjangoPreflight.Rules;
using DjangoPreflight.Probe;

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
        var url = new Option<string?>("--url") { Description = "Also probe the deployed site at URL and cross-check it against the settings (DPX rules); the probe options apply" };
        var timeout = new TimeoutOption("the whole scan, probe included,");
        var probe = new ProbeOptions(perRequestTimeout: "--request-timeout");
        var command = new Command("scan", "Audit a Django project's source, settings and deployment files") { path, baseline, url, timeout.Option };
        probe.AddTo(command);
        project.AddTo(command);
        report.AddTo(command);
        config.AddTo(command);
        command.SetAction(parsed =>
        {
            var budget = timeout.Read(parsed);
            var root = ProjectOptions.Directory(parsed.GetValue(path)!);
            var configuration = config.Load(parsed, root, parsed.GetValue(path));
            var target = parsed.GetValue(url) is { } text ? ProbeOptions.Target(text, "--url") : null;
            if (target is null) probe.RefuseWithoutTarget(parsed);
            // With --url, --select and --ignore choose among project, live and cross-check rules together.
            var selected = report.Selected(parsed, target is null ? ProjectRuleSet.All.Cast<Rule>().ToList() : LiveScan.AllRules, configuration);
            var rules = selected.OfType<ProjectRule>().ToList();
            report.Writer(parsed, configuration);
            report.Gate(parsed, configuration);
            var baselineFile = parsed.GetValue(baseline);
            var accepted = baselineFile is null ? null : BaselineCommand.Read(baselineFile);
            var context = new ProjectContext(root, project.Read(parsed, configuration) with { Budget = budget });
            var scanned = BoundedScan.Run(budget, () => Scan(context, parsed.GetValue(path)!, rules));
            if (target is not null)
                scanned = Probe(scanned, context, target, probe.Read(parsed), budget, selected);
            if (accepted is not null) scanned = accepted.Apply(scanned, baselineFile!).ApplyTo(scanned);
            return report.Emit(parsed, io, scanned, configuration);
        });
        return command;
    }

    /// <summary>Probes with the probe's --deadline shortened to what is left of the whole scan's
    /// budget. A probe that budget stopped lists what it did not check in its own notices, as for
    /// --deadline; the report adds that --timeout was the cause.</summary>
    private static ScanReport Probe(ScanReport scanned, ProjectContext context, Uri target, ProbeSettings settings, ScanBudget budget, IReadOnlyList<Rule> selected)
    {
        var left = budget.Remaining;
        var shortened = left < settings.Deadline;
        if (shortened)
            settings = settings with { Deadline = left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), DeadlineName = "the scan's time budget (--timeout)" };
        var live = ProbeOptions.Probe(target, settings, null);
        var report = LiveScan.Add(scanned, context, live, selected);
        if (!shortened || !live.DeadlinePassed) return report;
        // The project's scan may have been cut short already: one notice still names everything.
        budget.CutShort("probe", "stopped where the scan's budget ended");
        var cut = budget.Notice()!;
        var notices = report.Summary.Notices.Where(n => n != report.Summary.CutShort).Append(cut).ToList();
        return report with { Summary = report.Summary with { Notices = notices, CutShort = cut } };
    }

    /// <summary>Scans the project in <paramref name="context"/> (its root validated), as <c>scan</c> and <c>baseline</c> both do.</summary>
    public static ScanReport Scan(ProjectContext context, string displayPath, IReadOnlyList<ProjectRule> rules)
    {
        // A walk the time budget stopped may not have reached what makes a project Django's: the
        // report says it was cut short instead.
        if (!context.Files.Partial && !DjangoProjectDetector.LooksLikeDjango(context.Files))
            throw new UsageException($"'{displayPath}' does not look like a Django project (no manage.py, settings module or Django dependency found)");
        ProjectOptions.CheckSettingsModule(context);
        return ProjectScanner.Scan(context, rules, displayPath);
    }
}
