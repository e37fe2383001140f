using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>
/// <c>os.path.exists/isfile/isdir</c> and <c>Path.exists/is_file/is_dir</c> on a path inside the
/// project. A path the repository holds exists (as a file, or as a folder of its files). A path git
/// ignores is a local file some deployments have: whether it exists is unknown, but without it the
/// answer is False, so the test is a <see cref="PyOverridable"/> and a condition on it is followed both
/// ways (<see cref="ExecOverridableIf"/>). Any other path depends on the deployed file system: unknown.
/// </summary>
internal sealed partial class Interpreter
{
    /// <param name="test">"exists", "isfile" or "isdir".</param>
    private PyValue FileTest(string path, string test, Node at)
    {
        if (!path.StartsWith('/')) return new PyUnknown($"os.path.{test}() of a relative path depends on the working directory");
        var relative = RelativeToRoot(path);
        if (relative is null || _run.Files is not { } files || files.Partial)
            return new PyUnknown($"os.path.{test}() depends on the deployed file system");
        if (relative.Length == 0) return Py.Bool(test != "isfile");
        if (IsProjectFile(files, relative) || _localFiles.Any(f => f.Path == relative)) return Py.Bool(test != "isdir");
        if (IsProjectFolder(files, relative)) return Py.Bool(test != "isfile");
        if (_run.IgnoredByGit(relative) is not null)
            return new PyOverridable($"whether {relative} exists in production: {LocalFile.Ignored}, so the repository does not hold it",
                Py.False, new LocalFile(relative, LocalFile.Ignored, Where(at)));
        // Neither held nor ignored: a build step or the running site may still create it.
        return new PyUnknown($"os.path.{test}() of {relative}, which the repository does not hold, depends on the deployed file system");
    }

    private static bool IsProjectFolder(Project.ProjectFiles files, string relative)
    {
        var prefix = relative.TrimEnd('/') + "/";
        if (files.All is not List<string> list) return files.All.Any(f => f.StartsWith(prefix, StringComparison.Ordinal));
        // The first path at or after the prefix, in the list's ordinal order, starts with it if any does.
        var at = list.BinarySearch(prefix, StringComparer.Ordinal);
        if (at < 0) at = ~at;
        return at < list.Count && list[at].StartsWith(prefix, StringComparison.Ordinal);
    }
}
