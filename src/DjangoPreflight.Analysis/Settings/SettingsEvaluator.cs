using System.Collections.Immutable;
using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Discovery;
using DjangoPreflight.Analysis.Environment;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings.Evaluation;

namespace DjangoPreflight.Analysis.Settings;

/// <summary>
/// Evaluates settings modules from source under an env profile, and again with each variable they
/// read removed, to answer "what if it is missing?". Never runs project code.
/// </summary>
public sealed class SettingsEvaluator
{
    /// <summary>At most this many variables get their own "missing" re-evaluation per module.</summary>
    public const int MaxMissingRuns = 64;

    private readonly ModuleIndex _index;
    private readonly PythonSources _parsed;
    private readonly EnvProfile _profile;
    private readonly string _root;
    private readonly ProjectDiagnostics _diagnostics;
    private readonly DeclaredPackages _declared;
    private readonly ProjectFiles _files;
    private readonly Func<string, bool>? _ignoredByGit;
    private readonly Dictionary<string, bool> _ignored = new(StringComparer.Ordinal);
    private readonly ScanBudget _budget;
    private readonly Lazy<EntryPointConfiguration?> _configuration;

    /// <param name="ignoredByGit">Whether .gitignore ignores a root-relative path; null when there is no repository to ask.</param>
    public SettingsEvaluator(ProjectFiles files, PythonSources sources, ModuleIndex index, EnvProfile profile, ProjectDiagnostics diagnostics,
        Func<string, bool>? ignoredByGit = null, ScanBudget? budget = null)
    {
        // Read from the entry points only when the settings hold django-configurations classes: it walks every file.
        _configuration = new Lazy<EntryPointConfiguration?>(() => EntryPointConfiguration(files, sources, diagnostics));
        _budget = budget ?? ScanBudget.Unbounded;
        _files = files;
        _ignoredByGit = ignoredByGit;
        _index = index;
        _profile = profile;
        _root = files.Root;
        _diagnostics = diagnostics;
        _parsed = sources;
        _declared = new DeclaredPackages(files);
    }

