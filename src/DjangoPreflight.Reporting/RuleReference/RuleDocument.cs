using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting.RuleReference;

/// <summary>What a fact holds, so a renderer can link or quote it.</summary>
public enum RuleFactKind { Category, Severity, DjangoChecks, Sources }

/// <summary>One labelled fact about a rule: its category, severity, Django checks, sources.</summary>
public sealed record RuleFact(RuleFactKind Kind, string Label, IReadOnlyList<string> Values)
{
    /// <summary>The values on one line: sources with semicolons, since their titles hold commas.</summary>
    public string Joined => string.Join(Kind == RuleFactKind.Sources ? "; " : ", ", Values);
}

/// <summary>One documentation section; an example is code, shown verbatim.</summary>
public sealed record RuleSection(string Heading, string Body, bool IsExample);

/// <summary>What a rule's documentation says, in the order it says it. <c>explain</c> (text and
/// Markdown) and the generated docs/rules pages all render this one model, so they cannot drift.</summary>
public static class RuleDocument
{
    public static IReadOnlyList<RuleFact> Facts(RuleDescriptor r)
    {
        var facts = new List<RuleFact>
        {
            new(RuleFactKind.Category, "Category", [ChecklistNames.Heading(r.Category)]),
            new(RuleFactKind.Severity, "Default severity", [r.DefaultSeverity.Name()]),
        };
        if (r.DjangoIds.Count > 0)
            facts.Add(new(RuleFactKind.DjangoChecks, r.DjangoIds.Count == 1 ? "Mirrors Django check" : "Mirrors Django checks", r.DjangoIds));
        if (r.Seeds.Count > 0) facts.Add(new(RuleFactKind.Sources, "Sources", r.Seeds.Select(s => ChecklistNames.Source(s).Source).ToList()));
        return facts;
    }

    public static IReadOnlyList<RuleSection> Sections(RuleDescriptor r) =>
    [
        new("Why it matters", Normalize(r.Docs.Why), IsExample: false),
        new("How to fix", Normalize(r.Docs.Fix), IsExample: false),
        new("Before", Normalize(r.Docs.Before), IsExample: true),
        new("After", Normalize(r.Docs.After), IsExample: true),
    ];

    /// <summary>'\n' line ends, no trailing blanks: the same bytes on every platform.</summary>
    private static string Normalize(string body) =>
        string.Join('\n', body.ReplaceLineEndings("\n").Trim('\n').Split('\n').Select(l => l.TrimEnd()));
}
