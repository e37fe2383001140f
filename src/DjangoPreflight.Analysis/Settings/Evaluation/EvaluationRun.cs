using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Discovery;
using DjangoPreflight.Analysis.Environment;
using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>
/// One evaluation of a settings module and everything it imports, under one env profile. Like
/// Python's import system it evaluates each project module once and hands back the same namespace
/// (a partial one while the module is still running, which is what an import cycle sees).
/// </summary>
internal sealed class EvaluationRun
{
    /// <summary>Work limit for one run: expression evaluations, loop iterations and calls all count.</summary>
    public const int MaxSteps = 2_000_000;

    public const int MaxCallDepth = 40;

    /// <summary>Imports nested deeper than this are not evaluated: each is a nested evaluation on the
    /// stack, and a chain of thousands of modules importing the next would overflow it.</summary>
    public const int MaxImportDepth = 64;

    private readonly Dictionary<string, ModuleScope> _modules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _envWrites = new(StringComparer.Ordinal);

    public EvaluationRun(EnvProfile profile, ModuleIndex index, PythonSources parsed, string absoluteRoot, DeclaredPackages? declared = null,
        ProjectFiles? files = null, Func<string, bool>? ignoredByGit = null)
    {
        Files = files;
        _ignoredByGit = ignoredByGit;
        Declared = declared;
        Profile = profile;
        Index = index;
        Parsed = parsed;
        AbsoluteRoot = absoluteRoot;
    }

    public EnvProfile Profile { get; }

    private readonly Func<string, bool>? _ignoredByGit;

    /// <summary>The project's files, for open() of a file the repository holds; null reads none.</summary>
    public ProjectFiles? Files { get; }

    /// <summary>The path itself when .gitignore ignores it (a local file some machines have), else null.</summary>
    public string? IgnoredByGit(string? relative) => relative is not null && _ignoredByGit?.Invoke(relative) == true ? relative : null;

    /// <summary>Third-party packages the dependency files declare; null means assume everything is installed.</summary>
    public DeclaredPackages? Declared { get; }

    /// <summary>Undeclared third-party modules whose import outcome an enclosing try is currently exploring.</summary>
    public Dictionary<string, bool> AssumedInstalled { get; } = new(StringComparer.Ordinal);

    public ModuleIndex Index { get; }

    public PythonSources Parsed { get; }

    public string AbsoluteRoot { get; }

    public int Steps { get; set; }

    /// <summary>The scan's time budget: an evaluation still running when it runs out stops like one
    /// that reached <see cref="MaxSteps"/>, what it did not evaluate unknown.</summary>
    public Project.ScanBudget Budget { get; init; } = Project.ScanBudget.Unbounded;

    public int CallDepth { get; set; }

    /// <summary>Uncaught exceptions: importing the settings would fail with these (file:line: Type: message).</summary>
    public List<string> Raises { get; } = [];

    /// <summary>The uncaught raises the settings make on purpose, with the environment variables they depend on.</summary>
    public List<Refusal> Refusals { get; } = [];

    /// <summary>Things the user should know about this evaluation (cycles, missing modules, ignored calls).</summary>
    public SortedSet<string> Notices { get; } = new(StringComparer.Ordinal);

    /// <summary>Optional override modules the repository does not hold that may set any name of the settings
    /// (a star import or exec of a git-ignored local_settings.py): the settings are judged without them.</summary>
    public List<LocalFile> OverrideModules { get; } = [];

    /// <summary>Reads a variable: writes made by the settings (os.environ[...] = / setdefault) win over the profile.</summary>
    public string? GetEnv(string name)
    {
        if (_envWrites.TryGetValue(name, out var written)) return written;
        return Profile.TryGet(name, out var v) ? v : null;
    }

    public void SetEnv(string name, string? value) => _envWrites[name] = value;

    /// <summary>Evaluates (or returns the cached namespace of) a project module; null if it is not a project module.</summary>
    public ModuleScope? Import(string module)
    {
        if (_modules.TryGetValue(module, out var done)) return done;
        var path = Index.PathOf(module);
        if (path is null) return null;
        var scope = new ModuleScope(module, path, path.EndsWith("__init__.py", StringComparison.Ordinal));
        _modules[module] = scope;
        if (_running.Count >= MaxImportDepth)
        {
            scope.MarkHavoc($"may be set by {path}, which was not evaluated (imports nested deeper than {MaxImportDepth})", byLocalFile: null);
            Notices.Add($"{path}: not evaluated: imports nested deeper than {MaxImportDepth}");
            return scope;
        }
        // A parent package is imported first, as in Python.
        var dot = module.LastIndexOf('.');
        if (dot > 0 && Index.PathOf(module[..dot]) is not null && !_modules.ContainsKey(module[..dot]))
            Import(module[..dot]);
        _running.Add(module);
        try
        {
            var parsed = Parsed.Get(path);
            if (parsed is null)
            {
                // Too large, unreadable or not a regular file (the file list says which, in a notice):
                // what it sets is unknown, never Django's defaults, and importing it is not known to raise.
                scope.MarkHavoc($"may be set by {path}, which could not be read", byLocalFile: null);
                Notices.Add($"{path}: not evaluated: the file could not be read");
                return scope;
            }
            new Interpreter(this, scope).ExecModule(parsed.Module);
        }
        finally
        {
            _running.Remove(module);
        }
        return scope;
    }

    public bool IsRunning(string module) => _running.Contains(module);

    /// <summary>Namespaces of the modules whose import is under way (the chain that led here).</summary>
    public IEnumerable<ModuleScope> RunningScopes() => _running.Select(m => _modules[m]);

    /// <summary>
    /// A container changed in place: every name in any module (and the current frame) bound to the
    /// very same object now holds the new value. Values are immutable here, so reference identity
    /// stands for Python object identity (star imports and aliases share the reference).
    /// </summary>
    public void ReplaceIdentity(PyValue old, PyValue updated, Dictionary<string, Binding>? locals)
    {
        if (old is not (PyList or PyDict or PySet) || ReferenceEquals(old, updated)) return;
        foreach (var scope in _modules.Values)
            Replace(scope.Names);
        if (locals is not null) Replace(locals);

        void Replace(Dictionary<string, Binding> names)
        {
            foreach (var key in names.Keys.ToList())
                if (ReferenceEquals(names[key].Value, old))
                    names[key] = names[key] with { Value = updated };
        }
    }
}

/// <summary>The settings refuse to start: a deliberate raise (a <c>raise</c>, an <c>assert</c>, an environment
/// lookup without a default) that no <c>except</c> catches.</summary>
/// <param name="Where">file:line of the statement that raises.</param>
/// <param name="Type">The exception, e.g. ImproperlyConfigured.</param>
/// <param name="Variables">The environment variables the raise depends on: the one looked up, or those its
/// statement read (a condition like <c>if not SECRET_KEY</c> reads the variable behind SECRET_KEY).</param>
internal sealed record Refusal(string Where, string Type, IReadOnlyList<string> Variables);
