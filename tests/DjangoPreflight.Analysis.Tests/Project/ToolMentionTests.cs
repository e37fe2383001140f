using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Tests.Project;

/// <summary>Files the rules read without finding the tool's name are not read again by the
/// suppression pass; every other file may hold a directive.</summary>
public class ToolMentionTests
{
    [Theory]
    [InlineData("x = 1  # preflight: ignore[DP201]", true)]
    [InlineData("# PREFLIGHT: IGNORE", true)]
    [InlineData("pre-flight preflig preflight", true)]
    [InlineData("preflight", true)]
    [InlineData("import pprint  # prefligh", false)]
    [InlineData("", false)]
    public void The_name_is_found_in_any_case_anywhere(string text, bool expected) =>
        Assert.Equal(expected, ToolMention.In(System.Text.Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Only_a_file_read_without_the_name_is_known_not_to_mention_it()
    {
        using var project = new TempProject(
            ("plain.py", "import os\nprint(os.sep)\n"),
            ("directive.py", "x = 1  # Preflight: ignore\n"),
            ("unread.py", "import os\n"));
        var files = project.Context().Files;

        files.ReadBytesUncached("plain.py");
        files.ReadBytes("directive.py");

        Assert.False(files.MayMentionTool("plain.py"));
        Assert.True(files.MayMentionTool("directive.py"));
        Assert.True(files.MayMentionTool("unread.py"));
    }
}
