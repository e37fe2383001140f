using DjangoPreflight.Analysis.Git;

namespace DjangoPreflight.Analysis.Tests.Git;

public class HistoryScanTests
{
    private const string Key = SecretScannerTests.DjangoKey;
    private const string OtherKey = "p9)a+s8=d7_f6-g5(h4*j3&k2^l1%z0$x9#c8@v7!b6m5n4q3w";

    private static (GitFacts Facts, List<string> Notices) Load(string root, bool noHistory = false, GitRunner? runner = null)
    {
        var notices = new List<string>();
        var facts = GitFacts.Load(root, noHistory, notices.Add, runner);
        return (facts, notices);
    }

    [Fact]
    public void A_secret_removed_later_is_found_in_the_commit_that_added_it()
    {
        using var repo = new GitSandbox();
        repo.Write("README.md", "# shop\n");
        repo.Commit("start");
        repo.Write("shop/settings.py", $"DEBUG = False\nSECRET_KEY = '{Key}'\n");
        var added = repo.Commit("settings");
        repo.Write("shop/settings.py", "DEBUG = False\nSECRET_KEY = os.environ['SECRET_KEY']\n");
        repo.Commit("read the key from the environment");

        var (facts, notices) = Load(repo.Root);
        var scan = facts.History!;
        var secret = Assert.Single(scan.Secrets);
        Assert.Equal(new HistorySecret("SECRET_KEY", "k3#x… (50 chars)", added[..10], "shop/settings.py", 2, AtHead: false), secret);
        Assert.Equal(3, scan.Commits);
        Assert.True(scan.Complete);
        Assert.Empty(notices);
    }

    [Fact]
    public void Each_secret_is_reported_once_at_its_first_commit_and_marked_when_still_at_head()
    {
        using var repo = new GitSandbox();
        repo.Write(".env", $"SECRET_KEY={Key}\n");
        var first = repo.Commit("env");
        repo.Write(".env", $"SECRET_KEY={Key}\nDEBUG=0\n");
        repo.Commit("debug");
        repo.Write("deploy/.env.production", $"SECRET_KEY={Key}\n");
        repo.Commit("copy");

        var secret = Assert.Single(Load(repo.Root).Facts.History!.Secrets);
        Assert.Equal((first[..10], ".env", 1, true), (secret.Commit, secret.Path, secret.Line, secret.AtHead));
    }

    [Fact]
    public void The_same_file_content_committed_on_two_branches_is_dated_from_the_older_commit()
    {
        using var repo = new GitSandbox();
        repo.Write("manage.py", "\n");
        repo.Commit("start");
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("deploy/.env", $"SECRET_KEY={Key}\n");
        var older = repo.Commit("feature adds the env file");
        repo.Git("checkout", "-q", "main");
        repo.Write("ops/.env", $"SECRET_KEY={Key}\n");
        repo.Commit("main adds an identical file later");

        var secret = Assert.Single(Load(repo.Root).Facts.History!.Secrets);
        Assert.Equal((older[..10], "deploy/.env", true), (secret.Commit, secret.Path, secret.AtHead));
    }

    [Fact]
    public void Secrets_on_other_branches_and_only_in_relevant_files_are_found()
    {
        using var repo = new GitSandbox();
        repo.Write("manage.py", "print('hi')\n");
        repo.Commit("start");
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("docker-compose.prod.yml", "services:\n  web:\n    environment:\n      - DATABASE_URL=postgres://shop:9fQ2-xL7zz@db/shop\n");
        // Not a settings/env/deployment file: the history scan does not read it.
        repo.Write("shop/views.py", $"TOKEN = '{OtherKey}'\n");
        var feature = repo.Commit("prod compose");
        repo.Git("checkout", "-q", "main");

        var secret = Assert.Single(Load(repo.Root).Facts.History!.Secrets);
        Assert.Equal(("postgres:// URL password", "9fQ2… (10 chars)", feature[..10], "docker-compose.prod.yml", 4, false),
            (secret.Kind, secret.Redacted, secret.Commit, secret.Path, secret.Line, secret.AtHead));
    }

