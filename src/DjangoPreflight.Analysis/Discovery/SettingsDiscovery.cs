using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Discovery;

/// <summary>What discovery found: the import roots, the settings modules, which one production runs
/// and why (the evidence that won and the candidates it beat).</summary>
public sealed record DiscoveredSettings(
    ModuleIndex Index,
    string? Production,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> SettingsModules,
    IReadOnlyList<SettingsEvidence> Evidence)
{
    /// <summary>The evidence that decided, or null with --settings or when no module was found.</summary>
    public SettingsEvidence? Winner { get; init; }

    /// <summary>The best evidence of each other module it beat, strongest first.</summary>
    public IReadOnlyList<SettingsEvidence> Beaten { get; init; } = [];
}

/// <summary>
/// Finds the settings module production runs by ranking evidence (see <see cref="ServingEvidence"/>
/// and <see cref="EvidenceKind"/>): what the process serving the app in a production deployment file
/// is given, a module the code forces, the wsgi/asgi default of the module a production server
/// loads, any wsgi/asgi default, a module named like production, other defaults, the only module.
/// Development, test and CI files, commented-out lines and build steps are never evidence. When the
/// module production runs is not in the repository, says so and evaluates the closest module the
/// deployment names. Nothing is imported or run.
/// </summary>
public static class SettingsDiscovery
{
    private static readonly string[] ProductionWords = ["production", "prod", "prd", "live", "deploy", "deployment"];

    public static DiscoveredSettings Discover(ProjectFiles files, ScanOptions options, ProjectDiagnostics diagnostics, DeploymentFacts deployment, PythonSources python)
    {
        var roots = ImportRoots(files);
        var index = new ModuleIndex(files, roots);
        var defaults = PythonSettingsDefaults.Find(files, python);

        var modules = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var module in index.Modules)
            if (IsSettingsModule(module, index) && !IsEmptyPackage(files, index, module))
                modules.Add(module);

        var serving = new ServingEvidence(deployment, defaults, index);
        var evidence = serving.Collect();
        foreach (var d in defaults.Where(d => !d.Forces || ServingEvidence.IsManage(d.Path)))
        {
            var name = ProjectFiles.FileName(d.Path);
            var entry = name is "wsgi.py" or "asgi.py";
            var development = DeploymentLoader.IsDevelopmentModule(d.Module);
            evidence.Add(entry
                ? new SettingsEvidence(d.Module, EvidenceKind.EntryPointDefault, development ? 42 : 60, $"the DJANGO_SETTINGS_MODULE default in {d.Path}", new SourceLocation(d.Path, d.Line))
                : new SettingsEvidence(d.Module, EvidenceKind.OtherDefault, development ? 25 : 30, $"the DJANGO_SETTINGS_MODULE default in {d.Path}", new SourceLocation(d.Path, d.Line)));
        }
        foreach (var module in modules.Where(LooksLikeProduction))
            evidence.Add(new SettingsEvidence(module, EvidenceKind.ProductionName, 50, "its name says production", null));

        // A production deployment that sets DJANGO_SETTINGS_MODULE from a variable the repository
        // does not set overrides every setdefault: those defaults are not what production runs.
        var overriddenBy = serving.UnknownAssignment;
        if (overriddenBy is not null)
            evidence = evidence.Select(e => e.Kind is EvidenceKind.ServedEntryPoint or EvidenceKind.EntryPointDefault or EvidenceKind.OtherDefault
                ? e with { Strength = e.Strength - 40 }
                : e).ToList();

        foreach (var e in evidence.Where(e => index.PathOf(e.Module) is not null))
            modules.Add(e.Module);

        var reasons = new List<string>();
        string? production;
        SettingsEvidence? winner = null;
        var ranked = evidence.OrderByDescending(e => e.Strength).ThenBy(e => e.Kind).ThenBy(e => e.Module, StringComparer.Ordinal)
            .ThenBy(e => e.Location?.ToString(), StringComparer.Ordinal).ToList();
        if (options.SettingsModule is { } given)
        {
            if (index.PathOf(given) is null)
                diagnostics.Notice($"--settings {given}: no such module in the project");
            reasons.Add($"{given}: given with --settings");
            production = given;
        }
        else
        {
            (production, winner) = Choose(ranked, modules, index, files, deployment, reasons, diagnostics);
            if (deployment.Files.Count > 0 && !deployment.Files.Any(f => f.Role.SpeaksForProduction()))
                reasons.Add("no file in the repository deploys to production: every deployment file is for development, CI, tests or an example");
            if (overriddenBy is not null && winner is not null && winner.Kind is not EvidenceKind.ServingProcess and not EvidenceKind.ForcedByCode)
                reasons.Add($"production sets DJANGO_SETTINGS_MODULE from {overriddenBy.Value.Raw} ({overriddenBy.Value.Location}), which the repository does not set, so no setdefault applies");
        }
        // The same file under another import root's name is the same candidate, not a beaten one.
        var productionPath = production is null ? null : index.PathOf(production);
        var beaten = ranked.Where(e => e.Module != production && e.Module != winner?.Module && (productionPath is null || index.PathOf(e.Module) != productionPath))
            .GroupBy(e => e.Module).Select(g => g.First()).Take(6).ToList();
        if (beaten.Count > 0)
            reasons.Add("beat: " + string.Join("; ", beaten.Select(e => $"{e.Module} ({e.Text})")));
        if (production is not null && index.PathOf(production) is not null) modules.Add(production);
        return new DiscoveredSettings(index, production, reasons, modules.ToList(), ranked) { Winner = winner, Beaten = beaten };
    }

    /// <summary>The strongest evidence's module, or a stand-in when that module is not in the repository.</summary>
    private static (string? Module, SettingsEvidence? Winner) Choose(List<SettingsEvidence> ranked, SortedSet<string> modules, ModuleIndex index,
        ProjectFiles files, DeploymentFacts deployment, List<string> reasons, ProjectDiagnostics diagnostics)
    {
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in ranked)
        {
            if (index.PathOf(e.Module) is not null)
            {
                reasons.Add($"{e.Module}: {e.Text}");
                return (e.Module, e);
            }
            if (StandIn.Find(e.Module, index, files, deployment) is var (module, why) && module is not null)
            {
                reasons.Add($"{e.Module}: {e.Text}");
                reasons.Add($"{e.Module} is not in the repository; evaluating {module}, {why}");
                diagnostics.Notice($"production runs the settings module {e.Module} ({e.Text}), which is not in the repository; {module} is evaluated in its place ({why})");
                return (module, e);
            }
            if (missing.Add(e.Module))
                diagnostics.Notice($"production's settings module {e.Module} ({e.Text}) is not in the repository, and nothing in it says what that module holds");
        }
        if (modules.Count > 0)
        {
            var only = modules.FirstOrDefault(m => m.EndsWith(".settings", StringComparison.Ordinal) || m == "settings") ?? modules.Min!;
            var e = new SettingsEvidence(only, EvidenceKind.OnlyModule, 10,
                modules.Count == 1 ? "the only settings module found" : $"nothing says which of {modules.Count} settings modules production runs; the first by name", null);
            reasons.Add($"{only}: {e.Text}");
            return (only, e);
        }
        reasons.Add("no settings module found");
        return (null, null);
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
}
