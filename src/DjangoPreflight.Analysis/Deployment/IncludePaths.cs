using System.Text;
using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>
/// The project files a web server's include directive names (nginx's <c>include</c>, Apache's
/// <c>Include</c>/<c>IncludeOptional</c>), never a file outside the repository.
/// </summary>
internal static class IncludePaths
{
    /// <summary>The files <paramref name="pattern"/> names, sorted (both servers sort wildcard matches).</summary>
    /// <param name="serverFolders">Absolute configuration folders (with a trailing '/') that map onto the
    /// root file's folder: what the repository ships is usually copied there (COPY nginx/ /etc/nginx/).
    /// Any other absolute path (/etc/passwd and the like) names nothing.</param>
    /// <param name="bracketClasses">Whether '[...]' is a character class (nginx's glob) or literal text.</param>
    public static List<string> Resolve(ProjectFiles files, string pattern, string includingPath, string rootPath,
        IReadOnlyList<string> serverFolders, bool bracketClasses)
    {
        var bases = new List<string>();
        if (pattern.StartsWith('/'))
        {
            var prefix = serverFolders.FirstOrDefault(p => pattern.StartsWith(p, StringComparison.Ordinal));
            if (prefix is null) return [];
            pattern = pattern[prefix.Length..];
            bases.Add(Folder(rootPath));
        }
        else
        {
            // Both servers resolve against a root (nginx's prefix, httpd's ServerRoot) that is not always
            // in the repository: the including file's folder, the root file's, and their parents are
            // tried, nearest first.
            bases.Add(Folder(includingPath));
            bases.Add(Folder(rootPath));
            for (var dir = Folder(includingPath); dir.Length > 0;)
                bases.Add(dir = Folder(dir));
        }
        foreach (var b in bases.Distinct())
        {
            if (ProjectPath.Normalize(b.Length == 0 ? pattern : b + "/" + pattern) is not { } full) continue;
            List<string> matches;
            if (full.IndexOfAny(['*', '?', '[']) < 0)
                matches = files.Exists(full) ? [full] : [];
            else
            {
                var glob = GlobRegex(full, bracketClasses);
                matches = files.All.Where(p => glob.IsMatch(p)).ToList();
            }
            if (matches.Count > 0) return matches.Order(StringComparer.Ordinal).ToList();
        }
        return [];
    }

    private static string Folder(string path) => path.LastIndexOf('/') is var i and >= 0 ? path[..i] : "";

    private static Regex GlobRegex(string glob, bool bracketClasses)
    {
        var sb = new StringBuilder("^");
        foreach (var c in glob)
            sb.Append(c switch
            {
                '*' => "[^/]*",
                '?' => "[^/]",
                '[' or ']' when bracketClasses => c.ToString(),
                _ => Regex.Escape(c.ToString()),
            });
        // Linear whatever the glob: a backtracking engine takes time exponential in the number of '*'.
        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }
}
