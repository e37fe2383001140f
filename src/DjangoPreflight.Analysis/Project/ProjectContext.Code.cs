using DjangoPreflight.Analysis.Code;

namespace DjangoPreflight.Analysis.Project;

public sealed partial class ProjectContext
{
    private CodeFacts? _code;

    /// <summary>Facts from the project's Python code and text files: URLs, views, templates, error
    /// trackers, CSP and CORS policies. Each is computed on first use; each file is parsed once.</summary>
    public CodeFacts Code => Once(ref _code, () => new CodeFacts(this));
}
