using System.Text;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Python.Tests.Comments;

/// <summary>PythonComments against CPython's own tokenize module: the same comments, on the same
/// lines, with the same text; a '#' inside any kind of string literal is never a comment.</summary>
public sealed class PythonCommentsTests
{
    private static string Tricky => Path.Combine(AppContext.BaseDirectory, "Fixtures", "comments", "tricky.py");

    /// <summary>Real files with many comments and strings holding '#': Django's own sources.</summary>
    private static readonly string[] DjangoFiles =
    [
        "/usr/lib/python3/dist-packages/django/conf/global_settings.py",
        "/usr/lib/python3/dist-packages/django/utils/html.py",
        "/usr/lib/python3/dist-packages/django/template/base.py",
    ];

    [Fact]
    public void CommentsEqualCpythonTokenizeOnTrickyAndRealFiles()
    {
        var files = DjangoFiles.Prepend(Tricky).ToList();
        var script = """
            import sys, tokenize
            for path in sys.argv[1:]:
                with open(path, 'rb') as f:
                    for t in tokenize.tokenize(f.readline):
                        if t.type == tokenize.COMMENT:
                            print('%s\t%d\t%s' % (path, t.start[0], t.string.encode('unicode_escape').decode('ascii')))
            """;
        var result = ProcessRunner.Run(ProcessRunner.Python, ["-c", script, .. files]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var expected = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ours = files.SelectMany(f => PythonComments.Read(File.ReadAllBytes(f))
            .Select(c => $"{f}\t{c.Line}\t{Escape(c.Text)}")).ToArray();
        Assert.Equal(expected, ours);
        Assert.True(expected.Count(l => l.StartsWith(Tricky, StringComparison.Ordinal)) == 15, "the fixture has 15 comments");
    }

    [Fact]
    public void HashesInsideStringsAreNotComments()
    {
        var comments = PythonComments.Read(File.ReadAllBytes(Tricky));
        Assert.DoesNotContain(comments, c => c.Text.Contains("not a comment") || c.Text.Contains("inside a triple") || c.Text.Contains("still the string"));
        Assert.Equal([3, 6], comments.Where(c => c.Text.Contains("preflight")).Select(c => c.Line));
    }

    [Fact]
    public void UnterminatedStringKeepsTheCommentsBeforeIt()
    {
        var comments = PythonComments.Read(Encoding.UTF8.GetBytes("A = 1  # first\nB = 'open\n# never reached? \n"));
        Assert.Equal((1, "# first"), (comments[0].Line, comments[0].Text));
    }

    /// <summary>Python's unicode_escape of the comment text, so both sides compare as ASCII lines.</summary>
    private static string Escape(string text)
    {
        var b = new StringBuilder();
        foreach (var r in text.EnumerateRunes())
            b.Append(r.Value switch
            {
                '\\' => @"\\",
                '\t' => @"\t",
                < 0x20 or 0x7f => $"\\x{r.Value:x2}",
                < 0x80 => ((char)r.Value).ToString(),
                < 0x100 => $"\\x{r.Value:x2}",
                < 0x10000 => $"\\u{r.Value:x4}",
                _ => $"\\U{r.Value:x8}",
            });
        return b.ToString();
    }
}
