using DjangoPreflight.Analysis.Project;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Analysis.Tests.Git;

/// <summary>The scanner starts git on a thread of its own before the rules run; the rules must then
/// read the facts that thread computed, not compute them again.</summary>
public class GitPrefetchTests
{
    private const string Key = SecretScannerTests.DjangoKey;

    /// <summary>A repository with a secret committed, prefetched, then stripped of its .git: without
    /// its repository git can answer nothing more, so what the facts hold was computed before.</summary>
    private static ProjectContext PrefetchedThenRemoved(GitSandbox repo, bool history)
    {
        repo.Write("shop/settings.py", $"SECRET_KEY = '{Key}'\n");
        repo.Commit("settings");
        var project = new ProjectContext(repo.Root, new ScanOptions());
        project.PrefetchGit(history).Join();
        Directory.Delete(Path.Combine(repo.Root, ".git"), recursive: true);
        return project;
    }

    [Fact]
    public void The_rules_read_what_the_prefetch_computed()
    {
        using var repo = new GitSandbox();
        var project = PrefetchedThenRemoved(repo, history: true);

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
        var project = PrefetchedThenRemoved(repo, history: false);

        Assert.Equal(["shop/settings.py"], project.Git.TrackedFiles);
        // Scanned only now, with the repository gone: git fails, and the scan says it is incomplete.
        Assert.False(project.Git.History!.Complete);
    }
}
