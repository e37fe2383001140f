using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules;

/// <summary>A rule that reads a project's facts (settings, code, deployment files, git) and reports
/// findings. Put each in its own file under the folder of its category; the registry finds it.</summary>
public abstract class ProjectRule : Rule
{
    public abstract IEnumerable<Finding> Check(ProjectContext project);
}
