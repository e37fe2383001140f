using System.Diagnostics;
using DjangoPreflight.Analysis.Git;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Analysis.Tests.Git;

/// <summary>A repository's own .git must not make us run anything, fetch anything, read outside it
/// or hang: every attack is built by <see cref="HostileRepository"/> and proven live first.</summary>
public class GitHardeningTests
{
    private static (GitFacts Facts, List<string> Notices) Load(string root)
    {
        var notices = new List<string>();
        return (GitFacts.Load(root, noHistory: false, notices.Add), notices);
    }

    [Fact]
    public void The_traps_fire_for_a_careless_reader()
    {
        // Proves the fixture can fail: plain git, asked for the missing blob, fetches it lazily and
        // runs the repository's upload-pack command; showing the log runs its gpg program.
        using var hostile = new HostileRepository();
        hostile.PlainGit(["cat-file", "--batch-check"], hostile.MissingBlob + "\n");
        hostile.PlainGit(["log", "-1", "--format=%H", "--no-mailmap"]);
        Assert.Contains("uploadpack", hostile.Fired);
        Assert.Contains("gpg", hostile.Fired);
    }

    [Fact]
    public void Reading_a_hostile_repository_runs_nothing_fetches_nothing_and_does_not_hang()
    {
        using var hostile = new HostileRepository();
        var watch = Stopwatch.StartNew();
        var (facts, notices) = Load(hostile.Root);
        var history = facts.History!;
        var tracked = facts.TrackedFiles;
        var ignored = facts.Ignored([".env", "deploy/.env"]);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");

        Assert.Empty(hostile.Fired);
        Assert.Equal([".gitattributes", "settings.py"], tracked.Order(StringComparer.Ordinal));
        Assert.Equal(HostileRepository.Key[..4], Assert.Single(history.Secrets).Redacted[..4]);
        Assert.Equal(["deploy/.env"], history.Missing);
        Assert.Empty(ignored);
        Assert.Contains(notices, n => n.StartsWith("git history incomplete: versions of 1 file that the repository does not hold", StringComparison.Ordinal)
            && n.EndsWith("nothing was fetched: deploy/.env", StringComparison.Ordinal));
    }

    [Fact]
    public void A_git_without_the_lazy_fetch_switch_still_fetches_nothing()
    {
        // Git before 2.39.4 ignores GIT_NO_LAZY_FETCH: the transports being off must hold alone.
        using var hostile = new HostileRepository();
        var olderGit = Path.Combine(hostile.Root + "-canaries", "git-without-lazy-fetch-switch");
        HostileRepository.WriteScript(olderGit, "unset GIT_NO_LAZY_FETCH\nexec git \"$@\"");
        var notices = new List<string>();
        var facts = GitFacts.Load(hostile.Root, noHistory: false, notices.Add, new GitRunner(olderGit));

        Assert.Equal(["deploy/.env"], facts.History!.Missing);
        Assert.Empty(hostile.Fired);
    }

    [Fact]
    public void A_missing_blob_is_a_notice_naming_its_path_and_the_rest_is_still_scanned()
    {
        using var repo = new GitSandbox();
        repo.Write("a/settings.py", $"SECRET_KEY = '{HostileRepository.Key}'\n");
        repo.Write("b/.env", "API_TOKEN=Tok-8c1e5a9f3d7b2e6a4c0f\n");
        repo.Commit("start");
        var blob = repo.Git("rev-parse", "HEAD:b/.env").Trim();
        File.Delete(Path.Combine(repo.Root, ".git", "objects", blob[..2], blob[2..]));

        var (facts, notices) = Load(repo.Root);
        Assert.Single(facts.History!.Secrets);
        Assert.Equal(["b/.env"], facts.History.Missing);
        Assert.Contains(notices, n => n.Contains("not scanned, and nothing was fetched: b/.env", StringComparison.Ordinal));
    }

    [Fact]
    public void A_corrupt_blob_is_a_notice_naming_what_git_could_not_read()
    {
        using var repo = new GitSandbox();
        repo.Write("settings.py", "DEBUG = False\n");
        repo.Write(".env", "API_TOKEN=Tok-8c1e5a9f3d7b2e6a4c0f\n");
        repo.Commit("start");
        var blob = repo.Git("rev-parse", "HEAD:.env").Trim();
        var loose = Path.Combine(repo.Root, ".git", "objects", blob[..2], blob[2..]);
        File.SetAttributes(loose, FileAttributes.Normal);
        var bytes = File.ReadAllBytes(loose);
        // Keep zlib's header, so git can size it, and break the data after it.
        for (var i = 12; i < bytes.Length; i++) bytes[i] ^= 0x5a;
        File.WriteAllBytes(loose, bytes);

        var (facts, notices) = Load(repo.Root);
        Assert.Empty(facts.History!.Secrets);
        Assert.False(facts.History.Complete);
        // Git stops at the corrupt object: what it had not read yet is named too.
        Assert.Contains(notices, n => n.StartsWith("git history incomplete: git could not read versions of 2 files (inflate: ", StringComparison.Ordinal)
            && n.EndsWith("): .env, settings.py", StringComparison.Ordinal));
    }

