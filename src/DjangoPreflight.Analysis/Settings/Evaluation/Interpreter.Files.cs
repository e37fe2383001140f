using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>
/// open() and file objects. A file the repository holds is read (through the project's file list,
/// so nothing outside the root and nothing larger than the scan's limit); any other file's contents
/// are unknown. A git-ignored file (or one outside the repository) opened inside a try that catches
/// its absence is a local file some machines have: both outcomes are followed.
/// </summary>
internal sealed partial class Interpreter
{
    private const int MaxFileChars = 1 << 20;

    private PyValue Open(PyValue? file, Node at)
    {
        if (file is not (PyStr or PyPath)) return new PyUnknown("open() of a path that is not known");
        var path = Py.ToStr(file)!;
        var relative = RelativeToRoot(path);
        var shown = relative ?? path;
        if (relative is not null && _run.Files is { } files && IsProjectFile(files, relative)
            && files.ReadText(relative) is { Length: <= MaxFileChars } text)
            return new PyFile(relative, text, "");
        var key = "file " + path;
        if (_run.AssumedInstalled.TryGetValue(key, out var present))
        {
            if (!present) throw new PyRaise("FileNotFoundError", $"No such file or directory: '{shown}'", Where(at));
        }
        else if (relative is not null && _run.IgnoredByGit(relative) is null)
        {
            // Not in the repository and not one git keeps out of it: the deployed tree lacks it too.
            throw new PyRaise("FileNotFoundError", $"No such file or directory: '{relative}'", Where(at));
        }
        else if (_fileGuards > 0)
        {
            var absence = relative is null ? LocalFile.Outside : LocalFile.Ignored;
            throw new UncertainImport(key, $"whether {shown} exists in production: {absence}", new LocalFile(shown, absence, Where(at)));
        }
        return new PyFile(shown, null, relative is null ? $"{path}, outside the repository" : $"{relative}, which git ignores");
    }

    /// <summary>The root-relative form of an absolute path under the project root, else null.</summary>
    private string? RelativeToRoot(string path)
    {
        if (!path.StartsWith('/')) return null;
        var normal = Methods.NormPath(path);
        var root = _run.AbsoluteRoot.TrimEnd('/') + "/";
        return normal.StartsWith(root, StringComparison.Ordinal) ? normal[root.Length..] : null;
    }

    private static bool IsProjectFile(Project.ProjectFiles files, string relative) =>
        files.All is List<string> list ? list.BinarySearch(relative, StringComparer.Ordinal) >= 0 : files.All.Contains(relative, StringComparer.Ordinal);

    private static PyValue FileMethod(PyFile f, string method) => method switch
    {
        "read" when f.Text is not null => Py.Str(f.Text),
        "__enter__" => f,
        "close" or "__exit__" => PyNone.Instance,
        _ => new PyUnknown(f.Text is null ? $"reads {f.Why}" : $"file.{method}() is not modelled"),
    };
}
