using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Discovery;

/// <summary>A DJANGO_SETTINGS_MODULE some file names, and where.</summary>
public sealed record SettingsReference(string Module, string Path, int Line, string Kind);

/// <summary>What discovery found: the import roots, the settings modules, and which one production runs and why.</summary>
public sealed record DiscoveredSettings(
    ModuleIndex Index,
    string? Production,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> SettingsModules,
    IReadOnlyList<SettingsReference> References);

/// <summary>
/// Finds manage.py, wsgi.py/asgi.py and their DJANGO_SETTINGS_MODULE defaults, the settings modules
/// and packages, and the module production runs: --settings, else the one deployment files select,
/// else one named like production, else the wsgi/asgi default, else manage.py's, else the only one.
/// Text scans only: nothing is imported or run.
/// </summary>
public static partial class SettingsDiscovery
{
    [GeneratedRegex("""os\.environ\.setdefault\(\s*["']DJANGO_SETTINGS_MODULE["']\s*,\s*(?:f?)["']([A-Za-z_][\w.]*)["']""", RegexOptions.NonBacktracking)]
    private static partial Regex SetDefault();

    [GeneratedRegex("""os\.environ\[\s*["']DJANGO_SETTINGS_MODULE["']\s*\]\s*=\s*["']([A-Za-z_][\w.]*)["']""", RegexOptions.NonBacktracking)]
    private static partial Regex EnvironAssign();

    [GeneratedRegex("""DJANGO_SETTINGS_MODULE["']?\s*[=:]\s*["']?([A-Za-z_][\w.]*)""", RegexOptions.NonBacktracking)]
    private static partial Regex DeployAssign();

    [GeneratedRegex("""--settings[= ]\s*["']?([A-Za-z_][\w.]*)""", RegexOptions.NonBacktracking)]
    private static partial Regex SettingsFlag();

    [GeneratedRegex("""name:\s*["']?DJANGO_SETTINGS_MODULE["']?\s*\n\s*value:\s*["']?([A-Za-z_][\w.]*)""", RegexOptions.NonBacktracking)]
    private static partial Regex KubernetesEnv();

    private static readonly string[] ProductionWords = ["production", "prod", "prd", "live", "deploy", "deployment"];

    public static DiscoveredSettings Discover(ProjectFiles files, ScanOptions options, ProjectDiagnostics diagnostics)
    {
        var roots = ImportRoots(files);
        var index = new ModuleIndex(files, roots);
        var references = new List<SettingsReference>();
        foreach (var path in files.All)
        {
            var name = ProjectFiles.FileName(path);
            if (name is "manage.py" or "wsgi.py" or "asgi.py")
                Scan(files, path, name[..^3], references, SetDefault(), EnvironAssign());
            else if (IsDeploymentFile(path, name))
                Scan(files, path, "deployment", references, DeployAssign(), SettingsFlag(), KubernetesEnv());
        }

        var modules = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var module in index.Modules)
            if (IsSettingsModule(module, index) && !IsEmptyPackage(files, index, module))
                modules.Add(module);
        foreach (var r in references)
            if (index.PathOf(r.Module) is not null)
                modules.Add(r.Module);

