using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Toml;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Dependencies;

/// <summary>pyproject.toml: PEP 621 [project] dependencies and optional-dependencies, PEP 735
/// [dependency-groups], and Poetry's [tool.poetry.dependencies] (and group dependencies).</summary>
public static class PyprojectReader
{
    public static IEnumerable<DeclaredDependency> Read(string path, ProjectFiles files, ProjectDiagnostics diagnostics)
    {
        if (TomlFile.Read(path, files, diagnostics) is not { } doc) yield break;
        var pep508 = new List<TomlValue>();
        if (doc.Table("project")?["dependencies"] is TomlArray deps) pep508.AddRange(deps.Items);
        if (doc.Table("project", "optional-dependencies") is { } optional)
            foreach (var group in optional.Entries.Values.OfType<TomlArray>()) pep508.AddRange(group.Items);
        if (doc.Table("dependency-groups") is { } groups)
            foreach (var group in groups.Entries.Values.OfType<TomlArray>()) pep508.AddRange(group.Items);
        foreach (var item in pep508)
            if (item is TomlString s && Requirement.Parse(s.Value) is { } r)
                yield return new DeclaredDependency(r.Name, r.Specifier, r.Pinned, new SourceLocation(path, item.Line), FromLock: false);

        var poetryTables = new List<TomlTable>();
        if (doc.Table("tool", "poetry") is { } poetry)
        {
            foreach (var name in new[] { "dependencies", "dev-dependencies" })
                if (poetry.Table(name) is { } t) poetryTables.Add(t);
            if (poetry.Table("group") is { } poetryGroups)
                foreach (var g in poetryGroups.Entries.Values.OfType<TomlTable>())
                    if (g.Table("dependencies") is { } t) poetryTables.Add(t);
        }
        foreach (var table in poetryTables)
            foreach (var d in PoetryStyle(table, path))
                yield return d;
    }

    /// <summary>Poetry/Pipfile tables: name = "spec" or name = { version = "spec", ... } or a list of those.</summary>
    internal static IEnumerable<DeclaredDependency> PoetryStyle(TomlTable table, string path)
    {
        foreach (var (name, value) in table.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (PackageName.Normalize(name) == "python") continue;
            var specs = value is TomlArray alternatives ? alternatives.Items : [value];
            foreach (var spec in specs)
            {
                var text = spec switch
                {
                    TomlString s => s.Value,
                    TomlTable t => (t["version"] as TomlString)?.Value ?? "",
                    _ => "",
                };
                text = text.Trim();
                if (text == "*") text = "";
                yield return new DeclaredDependency(PackageName.Normalize(name), text, VersionSpecifier.ExactPin(text),
                    new SourceLocation(path, spec.Line), FromLock: false);
            }
        }
    }
}
