using System.Collections.Immutable;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>A name's value, where it was last set, and the env vars it (transitively) depends on.</summary>
internal sealed record Binding(PyValue Value, SourceLocation? Location, ImmutableSortedSet<string> Deps);

/// <summary>The namespace of one evaluated module, in assignment order.</summary>
internal sealed class ModuleScope
{
    public ModuleScope(string module, string? path, bool isPackage)
    {
        Module = module;
        Path = path;
        IsPackage = isPackage;
    }

    public string Module { get; }

    /// <summary>Relative path of the file, '/' separated.</summary>
    public string? Path { get; }

    public bool IsPackage { get; }

    public Dictionary<string, Binding> Names { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Modules star-imported that we could not read: any undefined name may come from them.</summary>
    public List<string> OpaqueStarImports { get; } = [];
}