    [Fact]
    public void Files_head_no_longer_has_are_told_by_the_commit_and_path_at_that_commit()
    {
        using var repo = new GitSandbox();
        repo.Write("backend/README.md", "# shop\n");
        repo.Write("backend/manage.py", "print('hi')\n");
        repo.Commit("start");
        repo.Write("backend/deploy/prod.env", "DB_PASSWORD=Qm7vR2xL9pT4kW8nZ3cJ6\n");
        repo.Write("backend/shop/settings.py", $"DEBUG = False\nSECRET_KEY = '{Key}'\n");
        repo.Write("backend/docs/install.env", "MAIL_PASSWORD=Zx8cV7bN6mQ5wE4rT3y\n");
        var added = repo.Commit("settings, env files");
        // Moved out of the scanned folder: renamed, but to a path outside the root, so told as deleted there.
        repo.Git("mv", "backend/docs/install.env", "install.env");
        var movedOut = repo.Commit("install env at the top");
        repo.Git("mv", "backend/shop", "backend/store");
        var renamed = repo.Commit("store package");
        repo.Delete("backend/deploy/prod.env");
        repo.Commit("no env file");
        // Added back and deleted again: the newest deletion is the one told.
        repo.Write("backend/deploy/prod.env", "DEBUG=0\n");
        repo.Commit("env file again");
        repo.Delete("backend/deploy/prod.env");
        var deleted = repo.Commit("no env file again");
        // On another branch only: HEAD's history never deleted it.
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("backend/deploy/staging.env", "API_TOKEN=Hp3kW9sL2vB7nQ4xR8tY\n");
        var feature = repo.Commit("staging env");
        repo.Git("checkout", "-q", "main");

        var scan = Load(Path.Combine(repo.Root, "backend")).Facts.History!;
        Assert.Equal(
        [
            ("deploy/prod.env", added[..10], false, $"since deleted in {deleted[..10]}"),
            ("deploy/staging.env", feature[..10], false, "not in the current tree"),
            ("docs/install.env", added[..10], false, $"since deleted in {movedOut[..10]}"),
            ("shop/settings.py", added[..10], true, $"since renamed to store/settings.py in {renamed[..10]}"),
        ], scan.Secrets.Select(s => (s.Path, s.Commit, s.AtHead, s.PathFate)));
        Assert.Equal(("store/settings.py", 2), scan.Secrets.Single(s => s.AtHead).Now);
    }

