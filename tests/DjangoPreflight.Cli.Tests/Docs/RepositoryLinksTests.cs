using DjangoPreflight.TestSupport;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DjangoPreflight.Cli.Tests.Docs;

/// <summary>The README and the docs are complete inside the repository: every relative link leads to
/// a file that a clone has, never out of the checkout (the team's ../shared folder is not part of it).</summary>
public class RepositoryLinksTests
{
    public static TheoryData<string> Documents() =>
        ["README.md", "docs/DESIGN.md", "docs/CHECKLIST.md", "docs/rules/README.md", "data/README.md", "examples/hardened-shop/README.md", "examples/insecure-shop/README.md"];

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryRelativeLinkLeadsToAFileInTheRepository(string document)
    {
        var path = Path.Combine(RepoPaths.Root, document);
        var folder = Path.GetDirectoryName(path)!;
        var text = File.ReadAllText(path);
        var links = Markdown.Parse(text, new MarkdownPipelineBuilder().UsePipeTables().Build())
            .Descendants<LinkInline>().Select(l => l.Url!).Where(u => !u.Contains("://", StringComparison.Ordinal) && !u.StartsWith('#')).ToList();
        var broken = links.Select(u => (Url: u, Target: Path.GetFullPath(Path.Combine(folder, u.Split('#')[0]))))
            .Where(l => !l.Target.StartsWith(RepoPaths.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !(File.Exists(l.Target) || Directory.Exists(l.Target)))
            .Select(l => l.Url).ToList();
        Assert.Empty(broken);
        Assert.DoesNotContain("../shared", text, StringComparison.Ordinal);
    }
}
