using DjangoPreflight.Analysis.Dependencies;

namespace DjangoPreflight.Analysis.Project;

public sealed partial class ProjectContext
{
    private DependencyFacts? _dependencies;

    /// <summary>The packages the project declares or locks, with where each was read.</summary>
    public DependencyFacts Dependencies => Once(ref _dependencies, () => DependencyFacts.Load(this));
}
