using DjangoPreflight.Analysis.Project;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Analysis.Tests.Git;

/// <summary>The scanner starts git on a thread of its own before the rules run; the rules must then
/// read the facts that thread computed, not compute them again.</summary>
public class GitPrefetchTests
{
    private const string Key = SecretScannerTests.DjangoKey;

    [Fact]
    public void The_rules_read_what_the_prefetch_computed()
    {
        using var repo = new GitSandbox();
        repo.Write("shop/settings.py", $"SECRET_KEY = '{Key}'\n");
        repo.Commit("settings");
        var project = new ProjectContext(repo.Root, new ScanOptions());

        project.PrefetchGit(history: true).Join();
        // Without its repository git can answer nothing more: what the facts hold now was computed before.
        Directory.Delete(Path.Combine(repo.Root, ".git"), recursive: true);

        Assert.True(project.Git.IsRepository);
        Assert.Equal(["shop/settings.py"], project.Git.TrackedFiles);
        Assert.Equal("shop/settings.py", Assert.Single(project.Git.History!.Secrets).Path);
        var afterwards = new ProjectContext(repo.Root, new ScanOptions());
        Assert.False(afterwards.Git.IsRepository);
    }

    [Fact]
    public void Without_history_the_prefetch_leaves_the_history_scan_alone()
    {
        using var repo = new GitSandbox();
        repo.Write("shop/settings.py", $"SECRET_KEY = '{Key}'\n");
        repo.Commit("settings");
        var project = new ProjectContext(repo.Root, new ScanOptions());

        project.PrefetchGit(history: false).Join();
        Directory.Delete(Path.Combine(repo.Root, ".git"), recursive: true);

        Assert.Equal(["shop/settings.py"], project.Git.TrackedFiles);
        // Scanned only now, with the repository gone: git fails, and the scan says it is incomplete.
        Assert.False(project.Git.History!.Complete);
    }
}