        var reasons = new List<string>();
        var production = ChooseProduction(options, index, modules, references, reasons, diagnostics);
        if (production is not null) modules.Add(production);
        return new DiscoveredSettings(index, production, reasons, modules.ToList(), references);
    }

    /// <summary>Directories Python would have on sys.path: where manage.py lives, src/, the root.</summary>
    public static IReadOnlyList<string> ImportRoots(ProjectFiles files)
    {
        var roots = new List<string>();
        foreach (var manage in files.Named("manage.py").OrderBy(p => p.Count(c => c == '/')).ThenBy(p => p, StringComparer.Ordinal))
        {
            var dir = manage.Contains('/') ? manage[..manage.LastIndexOf('/')] : "";
            if (!roots.Contains(dir)) roots.Add(dir);
        }
        if (files.All.Any(p => p.StartsWith("src/", StringComparison.Ordinal) && p.EndsWith(".py", StringComparison.Ordinal)) && !roots.Contains("src"))
            roots.Add("src");
        if (!roots.Contains("")) roots.Add("");
        return roots;
    }

    private static string? ChooseProduction(ScanOptions options, ModuleIndex index, SortedSet<string> modules,
        List<SettingsReference> references, List<string> reasons, ProjectDiagnostics diagnostics)
    {
        if (options.SettingsModule is { } given)
        {
            if (index.PathOf(given) is null)
                diagnostics.Notice($"--settings {given}: no such module in the project");
            reasons.Add($"{given}: given with --settings");
            return given;
        }
        var deployed = references.Where(r => r.Kind == "deployment" && index.PathOf(r.Module) is not null)
            .Select(r => r.Module).Distinct().ToList();
        foreach (var r in references.Where(r => index.PathOf(r.Module) is null))
            diagnostics.Notice($"{r.Path}:{r.Line}: DJANGO_SETTINGS_MODULE '{r.Module}' is not a module of the project");
        if (deployed.Count > 0)
        {
            var chosen = deployed.FirstOrDefault(LooksLikeProduction) ?? deployed[0];
            foreach (var r in references.Where(r => r.Module == chosen && r.Kind == "deployment"))
                reasons.Add($"{chosen}: selected by {r.Path}:{r.Line}");
            if (deployed.Count > 1)
                reasons.Add($"deployment files also name {string.Join(", ", deployed.Where(m => m != chosen))}");
            return chosen;
        }
        var named = modules.Where(LooksLikeProduction).ToList();
        if (named.Count > 0)
        {
            reasons.Add($"{named[0]}: its name says production");
            if (named.Count > 1) reasons.Add($"other modules named like production: {string.Join(", ", named.Skip(1))}");
            return named[0];
        }
        foreach (var kind in new[] { "wsgi", "asgi", "manage" })
        {
            var r = references.FirstOrDefault(r => r.Kind == kind && index.PathOf(r.Module) is not null);
            if (r is null) continue;
            reasons.Add($"{r.Module}: the DJANGO_SETTINGS_MODULE default in {r.Path}:{r.Line}");
            return r.Module;
        }
        if (modules.Count > 0)
        {
            var only = modules.FirstOrDefault(m => m.EndsWith(".settings", StringComparison.Ordinal) || m == "settings") ?? modules.Min!;
            reasons.Add($"{only}: the only settings module found" + (modules.Count > 1 ? $" ({modules.Count} candidates, first by name)" : ""));
            return only;
        }
        reasons.Add("no settings module found");
        return null;
    }

    public static bool LooksLikeProduction(string module)
    {
        var last = module[(module.LastIndexOf('.') + 1)..].ToLowerInvariant();
        return last.Split('_', '-').Any(w => ProductionWords.Contains(w));
    }

    /// <summary>A module named settings, inside a settings package, or named settings_*/*_settings.</summary>
    private static bool IsSettingsModule(string module, ModuleIndex index)
    {
        var parts = module.Split('.');
        var last = parts[^1];
        if (last == "settings" && !index.IsPackage(module)) return true;
        if (parts.Length >= 2 && parts[^2] == "settings" && index.IsPackage(string.Join('.', parts[..^1]))) return true;
        if (last == "settings" && index.IsPackage(module)) return true;
        return last.StartsWith("settings_", StringComparison.Ordinal) || last.EndsWith("_settings", StringComparison.Ordinal) && last != "test_settings";
    }

    /// <summary>A package whose __init__.py sets nothing is a folder of settings modules, not one itself.</summary>
    private static bool IsEmptyPackage(ProjectFiles files, ModuleIndex index, string module) =>
        index.IsPackage(module) && index.PathOf(module) is { } init
        && (files.ReadText(init) ?? "").Split('\n').All(l => l.Trim().Length == 0 || l.TrimStart().StartsWith('#') || l.TrimStart().StartsWith("\"\"\"", StringComparison.Ordinal));

    private static bool IsDeploymentFile(string path, string name)
    {
        var lower = name.ToLowerInvariant();
        return lower.StartsWith("dockerfile", StringComparison.Ordinal) || lower.EndsWith(".dockerfile", StringComparison.Ordinal)
            || lower is "containerfile" or "procfile" or "app.yaml" or "app.json" or "fly.toml" or "render.yaml" or "heroku.yml" or "uwsgi.ini" or "gunicorn.conf.py" or "supervisord.conf"
            || lower.EndsWith(".service", StringComparison.Ordinal)
            || (lower.EndsWith(".yml", StringComparison.Ordinal) || lower.EndsWith(".yaml", StringComparison.Ordinal))
                && (lower.Contains("compose", StringComparison.Ordinal) || path.Contains("k8s/", StringComparison.Ordinal) || path.Contains("kubernetes/", StringComparison.Ordinal) || path.Contains("deploy", StringComparison.Ordinal) || path.Contains("helm/", StringComparison.Ordinal));
    }

    private static void Scan(ProjectFiles files, string path, string kind, List<SettingsReference> found, params Regex[] patterns)
    {
        var text = files.ReadText(path);
        if (text is null) return;
        foreach (var pattern in patterns)
            foreach (Match m in pattern.Matches(text))
            {
                var line = 1 + text.AsSpan(0, m.Index).Count('\n');
                found.Add(new SettingsReference(m.Groups[1].Value, path, line, kind));
            }
        found.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path) is var c && c != 0 ? c : a.Line.CompareTo(b.Line));
    }
}
