using System.Diagnostics;

namespace DjangoPreflight.TestSupport;

/// <summary>A real git repository in a temporary directory, built with the git on PATH. Identity and
/// dates are fixed through the environment so the tests behave the same on a clean machine.</summary>
public sealed class GitSandbox : IDisposable
{
    private int _tick;

    public GitSandbox(bool init = true)
    {
        Root = Path.Combine(Path.GetTempPath(), "dp-git-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        if (init) Git("init", "-q", "-b", "main");
    }

    public string Root { get; }

    public void Write(string relative, string text)
    {
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public void Delete(string relative) => File.Delete(Path.Combine(Root, relative));

    /// <summary>Stages everything and commits; returns the new commit's full hash.</summary>
    public string Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] args) => RunGit(Root, args, ++_tick);

    public static string RunGit(string cwd, string[] args, int tick = 1)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", "user.name=Preflight Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main" })
            info.ArgumentList.Add(a);
        foreach (var a in args) info.ArgumentList.Add(a);
        // Strictly increasing dates keep "first commit" well defined.
        var date = DateTimeOffset.Parse("2024-01-01T00:00:00+00:00").AddMinutes(tick).ToString("yyyy-MM-ddTHH:mm:sszzz");
        info.Environment["GIT_AUTHOR_NAME"] = "Preflight Test";
        info.Environment["GIT_AUTHOR_EMAIL"] = "test@example.invalid";
        info.Environment["GIT_COMMITTER_NAME"] = "Preflight Test";
        info.Environment["GIT_COMMITTER_EMAIL"] = "test@example.invalid";
        info.Environment["GIT_AUTHOR_DATE"] = date;
        info.Environment["GIT_COMMITTER_DATE"] = date;
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["HOME"] = Path.GetTempPath();
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {stderr}");
        return stdout.Result;
    }

    public void Dispose()
    {
        try
        {
            foreach (var f in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
                File.SetAttributes(f, FileAttributes.Normal);
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not a test failure.
        }
    }
}
