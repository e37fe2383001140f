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
        w.WriteString("text", r.Docs.Why.Trim().Length > 0 ? r.Docs.Why.Trim() : r.Title);
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

    private static string HelpText(RuleDescriptor r)
    {
        var text = new StringBuilder();
        Section(text, "Why it matters", r.Docs.Why, fence: null);
        Section(text, "How to fix", r.Docs.Fix, fence: null);
        Section(text, "Before", r.Docs.Before, fence: null);
        Section(text, "After", r.Docs.After, fence: null);
        return text.Length == 0 ? r.Title : text.ToString().TrimEnd();
    }

    private static string HelpMarkdown(RuleDescriptor r)
    {
        var text = new StringBuilder();
        Section(text, "**Why it matters.**", MarkdownText.Prose(r.Docs.Why.Trim()), fence: null);
        Section(text, "**How to fix.**", MarkdownText.Prose(r.Docs.Fix.Trim()), fence: null);
        Section(text, "Before:", r.Docs.Before, MarkdownText.Fence(r.Docs.Before));
        Section(text, "After:", r.Docs.After, MarkdownText.Fence(r.Docs.After));
        return text.Length == 0 ? r.Title : text.ToString().TrimEnd();
    }

    /// <summary>A heading and its body, skipped when the body is empty; a fenced body is code.</summary>
    private static void Section(StringBuilder text, string heading, string body, string? fence)
    {
        body = body.Trim('\n', '\r').TrimEnd();
        if (body.Trim().Length == 0) return;
        text.Append(heading).Append('\n');
        if (fence is null) text.Append(body.Trim()).Append("\n\n");
        else text.Append(fence).Append('\n').Append(body).Append('\n').Append(fence).Append("\n\n");
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
