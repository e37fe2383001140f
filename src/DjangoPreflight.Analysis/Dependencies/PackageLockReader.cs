using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Toml;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Dependencies;

/// <summary>poetry.lock and uv.lock: TOML arrays of [[package]] tables with name and version.</summary>
public static class PackageLockReader
{
    public static IEnumerable<DeclaredDependency> Read(string path, ProjectFiles files, ProjectDiagnostics diagnostics)
    {
        if (TomlFile.Read(path, files, diagnostics) is not { } doc || doc["package"] is not TomlArray packages) return [];
        var found = new List<DeclaredDependency>();
        foreach (var package in packages.Items.OfType<TomlTable>())
        {
            if (package["name"] is not TomlString name || package["version"] is not TomlString version) continue;
            found.Add(new DeclaredDependency(PackageName.Normalize(name.Value), "==" + version.Value, version.Value,
                new SourceLocation(path, name.Line), FromLock: true));
        }
        return found;
    }
}
