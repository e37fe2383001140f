namespace DjangoPreflight.Analysis.Project;

/// <summary>
/// Everything rules may know about a scanned project. Each family of facts (settings, dependencies,
/// code, deployment files, git) lives in its own partial file as a lazily computed, thread-safe
/// property: a fact is computed once, on first use, and only if some selected rule needs it.
/// </summary>
public sealed partial class ProjectContext
{
    public ProjectContext(string root, ScanOptions options)
    {
        Root = Path.GetFullPath(root);
        Options = options;
        Diagnostics = new ProjectDiagnostics();
        Files = new ProjectFiles(Root, options.MaxFileBytes, Diagnostics, options.Configuration.Exclude, options.Budget);
    }

    /// <summary>Absolute path of the scanned directory.</summary>
    public string Root { get; }

    public ScanOptions Options { get; }

    public ProjectDiagnostics Diagnostics { get; }

    /// <summary>The project's files, relative paths with '/', and cached reads.</summary>
    public ProjectFiles Files { get; }

    /// <summary>Computes <paramref name="field"/> once, even when several rules ask at the same time.</summary>
    private T Once<T>(ref T? field, Func<T> compute) where T : class =>
        LazyInitializer.EnsureInitialized(ref field, ref _onceLock, compute)!;

    /// <summary>Like <see cref="Once{T}"/>, for a fact every scan computes before its rules need
    /// much else: it is a step of the time budget (see <see cref="ScanBudget.Step{T}"/>), named in the
    /// notice when the budget runs out during it.</summary>
    private T Step<T>(ref T? field, string name, Func<T> compute) where T : class =>
        Once(ref field, () => Options.Budget.Step(name, compute));

    private object? _onceLock;
}