    [Fact]
    public void A_blob_over_the_bound_is_skipped_by_its_size_with_a_notice()
    {
        using var repo = new GitSandbox();
        repo.Write("settings.py", $"SECRET_KEY = '{HostileRepository.Key}'\n");
        repo.Write("deploy/.env", "API_TOKEN=Tok-8c1e5a9f3d7b2e6a4c0f\n" + new string('#', HistoryScanner.MaxBlobBytes));
        repo.Commit("start");

        var (facts, notices) = Load(repo.Root);
        Assert.Single(facts.History!.Secrets);
        Assert.Equal(["deploy/.env"], facts.History.Oversized);
        Assert.Contains("git history: versions of 1 file over 2 MiB were skipped unread: deploy/.env", notices);
    }

    [Fact]
    public void Includes_that_leave_the_repository_stop_git_before_it_reads_them()
    {
        using var repo = new GitSandbox();
        repo.Write("settings.py", $"SECRET_KEY = '{HostileRepository.Key}'\n");
        repo.Commit("start");
        using var outside = new TempDirectory("dp-outside");
        var pipe = Path.Combine(outside.Path, "config.pipe");
        Assert.Equal(0, ProcessRunner.Run("mkfifo", [pipe]).ExitCode);
        repo.Git("config", "include.path", pipe);

        var watch = Stopwatch.StartNew();
        var (facts, notices) = Load(repo.Root);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        Assert.False(facts.IsRepository);
        Assert.Contains(notices, n => n.StartsWith($"the repository is not read: its git configuration includes '{pipe}', which is a named pipe", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("~/.gitconfig")]
    [InlineData("../../outside.cfg")]
    [InlineData("/etc/gitconfig")]
    public void An_include_of_a_file_outside_the_repository_is_refused(string include)
    {
        using var repo = new GitSandbox();
        repo.Write("settings.py", "DEBUG = False\n");
        repo.Commit("start");
        File.WriteAllText(Path.GetFullPath(Path.Combine(repo.Root, "..", "outside.cfg")), "[core]\n\tbare = false\n");
        if (!File.Exists("/etc/gitconfig") && include == "/etc/gitconfig") include = Path.GetFullPath(Path.Combine(repo.Root, "..", "outside.cfg"));
        repo.Git("config", "--add", "includeIf.onbranch:main.path", include);

        var (facts, notices) = Load(repo.Root);
        Assert.False(facts.IsRepository);
        Assert.Contains(notices, n => n.StartsWith($"the repository is not read: its git configuration includes '{include}'", StringComparison.Ordinal));
    }

    [Fact]
    public void Includes_inside_the_repository_are_read_as_usual()
    {
        using var repo = new GitSandbox();
        repo.Write("settings.py", $"SECRET_KEY = '{HostileRepository.Key}'\n");
        repo.Commit("start");
        File.WriteAllText(Path.Combine(repo.Root, ".git", "shared.cfg"), "[include]\n\tpath = ../team.cfg\n");
        File.WriteAllText(Path.Combine(repo.Root, "team.cfg"), "[core]\n\tquotePath = false\n");
        repo.Git("config", "include.path", "shared.cfg");

        var (facts, notices) = Load(repo.Root);
        Assert.True(facts.IsRepository, string.Join("; ", notices));
        Assert.Single(facts.History!.Secrets);
    }

    [Fact]
    public void A_gitignore_that_is_a_named_pipe_leaves_coverage_unknown_without_hanging()
    {
        using var repo = new GitSandbox();
        repo.Write("settings.py", "DEBUG = False\n");
        repo.Write(".gitignore", ".env\n");
        repo.Commit("start");
        Directory.CreateDirectory(Path.Combine(repo.Root, "deploy"));
        Assert.Equal(0, ProcessRunner.Run("mkfifo", [Path.Combine(repo.Root, "deploy", ".gitignore")]).ExitCode);

        var (facts, notices) = Load(repo.Root);
        var watch = Stopwatch.StartNew();
        Assert.Empty(facts.Ignored([".env", "deploy/.env"]));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        Assert.Contains("deploy/.gitignore is a named pipe: .gitignore coverage unknown", notices);
        Assert.Equal([".env"], facts.Ignored([".env"]));
    }
}