    /// <summary>Evaluates one module; <paramref name="reasons"/> say why it is the one audited.</summary>
    public SettingsModel Evaluate(string module, DjangoVersion version, IReadOnlyList<string> reasons, bool reportUnresolved)
    {
        var path = _index.PathOf(module);
        var main = Run(_profile, module);
        var names = main.Scope is null ? [] : main.Scope.Names.Where(kv => IsUpper(kv.Key)).ToList();

        var allVars = new SortedSet<string>(names.SelectMany(kv => kv.Value.Deps), StringComparer.Ordinal);
        var missing = new Dictionary<string, IReadOnlyDictionary<string, Binding>>(StringComparer.Ordinal);
        // Variables the profile sets but without which the settings refuse to start: no fallback applies.
        var refusedWhenMissing = new Dictionary<string, Refusal>(StringComparer.Ordinal);
        foreach (var v in allVars.Where(v => _profile.TryGet(v, out _)).Take(MaxMissingRuns))
        {
            if (_budget.Expired)
            {
                // Left out, each variable's "when missing" is unknown (below), never a guess.
                _budget.CutShort($"{module} not re-evaluated without", v);
                continue;
            }
            var run = Run(_profile.Without(v), module);
            missing[v] = run.Scope?.Names ?? new Dictionary<string, Binding>();
            if (run.Run.Refusals.FirstOrDefault(r => r.Variables.Contains(v)) is { } refusal) refusedWhenMissing[v] = refusal;
        }
        var refused = Refused(main.Run);

        var settings = new SortedDictionary<string, Setting>(StringComparer.Ordinal);
        foreach (var (name, binding) in names)
        {
            var value = Py.Export(binding.Value);
            var whenMissing = new SortedDictionary<string, PyValue>(StringComparer.Ordinal);
            foreach (var v in binding.Deps)
            {
                // What a missing variable falls back to is judged without an override module too: a
                // deployment that forgets the variable may well have none (DESIGN.md, fail-open).
                if (!_profile.TryGet(v, out _)) whenMissing[v] = PyOverridable.Fallback(value);
                else if (refusedWhenMissing.TryGetValue(v, out var refusal))
                    whenMissing[v] = new PyUnknown($"the settings do not start without {v} ({refusal.Where} raises {refusal.Type})");
                else if (missing.TryGetValue(v, out var alt))
                    whenMissing[v] = alt.TryGetValue(name, out var b) ? PyOverridable.Fallback(Py.Export(b.Value)) : new PyUnknown($"{name} is not set when {v} is missing");
                else whenMissing[v] = new PyUnknown(_budget.Expired ? "not computed: the scan's time budget ran out" : "not computed: too many environment variables");
            }
            var unset = binding.Deps.Where(v => !_profile.TryGet(v, out _)).ToList();
            var setting = new Setting(name, value, binding.Location, binding.Deps.ToList(), whenMissing)
            {
                UnsetEnvVars = unset,
                Requires = FailClosed.Requires(name, value, unset, refused),
            };
            settings[name] = setting;
            // A value an override module may change is judged by the repository's fallback: resolved, with the module's notice.
            if (reportUnresolved && !PyOverridable.Fallback(value).IsKnown && !setting.FailsClosed) _diagnostics.Unresolved(name);
        }
        var havoc = main.Scope?.Havoc;
        foreach (var (name, value) in DjangoDefaults.For(version))
        {
            if (settings.ContainsKey(name)) continue;
            if (havoc is null)
            {
                settings[name] = new Setting(name, value, null, [], ImmutableDictionary<string, PyValue>.Empty, IsDefault: true);
                continue;
            }
            // Something not understood may have set it: Django's default is only what it would be otherwise.
            var reason = $"it {havoc} (Django's default is {PyRepr.Of(value)})";
            PyValue unknown = main.Scope!.HavocLocalFile is { } file ? new PyOverridable(reason, value, file) : new PyUnknown(reason);
            settings[name] = new Setting(name, unknown, null, [], ImmutableDictionary<string, PyValue>.Empty);
            if (reportUnresolved && unknown is not PyOverridable) _diagnostics.Unresolved(name);
        }

        foreach (var n in main.Run.Notices) _diagnostics.Notice(n);
        if (path is null) _diagnostics.Notice($"settings module {module} is not a file of the project");
        return new SettingsModel(module, path, settings, reasons)
        {
            Raises = path is null ? [$"ModuleNotFoundError: No module named '{module}'"] : main.Run.Raises.Distinct().ToList(),
            Requirements = FailClosed.Requirements(settings.Values, refused),
            DefaultsVersion = version,
            OverrideModules = main.Run.OverrideModules.ToList(),
        };
    }

    /// <summary>The module's values with <paramref name="template"/>'s variables filling those the profile
    /// does not set (the profile's own values win: they are production's files); null when the scan's
    /// time budget has run out.</summary>
    public TemplateSettings? UnderTemplate(EnvTemplate template, string module)
    {
        if (_budget.Expired) return null;
        var variables = new Dictionary<string, string>(template.Values(), StringComparer.Ordinal);
        foreach (var (name, value) in _profile.Variables) variables[name] = value;
        var (_, scope) = Run(new EnvProfile(variables, [.. _profile.Sources, template.Path]), module);
        var values = scope is null ? new Dictionary<string, PyValue>(StringComparer.Ordinal)
            : scope.Names.Where(kv => IsUpper(kv.Key)).ToDictionary(kv => kv.Key, kv => Py.Export(kv.Value.Value), StringComparer.Ordinal);
        return new TemplateSettings(template, values);
    }

    /// <summary>The variables the profile does not set whose absence makes the settings refuse to start, with the first refusal.</summary>
    private Dictionary<string, Refusal> Refused(EvaluationRun run)
    {
        var refused = new Dictionary<string, Refusal>(StringComparer.Ordinal);
        foreach (var refusal in run.Refusals)
            foreach (var v in refusal.Variables)
                if (!_profile.TryGet(v, out _)) refused.TryAdd(v, refusal);
        return refused;
    }

    private (EvaluationRun Run, ModuleScope? Scope) Run(EnvProfile profile, string module)
    {
        _budget.Phase = $"evaluating the settings module {module}";
        var run = new EvaluationRun(profile, _index, _parsed, _root, _declared, _files, _ignoredByGit is null ? null : IsIgnored) { Budget = _budget };
        ModuleScope? scope;
        try
        {
            scope = run.Import(module);
            if (scope is not null) new Interpreter(run, scope).SetUpConfiguration(() => _configuration.Value);
        }
        catch (PyRaise e)
        {
            // Raised while importing a parent package: the module itself never ran.
            run.Raises.Add($"{e.Where}: {e.Type}: {e.Message}");
            scope = null;
        }
        return (run, scope);
    }

