using DjangoPreflight.Analysis.Code;

namespace DjangoPreflight.Analysis.Project;

public sealed partial class ProjectContext
{
    private PythonSources? _python;

    /// <summary>The one parse cache of the scan: the settings evaluator and the code facts both read
    /// through it, so every Python file is read and parsed at most once.</summary>
    public PythonSources Python => Once(ref _python, () => new PythonSources(Files, Diagnostics, Options.Budget));
}
