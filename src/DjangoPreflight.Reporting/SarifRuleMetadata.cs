using System.Text;
using System.Text.Json;
using DjangoPreflight.Core;
using DjangoPreflight.Reporting.RuleReference;

namespace DjangoPreflight.Reporting;

/// <summary>A rule as SARIF's reportingDescriptor: its title as short description, why it matters as
/// full description, the whole RuleDocs (why, fix, before, after) as help in text and Markdown, the
/// default level, and the properties code-scanning services read (tags, security-severity).</summary>
internal static class SarifRuleMetadata
{
    public static void Write(Utf8JsonWriter w, RuleDescriptor r)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("name", RuleName(r.Title));
        w.WriteStartObject("shortDescription");
        w.WriteString("text", r.Title);
        w.WriteEndObject();
        w.WriteStartObject("fullDescription");
        var why = RuleDocument.Sections(r)[0].Body;
        w.WriteString("text", why.Trim().Length > 0 ? why : r.Title);
        w.WriteEndObject();
        w.WriteStartObject("help");
        w.WriteString("text", HelpText(r));
        w.WriteString("markdown", HelpMarkdown(r));
        w.WriteEndObject();
        w.WriteStartObject("defaultConfiguration");
        w.WriteString("level", SarifLevels.Level(r.DefaultSeverity));
        w.WriteEndObject();
        w.WriteStartObject("properties");
        w.WriteStartArray("tags");
        w.WriteStringValue("security");
        w.WriteStringValue(r.Category.Name());
        foreach (var d in r.DjangoIds) w.WriteStringValue(d);
        w.WriteEndArray();
        w.WriteString("category", r.Category.Name());
        w.WriteString("default_severity", r.DefaultSeverity.Name());
        if (r.DjangoId is not null) w.WriteString("django_id", r.DjangoId);
        w.WriteString("security-severity", SarifLevels.SecuritySeverity(r.DefaultSeverity));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    // The help is the rule's documentation as RuleDocument gives it to explain and docs/rules;
    // only the headings differ (SARIF viewers show help in a small pane, so no ## headings).
    private static string HelpText(RuleDescriptor r) => Help(r, s => $"{s.Heading}\n{s.Body}");

    private static string HelpMarkdown(RuleDescriptor r) =>
        Help(r, s => (s.IsExample ? $"{s.Heading}:" : $"**{s.Heading}.**") + "\n" + RuleMarkdownWriter.Body(s));

    /// <summary>Each non-empty section, rendered, separated by a blank line; the title when there are none.</summary>
    private static string Help(RuleDescriptor r, Func<RuleSection, string> render)
    {
        var sections = RuleDocument.Sections(r).Where(s => s.Body.Trim().Length > 0).Select(render).ToList();
        return sections.Count == 0 ? r.Title : string.Join("\n\n", sections);
    }

    /// <summary>SARIF's rule name is a Pascal-case identifier: "X_FRAME_OPTIONS is not DENY" →
    /// "XFrameOptionsIsNotDeny". Words are split on anything but letters and digits.</summary>
    public static string RuleName(string title)
    {
        var name = new StringBuilder();
        var wordStart = true;
        foreach (var c in title)
        {
            if (c is '\'' or '\u2019') continue; // "Django's" is one word
            if (!char.IsAsciiLetterOrDigit(c))
            {
                wordStart = true;
                continue;
            }
            name.Append(wordStart ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            wordStart = false;
        }
        return name.ToString();
    }
}
