using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Settings;

/// <summary>
/// One setting as the audited settings module leaves it.
/// </summary>
/// <param name="Name">The setting's name, e.g. <c>DEBUG</c>.</param>
/// <param name="Value">Its value under the active env profile.</param>
/// <param name="Source">Where it was last assigned (or mutated); null for a Django default.</param>
/// <param name="EnvVars">The environment variables the value depends on, sorted.</param>
/// <param name="WhenMissing">For each of <paramref name="EnvVars"/>: what the value becomes if that
/// variable is missing from the environment (a fail-open default shows here). A
/// <see cref="PyUnknown"/> whose reason says so means the lookup raises (fail-fast).</param>
/// <param name="IsDefault">True when the project never sets it and this is Django's default for the targeted version.</param>
public sealed record Setting(
    string Name,
    PyValue Value,
    SourceLocation? Source,
    IReadOnlyList<string> EnvVars,
    IReadOnlyDictionary<string, PyValue> WhenMissing,
    bool IsDefault = false)
{
    public bool IsKnown => Value.IsKnown;

    /// <summary>Those of <see cref="EnvVars"/> the active profile does not define (so the value shown is what a missing variable gives).</summary>
    public IReadOnlyList<string> UnsetEnvVars { get; init; } = [];

    /// <summary>True if the value comes from the environment rather than a literal.</summary>
    public bool FromEnvironment => EnvVars.Count > 0;

    /// <summary>Those of <see cref="UnsetEnvVars"/> production must set: without them the settings refuse
    /// to start, or this value is random on every start. The value shown is then not what production
    /// runs (fail-closed), so no rule judges it; the report lists the variables instead.</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];

    /// <summary>True when production cannot run this value as shown (<see cref="Requires"/>), or the
    /// value is safe by construction (a random key): nothing about it is a finding. A random key that a
    /// git-ignored local file may replace (linkding's data/secretkey.txt) is the project's safe value too.</summary>
    public bool FailsClosed => Requires.Count > 0 || Value is PyRandomSecret or PyOverridable { Repository: PyRandomSecret };
}
