using System.Text;
using System.Text.RegularExpressions;
using DjangoPreflight.Core;
using DjangoPreflight.Reporting.RuleReference;

namespace DjangoPreflight.Cli;

/// <summary>Writes the Markdown rule reference (docs/rules in this repository) into a folder: the
/// index and one page per rule. Pages of rules that no longer exist are removed, so the folder is
/// exactly what the rules generate; files that are not rule pages are left alone.</summary>
public static partial class RuleDocsDirectory
{
    public static int Write(string directory, IReadOnlyList<RuleDescriptor> rules)
    {
        if (File.Exists(directory)) throw new UsageException($"'{directory}' is a file; give a directory for the rule docs");
        try
        {
            Directory.CreateDirectory(directory);
            var pages = rules.ToDictionary(RuleMarkdownWriter.PageFile, r => Render(o => RuleMarkdownWriter.WritePage(o, r)));
            foreach (var stale in Directory.EnumerateFiles(directory).Select(Path.GetFileName).Where(n => RulePageName().IsMatch(n!) && !pages.ContainsKey(n!)))
                File.Delete(Path.Combine(directory, stale!));
            pages[RuleMarkdownWriter.IndexFile] = Render(o => RuleMarkdownWriter.WriteIndex(o, rules));
            foreach (var (name, text) in pages.OrderBy(p => p.Key, StringComparer.Ordinal))
                File.WriteAllText(Path.Combine(directory, name), text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return pages.Count;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write the rule docs to '{directory}': {e.Message}");
        }
    }

    public static string Render(Action<TextWriter> write)
    {
        using var o = new StringWriter { NewLine = "\n" };
        write(o);
        return o.ToString();
    }

    [GeneratedRegex(@"^DPL?\d+\.md$")]
    private static partial Regex RulePageName();
}
