using DjangoPreflight.Analysis.Deployment.Roles;
using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>
/// The env template production's operator fills in: the file a project ships for the environment it
/// keeps out of the repository (<c>docker/.env.example</c> beside a production compose file whose
/// <c>env_file: .env</c> the repository does not hold, or a <c>.env.template</c> at the root that is
/// not a development one). Its variables are what the project expects production to set, with
/// example values; they are not production's environment (the operator's copy is), so the settings
/// are never judged under them. A rule may ask whether a value it reports is only the fallback of a
/// variable the template sets (SQLite while DB is unset, where the template says DB=postgres).
/// </summary>
public sealed record EnvTemplate(string Path, string Reason, IReadOnlyList<EnvAssignment> Variables)
{
    /// <summary>The names templates carry after the file they stand for.</summary>
    private static readonly string[] Suffixes = [".example", ".template", ".sample", ".dist"];

    /// <summary>The template of an env file a production compose service loads and the repository does
    /// not hold, else a root template that does not speak for development, CI or tests; null when none.</summary>
    public static EnvTemplate? Find(DeploymentFacts deployment, ProjectFiles files)
    {
        var all = files.All.ToHashSet(StringComparer.Ordinal);
        foreach (var compose in deployment.ComposeFiles.Where(c => c.Role.SpeaksForProduction()).OrderBy(c => c.Path, StringComparer.Ordinal))
            foreach (var envFile in compose.Services.SelectMany(s => s.EnvFiles))
            {
                if (ProjectPath.Join(ReferenceFinder.Folder(compose.Path), envFile.Value) is not { } path || all.Contains(path)) continue;
                if (Suffixes.Select(s => path + s).FirstOrDefault(all.Contains) is { } template && Of(deployment, template) is { Count: > 0 } variables)
                    return new EnvTemplate(template, $"the template of {envFile.Value}, which {envFile.Location} loads and the repository does not hold", variables);
            }
        foreach (var template in Suffixes.Select(s => ".env" + s).Where(all.Contains))
            if (deployment.FileAt(template) is { Role: not (FileRole.Development or FileRole.CI or FileRole.Test) } && Of(deployment, template) is { Count: > 0 } variables)
                return new EnvTemplate(template, "the repository's env template", variables);
        return null;
    }

    /// <summary>The variables the template sets, values as written (an empty one is an empty string).</summary>
    public IReadOnlyDictionary<string, string> Values() =>
        Variables.GroupBy(v => v.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    private static List<EnvAssignment> Of(DeploymentFacts deployment, string path) =>
        deployment.Environment.Where(e => e.Location.Path == path && e.Origin == "env file").ToList();
}
