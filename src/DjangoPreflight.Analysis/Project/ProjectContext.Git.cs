using DjangoPreflight.Analysis.Git;

namespace DjangoPreflight.Analysis.Project;

public sealed partial class ProjectContext
{
    private GitFacts? _git;

    /// <summary>The enclosing git repository: tracked files, ignore rules, secrets in the history.</summary>
    public GitFacts Git => Once(ref _git, () => GitFacts.Load(Root, Options.NoHistory, Diagnostics.Notice, progress: HistoryProgressLine.ForConsole));
}
