using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Apache;

/// <summary>
/// Finds the project's Apache httpd files, parses each once, replaces <c>Include</c> and
/// <c>IncludeOptional</c> by the files they name (relative to the including file's folder, the root
/// file's folder as httpd's ServerRoot, or a parent folder; <c>/etc/apache2/...</c> and
/// <c>/etc/httpd/...</c> as the folder the root file is in, since a repository ships what it copies
/// there; globs allowed; only files the scan lists, so nothing outside the repository and no link
/// out of it) and returns one <see cref="ApacheConfig"/> per file no other Apache file includes.
/// A file already being included is not entered again; includes nest at most 8 deep and one
/// configuration holds at most 20,000 directives: a hostile repository cannot make it grow without end.
/// </summary>
public sealed partial class ApacheLoader
{
    private const int MaxIncludeDepth = 8;
    private const int MaxDirectives = 20_000;

    private readonly ProjectFiles _files;
    private readonly ProjectDiagnostics _diagnostics;
    private readonly Dictionary<string, IReadOnlyList<ApacheDirective>> _parsed = new(StringComparer.Ordinal);
    // An include is resolved once per including file: includes that multiply ask the same again and again.
    private readonly Dictionary<(string Pattern, string Including, string Root), List<string>> _resolved = [];
    private int _budget;

    private ApacheLoader(ProjectFiles files, ProjectDiagnostics diagnostics)
    {
        _files = files;
        _diagnostics = diagnostics;
    }

    /// <param name="taken">Files another reader already claimed (nginx, supervisor, uWSGI): never Apache's.</param>
    public static IReadOnlyList<ApacheConfig> Load(ProjectFiles files, ProjectDiagnostics diagnostics, Func<string, bool> taken)
    {
        var loader = new ApacheLoader(files, diagnostics);
        var candidates = files.All.Where(p => !taken(p) && IsApacheFile(p, files)).ToList();
        var included = candidates.SelectMany(c => loader.IncludeTargets(loader.Parsed(c), c)).Where(t => candidates.Contains(t)).ToHashSet(StringComparer.Ordinal);
        // A cycle of files that only include each other has no root: its first file stands for it.
        var roots = candidates.Where(c => !included.Contains(c)).ToList();
        var reached = new HashSet<string>(StringComparer.Ordinal);
        void Reach(string file, int depth)
        {
            if (depth > MaxIncludeDepth || !reached.Add(file)) return;
            foreach (var t in loader.IncludeTargets(loader.Parsed(file), file)) Reach(t, depth + 1);
        }
        roots.ForEach(r => Reach(r, 0));
        foreach (var c in candidates.Where(c => !reached.Contains(c)))
        {
            if (reached.Contains(c)) continue;
            roots.Add(c);
            Reach(c, 0);
        }
        return roots.Order(StringComparer.Ordinal).Select(p =>
        {
            loader._budget = MaxDirectives;
            return new ApacheConfig(p, loader.ExpandFile(p, p, [], 0));
        }).ToList();
    }

    /// <summary>Apache files: named httpd.conf, apache2.conf or apache.conf, or a configuration-like file
    /// (*.conf, *.vhost, *.template, *.conf.j2, no extension) that holds an Apache section line
    /// (<c>&lt;VirtualHost</c>, <c>&lt;Directory</c>, <c>&lt;Location</c>...) or, in a folder named apache, apache2,
    /// httpd, sites-available, sites-enabled or conf.d, a directive only Apache has. No nginx file
    /// holds a line starting with '&lt;' or these directives; the nginx reader claims its files first.</summary>
    private static bool IsApacheFile(string path, ProjectFiles files)
    {
        var name = ProjectFiles.FileName(path);
        var lower = path.ToLowerInvariant();
        var byName = name is "httpd.conf" or "apache2.conf" or "apache.conf";
        var confLike = byName || lower.EndsWith(".conf", StringComparison.Ordinal) || lower.EndsWith(".vhost", StringComparison.Ordinal)
            || lower.EndsWith(".template", StringComparison.Ordinal) || lower.EndsWith(".conf.j2", StringComparison.Ordinal) || !name.Contains('.');
        if (!confLike || files.ReadText(path) is not { } text) return false;
        if (SectionLine().IsMatch(text)) return true;
        var byFolder = lower.Contains("apache/", StringComparison.Ordinal) || lower.Contains("apache2/", StringComparison.Ordinal)
            || lower.Contains("httpd/", StringComparison.Ordinal) || lower.Contains("sites-available/", StringComparison.Ordinal)
            || lower.Contains("sites-enabled/", StringComparison.Ordinal) || lower.Contains("conf.d/", StringComparison.Ordinal);
        return (byName || byFolder) && OwnDirective().IsMatch(text);
    }

