namespace DjangoPreflight.Analysis.Tests.Project;

/// <summary>The bulk parse reads application files into pooled buffers: the file's bytes, and only
/// them, with the same limits and notices as every other read.</summary>
public class PooledReadTests
{
    [Fact]
    public void A_pooled_read_holds_the_files_bytes_first()
    {
        var text = string.Concat(Enumerable.Range(0, 500).Select(i => $"X{i} = {i}\n"));
        using var project = new TempProject(("big.py", text), ("empty.py", ""));
        var files = project.Context().Files;

        using (var read = files.ReadPooled("big.py"))
        {
            Assert.NotNull(read);
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text), read.Buffer.AsSpan(0, read.Length).ToArray());
        }
        using (var empty = files.ReadPooled("empty.py"))
            Assert.Equal(0, empty!.Length);
        Assert.Null(files.ReadPooled("missing.py"));
        Assert.False(files.MayMentionTool("big.py"));
    }

    [Fact]
    public void A_cached_file_is_lent_as_it_is_and_an_oversized_one_is_skipped_with_a_notice()
    {
        using var project = new TempProject(("settings.py", "DEBUG = False\n"), ("huge.py", new string('#', 2048)));
        var context = new DjangoPreflight.Analysis.Project.ProjectContext(project.Root, new DjangoPreflight.Analysis.Project.ScanOptions { MaxFileBytes = 1024 });
        var files = context.Files;
        var cached = files.ReadBytes("settings.py")!;

        using (var read = files.ReadPooled("settings.py"))
            Assert.Same(cached, read!.Buffer);
        Assert.Equal(cached, files.ReadBytes("settings.py")); // lending it did not give it to the pool

        Assert.Null(files.ReadPooled("huge.py"));
        Assert.Contains("huge.py: skipped, 2048 bytes is over the 1024-byte limit", context.Diagnostics.Notices);
    }
}
