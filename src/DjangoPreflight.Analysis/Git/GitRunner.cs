using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace DjangoPreflight.Analysis.Git;

/// <summary>What one finished git command produced.</summary>
public sealed record GitResult(int ExitCode, byte[] Stdout, string Stderr, bool TimedOut)
{
    public bool Ok => ExitCode == 0 && !TimedOut;

    public string Text => Encoding.UTF8.GetString(Stdout);
}

/// <summary>
/// Runs git on a repository we do not trust: no pager, no fsmonitor, no hooks, no prompts, no
/// optional locks, a bounded run time, and only the repository we were pointed at marked as a
/// safe.directory (so a repository owned by another user can be read without weakening git's
/// protection for anything else). Nothing here ever runs the project's own code.
/// </summary>
public sealed class GitRunner
{
    // Variables that would point git at another repository or index than the one we discovered.
    private static readonly string[] InheritedRepositoryVariables =
        ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
         "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_EXTERNAL_DIFF", "GIT_PAGER"];

    public GitRunner(string executable = "git", TimeSpan? timeout = null)
    {
        Executable = executable;
        Timeout = timeout ?? TimeSpan.FromMinutes(2);
    }

    public string Executable { get; }

    /// <summary>The longest any one git command may run before it is killed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The safe.directory value passed to every command (the repository's top level).</summary>
    public string? SafeDirectory { get; init; }

    /// <summary>Runs a command to completion. Throws <see cref="Win32Exception"/> when git cannot be started.</summary>
    public GitResult Run(string workingDirectory, IReadOnlyList<string> args)
    {
        using var process = Start(workingDirectory, args, redirectInput: false);
        var stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        if (!process.WaitForExit(Timeout))
        {
            Kill(process);
            return new GitResult(-1, [], "timed out", TimedOut: true);
        }
        copy.Wait();
        return new GitResult(process.ExitCode, stdout.ToArray(), stderr.Result, TimedOut: false);
    }

    /// <summary>Starts a streaming command; the caller reads its output and disposes it.</summary>
    public Process Start(string workingDirectory, IReadOnlyList<string> args, bool redirectInput)
    {
        var info = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        info.ArgumentList.Add("--no-pager");
        foreach (var (key, value) in ProtectiveConfig())
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add($"{key}={value}");
        }
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var name in InheritedRepositoryVariables) info.Environment.Remove(name);
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        info.Environment["LC_ALL"] = "C";
        var process = Process.Start(info) ?? throw new Win32Exception("git did not start");
        return process;
    }

    public static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }
    }

    private IEnumerable<(string Key, string Value)> ProtectiveConfig()
    {
        yield return ("core.fsmonitor", "false");
        yield return ("core.hooksPath", "/dev/null");
        yield return ("core.quotePath", "false");
        yield return ("log.showSignature", "false");
        if (SafeDirectory is not null) yield return ("safe.directory", SafeDirectory);
    }
}
