using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting.RuleReference;

/// <summary>The Markdown rule reference: one page per rule (also <c>explain --format markdown</c>)
/// and an index grouped by category. Links are relative, so the pages work in any folder.</summary>
public static class RuleMarkdownWriter
{
    public const string IndexFile = "README.md";

    public const string RefreshCommand = "scripts/generate-rule-docs";

    public static string PageFile(RuleDescriptor r) => r.Id + ".md";

    public static void WritePage(TextWriter o, RuleDescriptor r)
    {
        o.Write($"# {r.Id}: {MarkdownText.Cell(r.Title)}\n\n");
        foreach (var fact in RuleDocument.Facts(r)) o.Write($"- **{fact.Label}:** {FactValue(r, fact)}\n");
        foreach (var section in RuleDocument.Sections(r))
            o.Write($"\n## {section.Heading}\n\n{Body(section)}\n");
        o.Write($"\n---\n\n[All rules]({IndexFile}) · `django-preflight explain {r.Id}` prints this page.\n");
    }

    /// <summary>A section's body as Markdown: an example fenced as code, prose escaped.</summary>
    public static string Body(RuleSection section)
    {
        if (!section.IsExample) return MarkdownText.Prose(section.Body);
        var fence = MarkdownText.Fence(section.Body);
        return $"{fence}\n{section.Body}\n{fence}";
    }

    public static void WriteIndex(TextWriter o, IReadOnlyList<RuleDescriptor> rules)
    {
        var live = rules.Count(r => r.Category == Category.Live);
        o.Write("# Rule reference\n\n");
        o.Write($"django-preflight has {rules.Count} rules: {rules.Count - live} that `scan` checks in a project's source, " +
                $"{live} that `probe` checks on a deployed site. Each page says why the rule matters, how to fix what it " +
                "finds, and shows an example; `django-preflight explain ID` prints the same text.\n\n");
        o.Write("Severity is the rule's default: how bad a finding is if it is true. Rules that mirror a Django " +
                "system check (`manage.py check --deploy`) name that check and fire under exactly its conditions.\n\n");
        o.Write($"These pages are generated from the rules' own metadata by `{RefreshCommand}`: " +
                "edit the rule's source file, not the pages.\n");
        foreach (var group in rules.GroupBy(r => r.Category).OrderBy(g => g.Key))
        {
            o.Write($"\n## {ChecklistNames.Heading(group.Key)}\n\n");
            o.Write("| ID | Title | Severity | Django check |\n|---|---|---|---|\n");
            foreach (var r in group.OrderBy(r => r.Id, StringComparer.Ordinal))
                o.Write($"| [{r.Id}]({PageFile(r)}) | {MarkdownText.Cell(r.Title)} | {r.DefaultSeverity.Name()} | {string.Join(" ", r.DjangoIds.Select(d => $"`{d}`"))} |\n");
        }
        o.Write("\n## Sources\n\nThe rules automate the production checklists of these articles, item by item, and add what a " +
                "careful reviewer would; each page names the ones its rule comes from:\n\n");
        foreach (var source in ChecklistNames.Seeds) o.Write($"- {MarkdownText.Cell(source.Source)}\n");
    }

    private static string FactValue(RuleDescriptor r, RuleFact fact) => fact.Kind switch
    {
        RuleFactKind.Category => $"[{MarkdownText.Cell(fact.Values[0])}]({IndexFile}#{Anchor(ChecklistNames.Heading(r.Category))})",
        RuleFactKind.DjangoChecks => string.Join(", ", fact.Values.Select(v => $"`{v}`")),
        RuleFactKind.Sources => string.Join("; ", fact.Values.Select(MarkdownText.Cell)) + $" ([all sources]({IndexFile}#sources))",
        _ => string.Join(", ", fact.Values.Select(MarkdownText.Cell)),
    };

    /// <summary>GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens.</summary>
    public static string Anchor(string heading) =>
        string.Concat(heading.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')).Replace(' ', '-');
}