    // Non-backtracking: linear in the file whatever it holds.
    [GeneratedRegex(@"^[ \t]*<(?:VirtualHost|Directory|DirectoryMatch|Location|LocationMatch|IfModule|Files|FilesMatch|Proxy)[ \t>]", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex SectionLine();

    [GeneratedRegex(@"^[ \t]*(?:WSGIScriptAlias|WSGIDaemonProcess|WSGIProcessGroup|ProxyPass|ProxyPassReverse|ServerTokens|ServerSignature|LoadModule|ServerRoot|DocumentRoot|RequestHeader)[ \t]", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex OwnDirective();

    private IReadOnlyList<ApacheDirective> Parsed(string path)
    {
        if (_parsed.TryGetValue(path, out var done)) return done;
        var top = _files.ReadText(path) is { } text ? ApacheParser.Parse(text, path) : [];
        _parsed[path] = top;
        return top;
    }

    private IEnumerable<string> IncludeTargets(IEnumerable<ApacheDirective> directives, string path)
    {
        foreach (var d in directives)
        {
            if (IsInclude(d))
                foreach (var t in Resolve(d.Arg(0), path, path)) yield return t;
            if (d.Section is not null)
                foreach (var t in IncludeTargets(d.Section, path)) yield return t;
        }
    }

    private static bool IsInclude(ApacheDirective d) => d.Section is null && d.Args.Count == 1 && (d.Is("Include") || d.Is("IncludeOptional"));

    private IReadOnlyList<ApacheDirective> ExpandFile(string path, string rootPath, List<string> stack, int depth)
    {
        stack.Add(path);
        var result = Expand(Parsed(path), path, rootPath, stack, depth);
        stack.RemoveAt(stack.Count - 1);
        return result;
    }

    private List<ApacheDirective> Expand(IReadOnlyList<ApacheDirective> directives, string path, string rootPath, List<string> stack, int depth)
    {
        var result = new List<ApacheDirective>(directives.Count);
        foreach (var d in directives)
        {
            if (--_budget < 0)
            {
                _diagnostics.Notice($"{rootPath}: Apache configuration cut at {MaxDirectives} directives (its includes multiply beyond that)");
                break;
            }
            if (IsInclude(d))
            {
                foreach (var target in Resolve(d.Arg(0), path, rootPath))
                {
                    if (stack.Contains(target) || depth >= MaxIncludeDepth)
                    {
                        _diagnostics.Notice($"{d.Location}: Apache include of {target} skipped (it would include itself, or includes nest deeper than {MaxIncludeDepth})");
                        continue;
                    }
                    result.AddRange(ExpandFile(target, rootPath, stack, depth + 1));
                }
            }
            else if (d.Section is not null)
            {
                result.Add(d with { Section = Expand(d.Section, path, rootPath, stack, depth) });
            }
            else
            {
                result.Add(d);
            }
        }
        return result;
    }

    /// <summary>The project files an include pattern names, sorted (httpd sorts wildcard matches).</summary>
    private List<string> Resolve(string pattern, string includingPath, string rootPath)
    {
        if (!_resolved.TryGetValue((pattern, includingPath, rootPath), out var files))
            _resolved[(pattern, includingPath, rootPath)] = files = ResolveUncached(pattern, includingPath, rootPath).ToList();
        return files;
    }

    // Only the server's own configuration folders map onto the repository. Brackets are taken
    // literally: an unbalanced one must not make an invalid pattern.
    private IEnumerable<string> ResolveUncached(string pattern, string includingPath, string rootPath) =>
        IncludePaths.Resolve(_files, pattern, includingPath, rootPath, ["/etc/apache2/", "/etc/httpd/", "/usr/local/apache2/conf/", "/usr/local/apache2/"], bracketClasses: false);
}
