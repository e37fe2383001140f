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
    public void The_name_is_found_at_every_offset_and_a_near_miss_is_not()
    {
        // The search takes 16 positions at a time: the name must be found wherever it falls across
        // those blocks, up to the last byte, and a word with only its first and last letters is not it.
        for (int length = 9; length <= 60; length++)
            for (int at = 0; at + 9 <= length; at++)
            {
                var bytes = Enumerable.Repeat((byte)'p', length).ToArray();
                for (int i = 8; i < length; i += 9) bytes[i] = (byte)'t'; // "pppppppppt" near misses everywhere
                Assert.False(ToolMention.In(bytes), $"length {length}: near misses only");
                "PreFlighT"u8.CopyTo(bytes.AsSpan(at));
                Assert.True(ToolMention.In(bytes), $"length {length}, at {at}");
            }
    }

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
