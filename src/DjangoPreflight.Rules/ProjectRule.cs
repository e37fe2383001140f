using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules;

/// <summary>A rule that reads a project's facts (settings, code, deployment files, git) and reports
/// findings. Put each in its own file under the folder of its category; the registry finds it.</summary>
public abstract class ProjectRule : Rule
{
    public abstract IEnumerable<Finding> Check(ProjectContext project);

    /// <summary>What the rule reads from git, so the scanner can start git before the rules run (see
    /// <see cref="ProjectContext.PrefetchGit"/>). A hint for speed only: a rule that reads git
    /// without saying so still gets the same facts, later.</summary>
    public virtual GitReads ReadsGit => GitReads.Nothing;
}

/// <summary>How much of git a rule reads, from least to most.</summary>
public enum GitReads
{
    Nothing,

    /// <summary>The repository and its tracked files.</summary>
    Files,

    /// <summary>The history scan as well.</summary>
    History,
}