    /// <summary>
    /// The django-configurations class production sets up by default: the DJANGO_CONFIGURATION that
    /// wsgi.py/asgi.py set (what gunicorn and friends import). manage.py's is the one its commands
    /// use, not the served app's. Entry points that disagree decide nothing, and say so.
    /// </summary>
    private static EntryPointConfiguration? EntryPointConfiguration(ProjectFiles files, PythonSources sources, ProjectDiagnostics diagnostics)
    {
        var found = PythonSettingsDefaults.Find(files, sources, "DJANGO_CONFIGURATION")
            .Where(d => !d.InFunction && ProjectFiles.FileName(d.Path) is "wsgi.py" or "asgi.py").ToList();
        if (found.Count == 0) return null;
        if (found.Select(d => d.Module).Distinct().Count() > 1)
        {
            diagnostics.Notice($"the entry points set different DJANGO_CONFIGURATION defaults ({string.Join(", ", found.Select(d => $"{d.Module} in {d.Path}:{d.Line}"))}): which class production sets up is not known");
            return null;
        }
        var first = found[0];
        return new EntryPointConfiguration(first.Module, $"{first.Path}:{first.Line}", found.Any(d => d.Forces));
    }

    /// <summary>Asked once per path: every re-evaluation asks about the same local files.</summary>
    private bool IsIgnored(string relative)
    {
        if (!_ignored.TryGetValue(relative, out var ignored))
            _ignored[relative] = ignored = _ignoredByGit!(relative);
        return ignored;
    }

    /// <summary>Python's str.isupper(), which is how Django picks settings out of a module.</summary>
    public static bool IsUpper(string name) => name.Any(char.IsUpper) && !name.Any(char.IsLower);

    /// <summary>Says that the deployment files gave the environment, naming the first variables.</summary>
    private static string EnvironmentReason(EnvProfile profile)
    {
        const int shown = 12;
        var names = profile.Origins.Keys.Order(StringComparer.Ordinal).ToList();
        var list = string.Join(", ", names.Take(shown)) + (names.Count > shown ? $" and {names.Count - shown} more" : "");
        return $"Environment (no --env-file or --env given): {list}, as {string.Join(", ", profile.Sources)} set them";
    }

    /// <summary>The real loader behind <see cref="ProjectContext.Settings"/>.</summary>
    public static SettingsFacts Load(ProjectContext project)
    {
        var layout = project.SettingsLayout;
        var profile = project.EnvProfile;
        var target = project.Django;
        var version = target.Version ?? DjangoDefaults.NewestLts;
        var versionReason = target.Version is null
            ? $"Django defaults: {target.Reason}; assuming {DjangoDefaults.NewestLts.Series} (the newest supported LTS)"
            : $"Django defaults: {version.Series} ({target.Reason})";
        var evaluator = new SettingsEvaluator(project.Files, project.Python, layout.Index, profile, project.Diagnostics,
            path => project.Git.IsRepository && project.Git.Ignored([path]).Count > 0, project.Options.Budget);
        SettingsModel? production = null;
        var all = new List<SettingsModel>();
        var environment = profile.Origins.Count == 0 ? [] : new[] { EnvironmentReason(profile) };
        if (layout.Production is { } prod)
        {
            production = evaluator.Evaluate(prod, version, [.. layout.Reasons, .. environment, versionReason], reportUnresolved: true);
            all.Add(production);
        }
        foreach (var module in layout.SettingsModules)
        {
            if (module == layout.Production) continue;
            if (project.Options.Budget.Expired)
            {
                project.Options.Budget.CutShort("settings modules not evaluated", module);
                continue;
            }
            all.Add(evaluator.Evaluate(module, version, [$"{module}: a settings module of the project (not the one production runs)", versionReason], reportUnresolved: false));
        }
        var template = production is null || EnvProfile.GivenByUser(project.Options) ? null : EnvTemplate.Find(project.Deployment, project.Files);
        return new SettingsFacts(production, all.OrderBy(m => m.Module, StringComparer.Ordinal).ToList(),
            template is null ? null : () => evaluator.UnderTemplate(template, production!.Module));
    }
}
