namespace DjangoPreflight.Analysis.Configuration;

/// <summary>A value the configuration file set, with the line that set it.</summary>
public sealed record Configured<T>(T Value, int Line);

/// <summary>
/// What <c>[tool.django-preflight]</c> in pyproject.toml (or a <c>--config</c> file) says. Every key is
/// optional: null means "not configured", and the command line or the built-in default decides.
/// Values are already validated by <see cref="ConfigFile"/>.
/// </summary>
public sealed record PreflightConfig
{
    public static readonly PreflightConfig None = new();

    /// <summary>The file as shown in messages (e.g. <c>pyproject.toml</c>); null when no file was read.</summary>
    public string? File { get; init; }

    /// <summary>Rule IDs or prefixes to run, like <c>--select</c>.</summary>
    public Configured<IReadOnlyList<string>>? Select { get; init; }

    /// <summary>Rule IDs or prefixes to skip, like <c>--ignore</c>.</summary>
    public Configured<IReadOnlyList<string>>? Ignore { get; init; }

    public Configured<string>? FailOn { get; init; }

    /// <summary>The least confidence a finding needs to count toward <see cref="FailOn"/>, like <c>--min-confidence</c>.</summary>
    public Configured<string>? MinConfidence { get; init; }

    public Configured<string>? Format { get; init; }

    /// <summary>The dotted settings module, like <c>--settings</c>.</summary>
    public Configured<string>? Settings { get; init; }

    /// <summary>Dotenv files, as full paths (written relative to the configuration file's folder).</summary>
    public Configured<IReadOnlyList<string>>? EnvFiles { get; init; }

    public Configured<string>? DjangoVersion { get; init; }

    public Configured<bool>? NoHistory { get; init; }

    /// <summary>Files and folders the scan does not read (same patterns as per-path-ignores).</summary>
    public IReadOnlyList<PathGlob> Exclude { get; init; } = [];

    /// <summary>Findings whose path matches a glob are dropped for the rules it lists, in file order.</summary>
    public IReadOnlyList<PathIgnore> PerPathIgnores { get; init; } = [];
}

/// <summary>One <c>per-path-ignores</c> entry: findings at paths <see cref="Glob"/> matches are dropped
/// for the rule IDs or prefixes in <see cref="Rules"/>.</summary>
public sealed record PathIgnore(PathGlob Glob, IReadOnlyList<string> Rules, int Line)
{
    public bool Hides(string ruleId, string? path) =>
        path is not null && Rules.Any(r => Core.RuleIdPrefix.Covers(r, ruleId)) && Glob.Matches(path);
}

/// <summary>A configuration file that cannot be used; the message starts with <c>file:line:</c>.</summary>
public sealed class ConfigException(string message) : Exception(message);
