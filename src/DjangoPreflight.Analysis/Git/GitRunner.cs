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
/// Runs git on a repository we do not trust. Everything a repository's own configuration could use
/// to make git run a program or reach the network is turned off for every command (see
/// <see cref="ProtectiveConfig"/> and <see cref="ProtectiveEnvironment"/>), run time is bounded, and
/// only the repository we were pointed at is marked as a safe.directory (so a repository owned by
/// another user can be read without weakening git's protection for anything else). Nothing here
/// ever runs the project's own code. The repository's configuration may still include other files;
/// <see cref="GitIncludes"/> refuses a repository whose includes leave it before any command runs.
/// </summary>
public sealed class GitRunner
{
    // Variables of ours that would point git at another repository, index or configuration than
    // the one we discovered, or make it run a program of their choosing.
    private static readonly string[] InheritedVariables =
        ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
         "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_CONFIG_SYSTEM",
         "GIT_EXTERNAL_DIFF", "GIT_PAGER", "PAGER", "GIT_EDITOR", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_ASKPASS", "SSH_ASKPASS",
         "GIT_PROXY_COMMAND", "GIT_REPLACE_REF_BASE"];

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
        using var command = Stream(workingDirectory, args);
        using var stdout = new MemoryStream();
        try
        {
            command.Output.CopyTo(stdout);
        }
        catch (IOException)
        {
            // Killed at its deadline: said below.
        }
        var (exitCode, errors) = command.Finish();
        return command.TimedOut ? new GitResult(-1, [], "timed out", TimedOut: true) : new GitResult(exitCode, stdout.ToArray(), errors, TimedOut: false);
    }

    /// <summary>
    /// Starts a command whose output the caller reads as it comes, and disposes. <paramref name="lines"/>
    /// are fed to its input; with <paramref name="input"/> and no lines its input is the caller's to
    /// write. It is killed after <see cref="Timeout"/>, unless <paramref name="ownDeadline"/> is false:
    /// then the caller kills it at a deadline of its own. Throws <see cref="Win32Exception"/> when git
    /// cannot be started.
    /// </summary>
    public GitStream Stream(string workingDirectory, IReadOnlyList<string> args, IReadOnlyCollection<string>? lines = null,
        bool input = false, bool ownDeadline = true) =>
        new(Start(workingDirectory, args, redirectInput: input || lines is not null), lines, ownDeadline ? Timeout : null);

    private Process Start(string workingDirectory, IReadOnlyList<string> args, bool redirectInput)
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
        foreach (var name in InheritedVariables) info.Environment.Remove(name);
        foreach (var (name, value) in ProtectiveEnvironment) info.Environment[name] = value;
        var process = Process.Start(info) ?? throw new Win32Exception("git did not start");
        return process;
    }

    internal static void Kill(Process process)
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

    /// <summary>
    /// Set for every command, and inherited by any git process a command starts: the promisor
    /// fetch a partial clone makes for a missing object is such a process.
    /// </summary>
    private static readonly (string Name, string Value)[] ProtectiveEnvironment =
    [
        // A partial clone fetches a missing object from its promisor remotes on demand, running
        // the repository's remote.*.uploadpack, core.sshCommand or remote helper. This switch stops
        // that where git has it (2.45, and the 2024 security releases back to 2.39.4)...
        ("GIT_NO_LAZY_FETCH", "1"),
        // ...and where it does not, no transport may start: only transports named here may run,
        // overriding any protocol.*.allow the repository sets. No transport has this name, so every
        // fetch and every remote helper (remote.*.vcs, "ext::" URLs) stops before it runs a program.
        ("GIT_ALLOW_PROTOCOL", "django-preflight-no-transport"),
        ("GIT_PROTOCOL_FROM_USER", "0"),
        // Only the repository's own configuration and ours: not the machine's or the user's, whose
        // settings (pagers, excludes, credential helpers) would make results differ between machines.
        ("GIT_CONFIG_NOSYSTEM", "1"),
        ("GIT_CONFIG_GLOBAL", "/dev/null"),
        // Replacement refs would let a repository show other content than its commits hold.
        ("GIT_NO_REPLACE_OBJECTS", "1"),
        ("GIT_TERMINAL_PROMPT", "0"),
        ("GIT_OPTIONAL_LOCKS", "0"),
        ("LC_ALL", "C"),
    ];

    /// <summary>Command-line configuration, which wins over the repository's own.</summary>
    private IEnumerable<(string Key, string Value)> ProtectiveConfig()
    {
        // Programs a repository's configuration could name for the commands we run.
        yield return ("core.fsmonitor", "false");
        yield return ("core.hooksPath", "/dev/null");
        yield return ("log.showSignature", "false"); // would run gpg.program on a signed commit
        yield return ("protocol.allow", "never");
        yield return ("credential.helper", "");
        // Files outside the repository its configuration could make git read: a named pipe there
        // (or mailmap.file = /dev/zero) would hang the command.
        yield return ("log.mailmap", "false");
        yield return ("core.excludesFile", "/dev/null");
        yield return ("core.attributesFile", "/dev/null");
        yield return ("core.quotePath", "false");
        if (SafeDirectory is not null) yield return ("safe.directory", SafeDirectory);
    }
}
