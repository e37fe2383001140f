using DjangoPreflight.Analysis.Configuration;

namespace DjangoPreflight.Analysis.Project;

/// <summary>What the user asked for, as given on the command line; facts loaders read what they need.</summary>
public sealed record ScanOptions
{
    /// <summary><c>--settings</c>: the dotted settings module to audit; null means discover it.</summary>
    public string? SettingsModule { get; init; }

    /// <summary><c>--env-file</c> files, in the order given (later files win).</summary>
    public IReadOnlyList<string> EnvFiles { get; init; } = [];

    /// <summary><c>--env KEY=VALUE</c> pairs, applied after the env files.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> EnvPairs { get; init; } = [];

    /// <summary><c>--inherit-env</c>: start from the process environment.</summary>
    public bool InheritEnvironment { get; init; }

    /// <summary><c>--django-version</c>: overrides what the dependency files say.</summary>
    public string? DjangoVersion { get; init; }

    /// <summary><c>--no-history</c>: skip the git history scan.</summary>
    public bool NoHistory { get; init; }

    /// <summary>The configuration file's project-level settings: <c>exclude</c> (files and folders never
    /// read) and <c>per-path-ignores</c> (findings dropped after the rules ran).</summary>
    public PreflightConfig Configuration { get; init; } = PreflightConfig.None;

    /// <summary><c>--timeout</c>: the whole scan's time budget; what it cuts short is named in a notice.
    /// Unbounded unless the command sets one: a context kept by a caller must not run out by waiting.</summary>
    public ScanBudget Budget { get; init; } = ScanBudget.Unbounded;

    /// <summary>Files larger than this are skipped with a notice, never parsed.</summary>
    public long MaxFileBytes { get; init; } = 4 * 1024 * 1024;
}
