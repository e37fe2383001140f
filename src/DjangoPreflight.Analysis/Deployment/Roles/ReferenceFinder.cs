using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Deployment.Roles;

/// <summary>
/// Resolves what a deployment file names to the project's deployment files: a script or config in
/// a command (<c>/start</c>, <c>./bin/entrypoint.sh</c>, <c>uwsgi --ini uwsgi.ini</c>), a COPY
/// source, a mounted folder. A name is tried where it is written (the file's folder, the root, the
/// container paths a Dockerfile copied files to), then by its trailing path: the deployment file
/// whose path ends with the longest part of it, nearest the naming file.
/// </summary>
internal sealed class ReferenceFinder
{
    private readonly HashSet<string> _deployment;
    private readonly Dictionary<string, List<string>> _byName = new(StringComparer.Ordinal);
    private readonly HashSet<string> _files;
    private readonly HashSet<string> _folders = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sourceRoots = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pythonFolders = new(StringComparer.Ordinal);

    public ReferenceFinder(IEnumerable<string> deploymentFiles, IReadOnlyList<string> allFiles)
    {
        _deployment = deploymentFiles.ToHashSet(StringComparer.Ordinal);
        _files = allFiles.ToHashSet(StringComparer.Ordinal);
        foreach (var file in allFiles)
        {
            var folder = Folder(file);
            if (ProjectFiles.FileName(file) == "manage.py") _sourceRoots.Add(folder);
            if (file.EndsWith(".py", StringComparison.Ordinal)) _pythonFolders.Add(folder);
            while (folder.Length > 0 && _folders.Add(folder)) folder = Folder(folder);
        }
        foreach (var path in _deployment.Order(StringComparer.Ordinal))
        {
            var name = ProjectFiles.FileName(path);
            if (!_byName.TryGetValue(name, out var list)) _byName[name] = list = [];
            list.Add(path);
        }
    }

