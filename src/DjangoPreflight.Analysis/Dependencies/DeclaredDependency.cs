using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Dependencies;

/// <summary>
/// One package the project declares or locks.
/// </summary>
/// <param name="Name">PEP 503-normalised name (lower case, runs of '-', '_', '.' as one '-').</param>
/// <param name="Specifier">The version constraint as written ("&gt;=4.2,&lt;5", "^4.2", "==4.2.11"); empty when none.</param>
/// <param name="Pinned">The exact version when the constraint pins one or a lock file records it; else null.</param>
/// <param name="Source">The file and line it was read from.</param>
/// <param name="FromLock">True when read from a lock file (Pipfile.lock, poetry.lock, uv.lock).</param>
public sealed record DeclaredDependency(string Name, string Specifier, string? Pinned, SourceLocation Source, bool FromLock)
{
    /// <summary>How it was declared, for reports: "Django==4.2.11" or "django (locked 4.2.11)".</summary>
    public string Display => FromLock ? $"{Name} {Pinned} locked" : Specifier.Length == 0 ? Name : $"{Name}{(char.IsLetterOrDigit(Specifier[0]) ? " " : "")}{Specifier}";
}
