namespace DjangoPreflight.Analysis.Git;

/// <summary>The git repository that encloses a scanned directory.</summary>
/// <param name="TopLevel">Absolute path of the work tree's top level.</param>
/// <param name="Prefix">The scanned root relative to <paramref name="TopLevel"/>, with '/' and a
/// trailing '/' ("" when the root is the top level). Paths git reports are top-relative; only those
/// under the prefix belong to the scan, and they are reported relative to the root.</param>
/// <param name="HasCommits">False for a freshly initialised repository (no HEAD yet).</param>
/// <param name="IsShallow">True for a shallow clone: older history is simply not there.</param>
public sealed record GitRepository(string TopLevel, string Prefix, bool HasCommits, bool IsShallow)
{
    /// <summary>Maps a top-relative path to a root-relative one, or null when it is outside the root.</summary>
    public string? ToRootRelative(string topRelative) =>
        Prefix.Length == 0 ? topRelative
        : topRelative.StartsWith(Prefix, StringComparison.Ordinal) ? topRelative[Prefix.Length..]
        : null;

    /// <summary>
    /// Finds the repository enclosing <paramref name="root"/>. The top level is located by walking up
    /// to the first directory holding <c>.git</c> (a directory, or a file for worktrees and
    /// submodules), so that it can be named as the only safe.directory before git reads anything.
    /// Returns null (with the reason) when there is no repository, git refuses it, or its configuration
    /// includes files from outside it (<see cref="GitIncludes"/>).
    /// </summary>
    public static GitRepository? Discover(string root, GitRunner runner, out string? reason, out GitRunner scoped)
    {
        scoped = runner;
        reason = null;
        var top = FindTopLevel(root);
        if (top is null)
        {
            reason = "not inside a git repository";
            return null;
        }
        scoped = new GitRunner(runner.Executable, runner.Timeout) { SafeDirectory = top };
        if (GitIncludes.Problem(scoped, top) is { } problem)
        {
            reason = $"the repository is not read: {problem}";
            return null;
        }
        // One git process answers all three questions. With --verify, a repository without commits
        // exits 1 after printing the other two answers; any other failure prints nothing useful.
        var answer = scoped.Run(root, ["rev-parse", "--show-toplevel", "--is-shallow-repository", "--verify", "--quiet", "HEAD^{commit}"]);
        var lines = answer.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var hasCommits = answer.Ok;
        if (!hasCommits && (answer.TimedOut || answer.ExitCode != 1 || lines.Length != 2))
        {
            reason = answer.TimedOut ? "git timed out" : $"git cannot read the repository ({FirstLine(answer.Stderr)})";
            return null;
        }
        if (lines.Length < 2)
        {
            reason = "git gave no top level for the repository (bare repository?)";
            return null;
        }
        var shallow = lines[1].Trim() == "true";
        // The prefix is computed from the directory we found, not git's answer, so that a root reached
        // through a symlink still maps onto git's paths.
        var prefix = Path.GetRelativePath(top, Path.GetFullPath(root)).Replace(Path.DirectorySeparatorChar, '/');
        prefix = prefix == "." ? "" : prefix + "/";
        return new GitRepository(top, prefix, hasCommits, shallow);
    }

    private static string? FindTopLevel(string root)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(root)); dir is not null; dir = dir.Parent)
        {
            var marker = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(marker) || File.Exists(marker))
                return dir.FullName;
        }
        return null;
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
        return line.StartsWith("fatal: ", StringComparison.Ordinal) ? line[7..] : line;
    }
}
