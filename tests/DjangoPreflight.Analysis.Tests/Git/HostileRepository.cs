using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Analysis.Tests.Git;

/// <summary>
/// A git repository whose own configuration tries every way it has to make a reader of it run a
/// command: a partial clone's promisor remotes (a custom upload-pack, an <c>ext::</c> URL, an ssh
/// command) with a blob missing so that git wants to fetch it, a signed commit with a gpg program
/// set to be shown, an fsmonitor, hooks, an external diff, pagers, clean/smudge filters and a
/// textconv driver, and transports re-allowed by the repository itself. Every one of those
/// commands is a canary: it writes a file named after itself beside the repository. Its mailmap,
/// excludes and attributes files are named pipes, which would hang git if it read them.
/// </summary>
public sealed class HostileRepository : IDisposable
{
    public const string Key = SecretScannerTests.DjangoKey;

    private readonly string _canaries;

    public HostileRepository()
    {
        Repo = new GitSandbox();
        _canaries = Repo.Root + "-canaries";
        Directory.CreateDirectory(_canaries);
        Repo.Write("settings.py", $"SECRET_KEY = '{Key}'\n");
        Repo.Write(".gitattributes", "* filter=trap diff=trap\n");
        Repo.Commit("start");
        Repo.Write("deploy/.env", "DB_PASSWORD=Lost-4f9e2a7c1b8d3e6f\n");
        Repo.Commit("an env file whose blob the clone will not hold");
        MissingBlob = Repo.Git("rev-parse", "HEAD:deploy/.env").Trim();
        Repo.Delete("deploy/.env");
        Repo.Commit("remove it");
        SignedCommit();
        var loose = Path.Combine(Repo.Root, ".git", "objects", MissingBlob[..2], MissingBlob[2..]);
        File.Delete(loose);

        // A partial clone: missing objects are fetched on demand from its promisor remotes.
        Repo.Git("config", "core.repositoryformatversion", "1");
        Repo.Git("config", "extensions.partialClone", "origin");
        Repo.Git("config", "remote.origin.url", Repo.Root);
        Repo.Git("config", "remote.origin.promisor", "true");
        Repo.Git("config", "remote.origin.uploadpack", $"{Canary("uploadpack")}; git-upload-pack");
        Repo.Git("config", "remote.ext.url", $"ext::{Canary("ext")}");
        Repo.Git("config", "remote.ext.promisor", "true");
        Repo.Git("config", "remote.ssh.url", "ssh://attacker.invalid/repo.git");
        Repo.Git("config", "remote.ssh.promisor", "true");
        Repo.Git("config", "core.sshCommand", Canary("ssh"));
        // The repository re-allows every transport: our switches must win over its configuration.
        Repo.Git("config", "protocol.allow", "always");
        Repo.Git("config", "protocol.file.allow", "always");
        Repo.Git("config", "protocol.ext.allow", "always");
        Repo.Git("config", "credential.helper", Canary("credential"));

        Repo.Git("config", "log.showSignature", "true");
        Repo.Git("config", "gpg.program", Canary("gpg"));
        Repo.Git("config", "core.fsmonitor", Canary("fsmonitor"));
        Repo.Git("config", "core.hooksPath", _canaries);
        foreach (var hook in new[] { "post-checkout", "post-index-change", "reference-transaction", "pre-auto-gc" })
            File.Copy(Canary(hook), Path.Combine(_canaries, hook));
        Repo.Git("config", "diff.external", Canary("external-diff"));
        Repo.Git("config", "core.pager", Canary("pager"));
        Repo.Git("config", "pager.log", Canary("pager-log"));
        Repo.Git("config", "filter.trap.clean", Canary("clean"));
        Repo.Git("config", "filter.trap.smudge", Canary("smudge"));
        Repo.Git("config", "filter.trap.process", Canary("filter-process"));
        Repo.Git("config", "diff.trap.textconv", Canary("textconv"));
        Repo.Git("config", "core.alternateRefsCommand", Canary("alternate-refs"));

        Pipes = [MakePipe("mailmap"), MakePipe("excludes"), MakePipe("attributes")];
        Repo.Git("config", "mailmap.file", Pipes[0]);
        Repo.Git("config", "core.excludesFile", Pipes[1]);
        Repo.Git("config", "core.attributesFile", Pipes[2]);
    }

    public GitSandbox Repo { get; }

    public string Root => Repo.Root;

    /// <summary>The blob of deploy/.env, deleted from the object store.</summary>
    public string MissingBlob { get; }

    public IReadOnlyList<string> Pipes { get; }

    /// <summary>The canaries that ran, by name.</summary>
    public IReadOnlyList<string> Fired => Directory.EnumerateFiles(_canaries, "*.fired").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order().ToList();

    /// <summary>Runs git as a careless reader would (only the test identity, nothing turned off).</summary>
    public ProcessResult PlainGit(string[] args, string? stdin = null) =>
        ProcessRunner.Run("git", args, Root, new Dictionary<string, string?> { ["GIT_CONFIG_NOSYSTEM"] = "1", ["HOME"] = Path.GetTempPath() },
            TimeSpan.FromSeconds(20), stdin);

    public void Dispose()
    {
        Repo.Dispose();
        try
        {
            Directory.Delete(_canaries, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not a test failure.
        }
    }

    /// <summary>A script that leaves its mark whatever arguments it is given (gpg gets options touch would refuse).</summary>
    private string Canary(string name)
    {
        var script = Path.Combine(_canaries, name + ".sh");
        WriteScript(script, $"touch '{Path.Combine(_canaries, name + ".fired")}'");
        return script;
    }

    private string MakePipe(string name)
    {
        var path = Path.Combine(_canaries, name + ".pipe");
        Assert.Equal(0, ProcessRunner.Run("mkfifo", [path]).ExitCode);
        return path;
    }

    /// <summary>Writes an executable shell script.</summary>
    public static void WriteScript(string path, string command)
    {
        File.WriteAllText(path, $"#!/bin/sh\n{command}\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>A commit carrying a (fake) signature, so that showing signatures would call gpg.</summary>
    private void SignedCommit()
    {
        var head = Repo.Git("rev-parse", "HEAD").Trim();
        var tree = Repo.Git("rev-parse", "HEAD^{tree}").Trim();
        var body = $"tree {tree}\nparent {head}\nauthor T <t@example.invalid> 1704067200 +0000\ncommitter T <t@example.invalid> 1704067200 +0000\n"
            + "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\nsigned\n";
        var written = ProcessRunner.Run("git", ["hash-object", "-t", "commit", "-w", "--stdin"], Root, stdin: body);
        Assert.Equal(0, written.ExitCode);
        Repo.Git("update-ref", "refs/heads/main", written.Stdout.Trim());
    }
}
