using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Discovery;

/// <summary>
/// Maps dotted module names to the project's files, the way Python would find them from the
/// project's import roots (the directory of manage.py, a src/ folder, the project root). Only
/// project files are known: third-party modules are never read.
/// </summary>
public sealed class ModuleIndex
{
    private readonly Dictionary<string, string> _byModule = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byPath = new(StringComparer.Ordinal);
    private readonly HashSet<string> _packages = new(StringComparer.Ordinal);

    public ModuleIndex(ProjectFiles files, IReadOnlyList<string> importRoots)
    {
        ImportRoots = importRoots;
        // Earlier roots win, as they come first on sys.path.
        foreach (var root in importRoots)
        {
            var prefix = root.Length == 0 ? "" : root + "/";
            foreach (var path in files.All)
            {
                if (!path.EndsWith(".py", StringComparison.Ordinal) || !path.StartsWith(prefix, StringComparison.Ordinal)) continue;
                var rel = path[prefix.Length..^3];
                var parts = rel.Split('/');
                var isInit = parts[^1] == "__init__";
                if (isInit) parts = parts[..^1];
                if (parts.Length == 0 || !parts.All(IsIdentifier)) continue;
                var module = string.Join('.', parts);
                if (isInit) _packages.Add(module);
                // Earlier roots win; within one root a package wins over a same-named module, as in Python.
                if (_byModule.TryGetValue(module, out var existing) && (!isInit || !existing.StartsWith(prefix, StringComparison.Ordinal) || existing.EndsWith("__init__.py", StringComparison.Ordinal)))
                    continue;
                _byModule[module] = path;
                _byPath.TryAdd(path, module);
            }
        }
    }

    public IReadOnlyList<string> ImportRoots { get; }

    /// <summary>The file of a module (a package resolves to its __init__.py), or null.</summary>
    public string? PathOf(string module) => _byModule.GetValueOrDefault(module);

    public string? ModuleOf(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>Makes <paramref name="module"/> resolve to <paramref name="path"/>: the project file a
    /// Dockerfile copies to where that module lands in the image, which the repository does not
    /// hold under that name.</summary>
    public void Alias(string module, string path) => _byModule[module] = path;

    public bool IsPackage(string module) => _packages.Contains(module);

    /// <summary>Where the file of a module the project does not hold would be: beside its parent package's __init__.py.</summary>
    public string? CandidatePath(string module)
    {
        var dot = module.LastIndexOf('.');
        if (dot < 0 || PathOf(module[..dot]) is not { } parent || !parent.EndsWith("__init__.py", StringComparison.Ordinal)) return null;
        return parent[..^"__init__.py".Length] + module[(dot + 1)..] + ".py";
    }

    public IEnumerable<string> Modules => _byModule.Keys.Order(StringComparer.Ordinal);

    /// <summary>Resolves <c>from {dots}{name} import</c> as written in <paramref name="fromModule"/>.</summary>
    public string? Absolute(string fromModule, bool fromIsPackage, int level, string? name)
    {
        if (level == 0) return name;
        var parts = fromModule.Split('.').ToList();
        if (!fromIsPackage) parts.RemoveAt(parts.Count - 1);
        for (var i = 1; i < level; i++)
        {
            if (parts.Count == 0) return null;
            parts.RemoveAt(parts.Count - 1);
        }
        if (!string.IsNullOrEmpty(name)) parts.Add(name);
        return parts.Count == 0 ? null : string.Join('.', parts);
    }

    public static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => char.IsLetterOrDigit(c) || c == '_');
}
