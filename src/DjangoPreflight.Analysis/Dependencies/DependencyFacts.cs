using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Dependencies;

/// <summary>
/// The packages a project declares (requirements files, pyproject.toml, Pipfile) or locks (Pipfile.lock,
/// poetry.lock, uv.lock), read without installing anything. Ask with any spelling of a name:
/// lookups are PEP 503-normalised.
/// </summary>
public sealed class DependencyFacts
{
    public DependencyFacts(IReadOnlyList<DeclaredDependency> all)
    {
        All = all.OrderBy(d => d.Name, StringComparer.Ordinal)
            .ThenBy(d => d.Source.Path, StringComparer.Ordinal).ThenBy(d => d.Source.Line).ToList();
    }

    /// <summary>Every declaration, sorted by name then file and line; a package may appear in several files.</summary>
    public IReadOnlyList<DeclaredDependency> All { get; }

    public bool Has(string name) => Find(name).Count > 0;

    /// <summary>Every declaration of <paramref name="name"/> (any spelling), lock entries included.</summary>
    public IReadOnlyList<DeclaredDependency> Find(string name)
    {
        var key = PackageName.Normalize(name);
        return All.Where(d => d.Name == key).ToList();
    }

    public static DependencyFacts Load(ProjectContext project)
    {
        var found = new List<DeclaredDependency>();
        var files = project.Files;
        var requirements = new RequirementsReader(files, project.Diagnostics);
        foreach (var path in files.All)
        {
            var name = ProjectFiles.FileName(path);
            if (RequirementsReader.LooksLikeRequirements(path))
                found.AddRange(requirements.ReadTree(path));
            else if (name == "pyproject.toml")
                found.AddRange(PyprojectReader.Read(path, files, project.Diagnostics));
            else if (name == "Pipfile")
                found.AddRange(PipfileReader.Read(path, files, project.Diagnostics));
            else if (name == "Pipfile.lock")
                found.AddRange(PipfileLockReader.Read(path, files, project.Diagnostics));
            else if (name is "poetry.lock" or "uv.lock")
                found.AddRange(PackageLockReader.Read(path, files, project.Diagnostics));
        }
        return new DependencyFacts(found.Distinct().ToList());
    }
}