    /// <summary>The deployment files at a project path: the file itself, or those under it as a folder.
    /// The project's root, or a folder holding manage.py, is the source tree, not a configuration.</summary>
    public IEnumerable<string> Under(string path)
    {
        if (_deployment.Contains(path)) return [path];
        if (IsSourceTree(path)) return [];
        var prefix = path + "/";
        return _deployment.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);
    }

    /// <summary>True when the project has a file (not a folder) of that path.</summary>
    public bool IsFile(string path) => _files.Contains(path);

    /// <summary>True when the project has the file or a folder of that path.</summary>
    public bool Exists(string path) => path.Length == 0 || _files.Contains(path) || _folders.Contains(path);

    /// <summary>True for the project's root, a folder holding manage.py or above one, and a folder
    /// of Python modules: mounting one brings the source tree into the container, which is how a
    /// developer sees their edits live.</summary>
    public bool IsSourceTree(string path) =>
        path.Length == 0 || _pythonFolders.Contains(path)
        || _sourceRoots.Any(r => r == path || r.StartsWith(path + "/", StringComparison.Ordinal));

    /// <summary>Deployment files a command line names, with <paramref name="containerPaths"/> mapping
    /// paths inside an image to the project files a Dockerfile copied there.</summary>
    public IEnumerable<string> InCommand(string command, string fromPath, IReadOnlyDictionary<string, string>? containerPaths = null, string workdir = "/")
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var word in PathWords(command))
            found.UnionWith(Resolve(word, fromPath, containerPaths, workdir));
        found.Remove(fromPath);
        return found;
    }

    /// <summary>One name, resolved as <see cref="InCommand"/> does.</summary>
    public IEnumerable<string> Resolve(string word, string fromPath, IReadOnlyDictionary<string, string>? containerPaths = null, string workdir = "/")
    {
        var name = ProjectFiles.FileName(word);
        if (name.Length == 0 || !_byName.TryGetValue(name, out var candidates)) return [];
        if (containerPaths is not null)
        {
            var inImage = word.StartsWith('/') ? word : workdir.TrimEnd('/') + "/" + word;
            if (ProjectPath.Normalize(inImage) is { } normal && containerPaths.TryGetValue("/" + normal, out var copied)) return [copied];
        }
        if (!word.StartsWith('/'))
        {
            foreach (var folder in new[] { Folder(fromPath), "" })
                if (ProjectPath.Join(folder, word) is { } joined && _deployment.Contains(joined))
                    return [joined];
        }
        // By trailing path: the candidates sharing the most trailing segments with the word, then
        // the nearest to the naming file.
        var parts = word.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        var scored = candidates.Select(c => (Path: c, Tail: CommonTail(c, parts), Near: CommonFolders(c, fromPath))).ToList();
        var bestTail = scored.Max(s => s.Tail);
        var byTail = scored.Where(s => s.Tail == bestTail).ToList();
        var bestNear = byTail.Max(s => s.Near);
        return byTail.Where(s => s.Near == bestNear).Select(s => s.Path).ToList();
    }

    /// <summary>The words of a command that may be paths: split at blanks, quotes and shell or JSON
    /// punctuation, with <c>$VAR</c>/<c>${VAR}</c> prefixes dropped; only words with a '/' or a '.'.
    /// The target of a <c>&gt;</c> redirection is what the command writes, not a file it uses
    /// (<c>envsubst &lt; site.conf.template &gt; /etc/nginx/site.conf</c> uses only the template).</summary>
    private static IEnumerable<string> PathWords(string command)
    {
        var start = -1;
        var redirected = false;
        for (var i = 0; i <= command.Length; i++)
        {
            var separator = i == command.Length || char.IsWhiteSpace(command[i]) || command[i] is '"' or '\'' or '\\' or ';' or '&' or '|' or '=' or ',' or '[' or ']' or '(' or ')' or '<' or '>' or '`' or '{' or '}';
            if (!separator)
            {
                if (start < 0) start = i;
                continue;
            }
            if (start < 0)
            {
                if (i < command.Length && command[i] == '>') redirected = true;
                continue;
            }
            var word = command[start..i];
            start = -1;
            var output = redirected;
            redirected = i < command.Length && command[i] == '>';
            if (output) continue;
            if (word.Contains("://", StringComparison.Ordinal)) continue;
            if (word.LastIndexOf('$') is var dollar and >= 0)
            {
                var slash = word.IndexOf('/', dollar);
                if (slash < 0) continue;
                word = word[slash..];
            }
            if (word.Contains('/') || word.Contains('.') || word is "Dockerfile" or "Containerfile") yield return word.TrimEnd(':');
        }
    }

    /// <summary>Deployment files matching a COPY source with <c>*</c>/<c>?</c> (within one path segment).</summary>
    public IEnumerable<string> Glob(string pattern) =>
        _deployment.Where(p => p.Count(c => c == '/') == pattern.Count(c => c == '/') && Wildcard(pattern, p)).Order(StringComparer.Ordinal);

    /// <summary>Glob match where <c>*</c> never crosses '/': the classic two-pointer walk that
    /// backtracks only to the last star, so it stays linear in practice and quadratic at worst.</summary>
    private static bool Wildcard(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == text[t] && pattern[p] != '*' || pattern[p] == '?' && text[t] != '/'))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0 && text[mark] != '/')
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    private static int CommonTail(string path, string[] parts)
    {
        var segments = path.Split('/');
        var n = 0;
        while (n < parts.Length && n < segments.Length && segments[^(n + 1)] == parts[^(n + 1)]) n++;
        return n;
    }

    private static int CommonFolders(string a, string b)
    {
        var x = a.Split('/');
        var y = b.Split('/');
        var n = 0;
        while (n < x.Length - 1 && n < y.Length - 1 && x[n] == y[n]) n++;
        return n;
    }

    public static string Folder(string path) => path.LastIndexOf('/') is var i and >= 0 ? path[..i] : "";
}
