using System.CommandLine;
using DjangoPreflight.Cli.Configuration;
using DjangoPreflight.Probe;

namespace DjangoPreflight.Cli.Commands;

/// <summary><c>probe URL</c>: check a deployed site over HTTP(S) the way an attacker sees it,
/// with a hard bound on requests and time, and only safe methods.</summary>
public static class ProbeCommand
{
    /// <param name="handler">Replaces the network handler (tests only); the request guard still applies.</param>
    public static Command Build(CliIo io, HttpMessageHandler? handler = null)
    {
        var url = new Argument<string>("URL") { Description = "The deployed site, e.g. https://shop.example/" };
        var probe = new ProbeOptions();
        var report = new ReportOptions();
        var config = new ConfigOptions();
        var command = new Command("probe", "Check a deployed site over HTTP(S): bounded, read-only requests") { url };
        probe.AddTo(command);
        report.AddTo(command);
        config.AddTo(command);
        command.SetAction(parsed =>
        {
            var target = ProbeOptions.Target(parsed.GetValue(url)!);
            var configuration = config.Load(parsed);
            var rules = report.Selected(parsed, LiveRuleSet.All, configuration);
            report.Writer(parsed, configuration);
            report.Gate(parsed, configuration);
            var observations = ProbeOptions.Probe(target, probe.Read(parsed), handler);
            return report.Emit(parsed, io, ProbeRunner.Report(observations, rules), configuration);
        });
        return command;
    }
}
