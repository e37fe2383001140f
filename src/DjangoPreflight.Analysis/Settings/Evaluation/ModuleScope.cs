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

    /// <summary>The files django-split-settings' include() has run in this namespace (its
    /// <c>__included_files__</c>): a file is included once, however many patterns match it.</summary>
    public HashSet<string> IncludedFiles { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Set when something the evaluator could not follow may have set any name in this module (a
    /// star import it cannot read, exec of unknown code, a syntax error, globals() changed with an
    /// unknown key): the reason, said as "may be set by ...". From then on a name the module does
    /// not define is unknown rather than undefined, and so is every Django default.
    /// </summary>
    public string? Havoc { get; private set; }

    /// <summary>Set while every <see cref="Havoc"/> so far came from a local file the repository does not
    /// hold (see <see cref="PyOverridable"/>), the first such file: without it, Django's defaults still hold.</summary>
    public LocalFile? HavocLocalFile { get; private set; }

    /// <summary>Records that something not understood may have set any name from here on;
    /// <paramref name="byLocalFile"/> is the local file it came from, if it did.</summary>
    public void MarkHavoc(string reason, LocalFile? byLocalFile)
    {
        if (Havoc is null)
        {
            Havoc = reason;
            HavocLocalFile = byLocalFile;
        }
        else if (byLocalFile is null) HavocLocalFile = null;
    }
}
