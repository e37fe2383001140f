using System.CommandLine;
using System.Text;
using System.Text.Json;
using DjangoPreflight.Core;
using DjangoPreflight.Reporting;
using Spectre.Console;

namespace DjangoPreflight.Cli.Commands;

/// <summary><c>rules</c>: list every rule, as a table or JSON.</summary>
public static class RulesCommand
{
    public static Command Build(CliIo io)
    {
        var format = new Option<string>("--format", "-f") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var docs = new Option<string>("--write-docs")
        {
            Description = "Write the Markdown rule reference (README.md index and one page per rule) into DIR",
            HelpName = "DIR",
        };
        var command = new Command("rules", "List every rule: ID, severity, category, Django check, title") { format, docs };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(docs) is { } directory)
            {
                var count = RuleDocsDirectory.Write(directory, RuleCatalog.All.Select(r => r.Descriptor).ToList());
                io.Out.WriteLine($"wrote {count} files to {directory}");
            }
            else if (parsed.GetValue(format) == "json") WriteJson(io.Out);
            else WriteTable(io);
            return ExitCodes.Clean;
        });
        return command;
    }

    private static void WriteTable(CliIo io)
    {
        var console = TerminalConsole.Create(io.Out, new RenderOptions(io.Color, io.Width));
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumns("ID", "Severity", "Category", "Django", "Title");
        foreach (var r in RuleCatalog.All.Select(r => r.Descriptor))
            table.AddRow(Markup.Escape(r.Id), r.DefaultSeverity.Name(), r.Category.Name(), Markup.Escape(r.DjangoId ?? ""), Markup.Escape(r.Title));
        console.Write(table);
        console.MarkupLine($"{RuleCatalog.All.Count} rules");
    }

    private static void WriteJson(TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonOptions.Writer))
        {
            w.WriteStartArray();
            foreach (var r in RuleCatalog.All.Select(r => r.Descriptor))
            {
                w.WriteStartObject();
                w.WriteString("id", r.Id);
                w.WriteString("title", r.Title);
                w.WriteString("category", r.Category.Name());
                w.WriteString("severity", r.DefaultSeverity.Name());
                w.WriteStartArray("django_ids");
                foreach (var d in r.DjangoIds) w.WriteStringValue(d);
                w.WriteEndArray();
                w.WriteStartArray("seeds");
                foreach (var s in r.Seeds) w.WriteStringValue(s);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
