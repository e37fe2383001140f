using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Analysis.Project;

public sealed partial class ProjectContext
{
    private DjangoTarget? _django;

    /// <summary>The Django version the project targets, and why we think so.</summary>
    public DjangoTarget Django => Once(ref _django, () => DjangoTarget.Load(this));
}
