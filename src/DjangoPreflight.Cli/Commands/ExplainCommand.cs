using System.CommandLine;
using DjangoPreflight.Core;

namespace DjangoPreflight.Cli.Commands;

/// <summary><c>explain RULE_ID</c>: a rule's documentation: why it matters, how to fix it, an example.</summary>
public static class ExplainCommand
{
    public static Command Build(CliIo io)
    {
        var id = new Argument<string>("RULE_ID") { Description = "A rule ID, e.g. DP201" };
        var command = new Command("explain", "Show why a rule matters and how to fix what it finds") { id };
        command.SetAction(parsed =>
        {
            var text = parsed.GetValue(id)!;
            var rule = RuleCatalog.Find(text) ?? throw new UsageException($"unknown rule ID '{text}' (see 'django-preflight rules')");
            Write(io.Out, rule.Descriptor);
            return ExitCodes.Clean;
        });
        return command;
    }

    public static void Write(TextWriter o, RuleDescriptor r)
    {
        o.WriteLine($"{r.Id}: {r.Title}");
        o.WriteLine($"Category: {r.Category.Name()}    Default severity: {r.DefaultSeverity.Name()}");
        if (r.DjangoId is not null) o.WriteLine($"Mirrors Django check: {r.DjangoId}");
        if (r.Seeds.Count > 0) o.WriteLine($"Checklist sources: {string.Join(", ", r.Seeds)}");
        o.WriteLine();
        Section(o, "Why it matters", r.Docs.Why);
        Section(o, "How to fix", r.Docs.Fix);
        Section(o, "Before", r.Docs.Before);
        Section(o, "After", r.Docs.After);
    }

    private static void Section(TextWriter o, string heading, string body)
    {
        o.WriteLine(heading);
        foreach (var line in body.TrimEnd().Split('\n')) o.WriteLine(line.Length == 0 ? "" : "    " + line);
        o.WriteLine();
    }
}
