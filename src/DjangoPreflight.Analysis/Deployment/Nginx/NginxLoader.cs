using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Nginx;

/// <summary>
/// Finds the project's nginx files, parses each once, expands <c>include</c> (relative to the
/// including file, else to the root config's folder, as nginx's prefix, else to a parent folder;
/// globs allowed; only files inside the project; a file already being included is never entered again) and returns one
/// <see cref="NginxConfig"/> per file that no other nginx file includes.
/// </summary>
public sealed partial class NginxLoader
{
    private const int MaxIncludeDepth = 16;

    // Debian's /etc/nginx/proxy_params, which `include proxy_params;` means when the project does
    // not ship its own: the stock packages set these four headers.
    private const string DebianProxyParams = """
        proxy_set_header Host $http_host;
        proxy_set_header X-Real-IP $remote_addr;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        """;

    private readonly ProjectFiles _files;
    private readonly ProjectDiagnostics _diagnostics;
    private readonly Dictionary<string, IReadOnlyList<NginxDirective>> _parsed = new(StringComparer.Ordinal);

    private NginxLoader(ProjectFiles files, ProjectDiagnostics diagnostics)
    {
        _files = files;
        _diagnostics = diagnostics;
    }

    public static IReadOnlyList<NginxConfig> Load(ProjectFiles files, ProjectDiagnostics diagnostics)
    {
        var loader = new NginxLoader(files, diagnostics);
        var candidates = files.All.Where(p => IsNginxFile(p, files)).ToList();
        return loader.Roots(candidates).Select(p => new NginxConfig(p, loader.ExpandFile(p, p, [], 0))).ToList();
    }

    /// <summary>The files nginx would be started with: those no other file includes, plus, for a
    /// cycle of files that only include each other, its first file.</summary>
    private List<string> Roots(List<string> candidates)
    {
        var edges = candidates.ToDictionary(c => c, c => IncludeTargets(Parsed(c), c).Where(t => t != c).ToList(), StringComparer.Ordinal);
        var included = edges.Values.SelectMany(t => t).ToHashSet(StringComparer.Ordinal);
        var roots = candidates.Where(c => !included.Contains(c)).ToList();
        var reached = new HashSet<string>(StringComparer.Ordinal);
        void Reach(string file)
        {
            if (!reached.Add(file)) return;
            foreach (var t in edges.GetValueOrDefault(file) ?? IncludeTargets(Parsed(file), file).ToList()) Reach(t);
        }
        roots.ForEach(Reach);
        foreach (var c in candidates.Where(c => !reached.Contains(c)))
        {
            if (reached.Contains(c)) continue;
            roots.Add(c);
            Reach(c);
        }
        roots.Sort(StringComparer.Ordinal);
        return roots;
    }

    private IEnumerable<string> IncludeTargets(IReadOnlyList<NginxDirective> directives, string path)
    {
        foreach (var d in directives)
        {
            if (d.Name == "include" && d.Args.Count == 1)
                foreach (var t in Resolve(d.Arg(0), path, path)) yield return t;
            if (d.Block is not null)
                foreach (var t in IncludeTargets(d.Block, path)) yield return t;
        }
    }

    /// <summary>nginx files are recognised by name (nginx.conf, *.nginx, a folder named nginx,
    /// sites-available...) or, for any *.conf/*.template, by a top-level server or http block.</summary>
    private static bool IsNginxFile(string path, ProjectFiles files)
    {
        var name = ProjectFiles.FileName(path);
        var lower = path.ToLowerInvariant();
        var byName = name == "nginx.conf" || lower.EndsWith(".nginx", StringComparison.Ordinal) || lower.EndsWith(".nginxconf", StringComparison.Ordinal);
        var byFolder = lower.Contains("nginx/", StringComparison.Ordinal) || lower.Contains("sites-available/", StringComparison.Ordinal)
            || lower.Contains("sites-enabled/", StringComparison.Ordinal);
        var confLike = lower.EndsWith(".conf", StringComparison.Ordinal) || lower.EndsWith(".template", StringComparison.Ordinal)
            || lower.EndsWith(".conf.j2", StringComparison.Ordinal) || !name.Contains('.');
        if (!byName && !confLike) return false;
        if (!byName && !byFolder && !lower.EndsWith(".conf", StringComparison.Ordinal) && !lower.EndsWith(".template", StringComparison.Ordinal))
            return false;
        return files.ReadText(path) is { } text && BlockStart().IsMatch(text);
    }

    [GeneratedRegex(@"^\s*(server|http|location\s+\S+)\s*\{", RegexOptions.Multiline | RegexOptions.NonBacktracking)]
    private static partial Regex BlockStart();

    private IReadOnlyList<NginxDirective> Parsed(string path)
    {
        if (_parsed.TryGetValue(path, out var done)) return done;
        IReadOnlyList<NginxDirective> top = [];
        if (_files.ReadText(path) is { } text)
        {
            var (directives, errors) = NginxParser.Parse(text, path);
            foreach (var e in errors) _diagnostics.ParseError(path, e.Line, "nginx: " + e.Message);
            top = directives;
        }
        _parsed[path] = top;
        return top;
    }

    private IReadOnlyList<NginxDirective> ExpandFile(string path, string rootPath, List<string> stack, int depth)
    {
        stack.Add(path);
        var result = Expand(Parsed(path), path, rootPath, stack, depth);
        stack.RemoveAt(stack.Count - 1);
        return result;
    }

    private IReadOnlyList<NginxDirective> Expand(IReadOnlyList<NginxDirective> directives, string path, string rootPath, List<string> stack, int depth)
    {
        var result = new List<NginxDirective>(directives.Count);
        foreach (var d in directives)
        {
            if (d.Name == "include" && d.Args.Count == 1)
            {
                var included = new List<NginxDirective>();
                foreach (var target in Resolve(d.Arg(0), path, rootPath))
                {
                    if (stack.Contains(target) || depth >= MaxIncludeDepth)
                    {
                        _diagnostics.Notice($"{d.Location}: nginx include of {target} skipped (it would include itself)");
                        continue;
                    }
                    included.AddRange(ExpandFile(target, rootPath, stack, depth + 1));
                }
                if (included.Count == 0 && ProjectFiles.FileName(d.Arg(0)) == "proxy_params")
                    included.AddRange(NginxParser.Parse(DebianProxyParams, d.Location.Path ?? path).Directives
                        .Select(p => p with { Location = d.Location }));
                result.Add(d with { Included = included });
            }
            else if (d.Block is not null)
            {
                result.Add(d with { Block = Expand(d.Block, path, rootPath, stack, depth) });
            }
            else
            {
                result.Add(d);
            }
        }
        return result;
    }

    /// <summary>The project files an include pattern names, sorted (nginx sorts glob matches); an
    /// /etc/nginx/... path usually names what the repository ships next to its nginx.conf.</summary>
    private List<string> Resolve(string pattern, string includingPath, string rootPath) =>
        IncludePaths.Resolve(_files, pattern, includingPath, rootPath, ["/etc/nginx/"], bracketClasses: true);
}