    [Fact]
    public void A_subdirectory_root_sees_only_its_own_paths_relative_to_itself()
    {
        using var repo = new GitSandbox();
        repo.Write("backend/shop/settings.py", $"SECRET_KEY = '{Key}'\n");
        repo.Write("other/settings.py", $"SECRET_KEY = '{OtherKey}'\n");
        repo.Write("backend/.env", "X=1\n");
        repo.Commit("two projects");

        var (facts, _) = Load(Path.Combine(repo.Root, "backend"));
        Assert.Equal("backend/", facts.Repository!.Prefix);
        var secret = Assert.Single(facts.History!.Secrets);
        Assert.Equal(("shop/settings.py", true), (secret.Path, secret.AtHead));
        Assert.Equal(["shop/settings.py", ".env"], facts.TrackedFiles.Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public void A_shallow_clone_is_scanned_as_far_as_it_goes_and_says_so()
    {
        using var origin = new GitSandbox();
        origin.Write("settings.py", $"SECRET_KEY = '{Key}'\n");
        origin.Commit("leak");
        origin.Write("settings.py", "SECRET_KEY = os.environ['SECRET_KEY']\n");
        origin.Write(".env", $"SECRET_KEY={OtherKey}\n");
        var head = origin.Commit("fix, but leak another");
        using var clone = new GitSandbox(init: false);
        GitSandbox.RunGit(clone.Root, ["clone", "-q", "--depth", "1", "file://" + origin.Root, "c"]);

        var (facts, notices) = Load(Path.Combine(clone.Root, "c"));
        Assert.True(facts.Repository!.IsShallow);
        var secret = Assert.Single(facts.History!.Secrets);
        Assert.Equal((head[..10], ".env", true), (secret.Commit, secret.Path, secret.AtHead));
        Assert.Contains("the repository is a shallow clone: secrets in commits older than the clone's depth were not checked", notices);
    }

    [Fact]
    public void A_repository_without_commits_has_no_history_but_knows_its_index()
    {
        using var repo = new GitSandbox();
        repo.Write(".env", $"SECRET_KEY={Key}\n");
        repo.Git("add", ".env");

        var (facts, notices) = Load(repo.Root);
        Assert.False(facts.Repository!.HasCommits);
        Assert.Empty(facts.History!.Secrets);
        Assert.Equal([".env"], facts.TrackedFiles);
        Assert.Contains("the git repository has no commits yet: there is no history to scan", notices);
    }

    [Fact]
    public void Outside_a_repository_everything_is_skipped_with_a_notice()
    {
        using var dir = new GitSandbox(init: false);
        dir.Write("settings.py", $"SECRET_KEY = '{Key}'\n");
        var (facts, notices) = Load(dir.Root);
        Assert.False(facts.IsRepository);
        Assert.Null(facts.History);
        Assert.Empty(facts.TrackedFiles);
        Assert.Equal(["not inside a git repository: git checks and the history scan were skipped"], notices);
    }

    [Fact]
    public void Without_git_everything_is_skipped_with_a_notice()
    {
        using var repo = new GitSandbox();
        var (facts, notices) = Load(repo.Root, runner: new GitRunner("/nonexistent/git-is-not-installed"));
        Assert.False(facts.IsRepository);
        Assert.Null(facts.History);
        Assert.Equal(["git is not installed: git checks and the history scan were skipped"], notices);
    }

    [Fact]
    public void No_history_turns_the_scan_off_with_a_notice_but_keeps_tracked_files()
    {
        using var repo = new GitSandbox();
        repo.Write("settings.py", $"SECRET_KEY = '{Key}'\n");
        repo.Commit("leak");
        var (facts, notices) = Load(repo.Root, noHistory: true);
        Assert.Null(facts.History);
        Assert.Equal(["settings.py"], facts.TrackedFiles);
        Assert.Equal(["git history was not scanned for secrets (--no-history)"], notices);
    }

    [Fact]
    public void Gitignore_coverage_is_judged_by_the_rules_even_for_tracked_files()
    {
        using var repo = new GitSandbox();
        repo.Write(".gitignore", "*.pyc\n.env\n");
        repo.Write("deploy/.env.production", "X=1\n");
        repo.Commit("start");
        var (facts, _) = Load(repo.Root);
        Assert.Equal([".env", "deploy/.env"], facts.Ignored([".env", "deploy/.env", "deploy/.env.production"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Hooks_and_fsmonitor_configured_in_the_repository_never_run()
    {
        using var repo = new GitSandbox();
        var marker = Path.Combine(repo.Root, "..", Path.GetFileName(repo.Root) + "-ran");
        repo.Write("evil.sh", $"#!/bin/sh\ntouch '{marker}'\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(repo.Root, "evil.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        repo.Write("settings.py", $"SECRET_KEY = '{Key}'\n");
        repo.Commit("start");
        repo.Git("config", "core.fsmonitor", Path.Combine(repo.Root, "evil.sh"));
        repo.Git("config", "core.hooksPath", repo.Root);
        File.Copy(Path.Combine(repo.Root, "evil.sh"), Path.Combine(repo.Root, "post-checkout"));

        var (facts, _) = Load(repo.Root);
        Assert.Single(facts.History!.Secrets);
        Assert.Equal(["evil.sh", "settings.py"], facts.TrackedFiles.Order(StringComparer.Ordinal));
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void A_scanner_fault_on_one_file_version_is_reported_and_the_rest_is_still_scanned()
    {
        using var repo = new GitSandbox();
        // Enough file versions that git's answers overflow a pipe: a reader that stopped at the fault
        // would leave git blocked (on a long history, the scan waited for its deadline) or end the scan
        // with the exception.
        var filler = string.Concat(Enumerable.Repeat("# a comment line in an env file\n", 100));
        for (var i = 0; i < 60; i++) repo.Write($"a/{i:000}.env", filler + $"N={i}\n");
        repo.Write("z/production.env", $"SECRET_KEY={Key}\n");
        repo.Commit("env files");
        var runner = new GitRunner();
        var repository = GitRepository.Discover(repo.Root, runner, out _, out var scoped)!;

        var scan = HistoryScanner.Scan(scoped, repository, TimeSpan.FromMinutes(2), scanFile: (path, text) =>
            path == "a/000.env" ? throw new InvalidOperationException("a defect") : SecretScanner.Scan(path, text));

        Assert.Equal(["a/000.env"], scan.Failed);
        Assert.Equal(nameof(InvalidOperationException), scan.ScanError);
        Assert.False(scan.Complete);
        Assert.Equal(("z/production.env", 1), (Assert.Single(scan.Secrets).Path, scan.Secrets[0].Line));
        Assert.Equal(60, scan.BlobsRead);
        var notice = Assert.Single(GitFacts.Notices(scan));
        Assert.Equal("git history incomplete: versions of 1 file were read but could not be scanned for secrets, a fault of django-preflight (InvalidOperationException); please report it: a/000.env", notice);
    }
}
