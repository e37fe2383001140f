using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting.RuleReference;

/// <summary>A rule's documentation as plain text, for <c>explain</c> on a terminal.</summary>
public static class RuleTextWriter
{
    public static void Write(TextWriter o, RuleDescriptor r)
    {
        o.Write($"{r.Id}: {r.Title}\n");
        foreach (var fact in RuleDocument.Facts(r)) o.Write($"{fact.Label}: {fact.Joined}\n");
        o.Write('\n');
        foreach (var section in RuleDocument.Sections(r))
        {
            o.Write(section.Heading + "\n");
            foreach (var line in section.Body.Split('\n')) o.Write(line.Length == 0 ? "\n" : "    " + line + "\n");
            o.Write('\n');
        }
    }
}
