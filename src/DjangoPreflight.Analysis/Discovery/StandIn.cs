using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Discovery;

/// <summary>
/// The module to evaluate when production runs a settings module the repository does not hold:
/// the project file a Dockerfile copies to where that module lands in the image (then it is indexed
/// under the missing name, so its relative imports resolve as they will in production), else the
/// module a template of it (<c>nautobot_config.py.j2</c>, <c>local_settings.py.example</c>...)
/// star-imports.
/// </summary>
internal static class StandIn
{
    private static readonly string[] TemplateSuffixes = [".py.j2", ".py.jinja", ".py.jinja2", ".py.template", ".py.tpl", ".py.example", ".py.sample", ".py.dist", ".py.in", "_example.py", ".example.py", "_sample.py"];

    /// <summary>(the module to evaluate, why) or (null, "") when the repository says nothing of it.</summary>
    public static (string? Module, string Why) Find(string missing, ModuleIndex index, ProjectFiles files, DeploymentFacts deployment)
    {
        var tail = "/" + missing.Replace('.', '/') + ".py";
        var depth = missing.Count(c => c == '.') + 1;
        foreach (var copy in deployment.ImageCopies)
        {
            string? source = null;
            if (!copy.IsFolder && copy.Destination.EndsWith(tail, StringComparison.Ordinal)) source = copy.Source;
            else if (copy.IsFolder)
                // A file deeper inside the copied folder than the module is deep is another module
                // (nautobot/core/tests/nautobot_config.py is not the top-level nautobot_config).
                foreach (var file in files.All.Where(f => f.StartsWith(copy.Source + "/", StringComparison.Ordinal) && f.EndsWith(".py", StringComparison.Ordinal)))
                    if (file[(copy.Source.Length + 1)..].Count(c => c == '/') < depth && (copy.Destination + file[copy.Source.Length..]).EndsWith(tail, StringComparison.Ordinal))
                        source = file;
            if (source is null || !source.EndsWith(".py", StringComparison.Ordinal)) continue;
            index.Alias(missing, source);
            return (missing, $"which {copy.Dockerfile}:{copy.Line} builds from {source}");
        }

        var name = missing[(missing.LastIndexOf('.') + 1)..];
        foreach (var template in files.All.Where(f => TemplateSuffixes.Any(s => ProjectFiles.FileName(f) == name + s)).Order(StringComparer.Ordinal))
        {
            foreach (var line in (files.ReadText(template) ?? "").Split('\n'))
            {
                var text = (line.IndexOf('#') is var hash and >= 0 ? line[..hash] : line).Trim();
                if (!text.StartsWith("from ", StringComparison.Ordinal) || !text.EndsWith("import *", StringComparison.Ordinal)) continue;
                var module = text[5..^8].Trim();
                if (index.PathOf(module) is not null)
                    return (module, $"which its template {template} star-imports");
            }
        }
        return (null, "");
    }
}
