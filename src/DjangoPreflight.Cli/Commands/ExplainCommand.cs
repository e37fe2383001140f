using System.CommandLine;
using DjangoPreflight.Reporting.RuleReference;

namespace DjangoPreflight.Cli.Commands;

/// <summary><c>explain RULE_ID</c>: a rule's documentation: why it matters, how to fix it, an example.
/// The Markdown form is byte for byte the rule's page in docs/rules.</summary>
public static class ExplainCommand
{
    public static Command Build(CliIo io)
    {
        var id = new Argument<string>("RULE_ID") { Description = "A rule ID, e.g. DP201" };
        var format = new Option<string>("--format", "-f") { Description = "text or markdown (the docs/rules page)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "markdown");
        var command = new Command("explain", "Show why a rule matters and how to fix what it finds") { id, format };
        command.SetAction(parsed =>
        {
            var text = parsed.GetValue(id)!;
            var rule = RuleCatalog.Find(text) ?? throw new UsageException($"unknown rule ID '{text}' (see 'django-preflight rules')");
            io.Out.Write(RuleDocsDirectory.Render(o =>
            {
                if (parsed.GetValue(format) == "markdown") RuleMarkdownWriter.WritePage(o, rule.Descriptor);
                else RuleTextWriter.Write(o, rule.Descriptor);
            }));
            return ExitCodes.Clean;
        });
        return command;
    }
}
