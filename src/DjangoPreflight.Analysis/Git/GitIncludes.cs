using DjangoPreflight.Core.Files;

namespace DjangoPreflight.Analysis.Git;

/// <summary>
/// A repository's configuration may include other files (<c>include.path</c>,
/// <c>includeIf.*.path</c>), and git reads them for every command with no switch to stop it. An
/// include of a named pipe would hang every command; one of a file elsewhere on the machine (a
/// user's credentials, another repository's configuration) would make git act on it. So before
/// git runs anything, every include, and every include of an included file, must name a regular
/// file inside the repository (its work tree, or the folder of its own configuration file).
/// </summary>
public static class GitIncludes
{
    // Git's own limit on nested includes (MAX_INCLUDE_DEPTH).
    private const int MaxDepth = 10;

    private static readonly string[] Query = ["--no-includes", "--show-origin", "-z", "--get-regexp", @"^include(if\..*)?\.path$"];

    /// <summary>Why git must not read this repository, or null when every include stays inside it.</summary>
    public static string? Problem(GitRunner git, string topLevel)
    {
        var allowed = new List<string> { topLevel };
        var pending = new Queue<(string? File, int Depth)>();
        pending.Enqueue((null, 0));
        while (pending.TryDequeue(out var item))
        {
            var result = git.Run(topLevel, item.File is null ? ["config", .. Query] : ["config", "--file", item.File, .. Query]);
            if (result.TimedOut) return "git timed out reading the repository's configuration";
            // 1: no include at all. Anything else is a configuration git cannot read, which the
            // commands that follow report in their own words.
            if (result.ExitCode != 0) continue;
            foreach (var (origin, value) in Entries(result.Text))
            {
                if (!origin.StartsWith("file:", StringComparison.Ordinal)) continue; // our own -c options
                var holder = Path.GetFullPath(Path.Combine(topLevel, origin["file:".Length..]));
                var folder = Path.GetDirectoryName(holder)!;
                if (item.File is null && !allowed.Contains(folder)) allowed.Add(folder);
                if (value.Length == 0) continue;
                if (Target(value, folder) is not { } target)
                    return $"its git configuration includes '{value}', outside the repository";
                var type = FileTypes.Of(target);
                if (type == FileType.Missing) continue; // git skips an include that is not there
                if (type != FileType.Regular)
                    return $"its git configuration includes '{value}', which is {FileTypes.Describe(type)}";
                if (!allowed.Any(dir => RealPath.IsInside(target, dir)))
                    return $"its git configuration includes '{value}', outside the repository";
                if (item.Depth + 1 >= MaxDepth)
                    return "its git configuration nests includes deeper than git allows";
                pending.Enqueue((target, item.Depth + 1));
            }
        }
        return null;
    }

    /// <summary>The include's target: relative paths are taken from the including file's folder;
    /// home-relative and install-relative ones (<c>~/</c>, <c>%(prefix)/</c>) are outside by definition.</summary>
    private static string? Target(string value, string folder) =>
        value.StartsWith('~') || value.StartsWith("%(", StringComparison.Ordinal) ? null
        : Path.GetFullPath(Path.Combine(folder, value));

    /// <summary>"origin\0key\nvalue\0" records, as <c>git config --show-origin -z</c> writes them.</summary>
    private static IEnumerable<(string Origin, string Value)> Entries(string text)
    {
        var fields = text.Split('\0');
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            var newline = fields[i + 1].IndexOf('\n');
            yield return (fields[i], newline < 0 ? "" : fields[i + 1][(newline + 1)..]);
        }
    }
}
