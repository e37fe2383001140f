using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Settings;

/// <summary>
/// The evaluated settings of one settings module: what Django would see after importing it,
/// computed without running it.
/// </summary>
public sealed class SettingsModel
{
    public SettingsModel(string module, string? path, IReadOnlyDictionary<string, Setting> settings, IReadOnlyList<string> reasons)
    {
        Module = module;
        Path = path;
        Settings = settings;
        Reasons = reasons;
    }

    /// <summary>Dotted module name, e.g. <c>shop.settings.production</c>.</summary>
    public string Module { get; }

    /// <summary>The module's file, relative to the project root with '/'.</summary>
    public string? Path { get; }

    /// <summary>Upper-case names only, as Django reads them; includes Django defaults (IsDefault).</summary>
    public IReadOnlyDictionary<string, Setting> Settings { get; }

    /// <summary>Why this module was chosen as the one production runs.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>Exceptions importing the module would raise under the profile ("path:line: Type: message"):
    /// a fail-fast configuration shows here. Evaluation goes on past them so the rest can be audited.</summary>
    public IReadOnlyList<string> Raises { get; init; } = [];

    /// <summary>What production must set, one entry per environment variable, sorted (see <see cref="Setting.Requires"/>).</summary>
    public IReadOnlyList<Requirement> Requirements { get; init; } = [];

    /// <summary>The Django version whose defaults fill in what the project does not set.</summary>
    public DjangoVersion? DefaultsVersion { get; init; }

    /// <summary>Optional override modules the repository does not hold, which may change any setting (see
    /// <see cref="LocalFile"/>): the values here are the repository's, which run wherever they are missing.</summary>
    public IReadOnlyList<LocalFile> OverrideModules { get; init; } = [];

    public Setting? this[string name] => Settings.TryGetValue(name, out var s) ? s : null;

    /// <summary>True when the project (not Django's defaults) sets this name.</summary>
    public bool IsSet(string name) => this[name] is { IsDefault: false };

    /// <summary>True when the project's code certainly defines <paramref name="name"/>: an assignment the
    /// evaluator followed. A name that something not understood (exec of unknown code, a star import it
    /// cannot read) only may have set is unknown without a source, and is not certainly set.</summary>
    public bool CertainlySet(string name) => this[name] is { IsDefault: false } s && (s.Source is not null || s.IsKnown);

    /// <summary>Where to point a finding about <paramref name="name"/>: its assignment, else the module file.</summary>
    public SourceLocation LocationOf(string name) =>
        this[name]?.Source ?? new SourceLocation(Path, Path is null ? null : 1);
}
