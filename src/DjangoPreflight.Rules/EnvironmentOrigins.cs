using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules;

/// <summary>
/// When the settings were evaluated under the environment production's deployment files give (no
/// --env-file or --env), a finding about a setting read from that environment says which file set
/// each variable it depends on: the value the finding judges is the deployment file's, and that file
/// is where the fix goes. Values are never shown (they may be secrets).
/// </summary>
public static class EnvironmentOrigins
{
    public static IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, ProjectContext project)
    {
        var origins = project.EnvProfile.Origins;
        if (origins.Count == 0 || project.Settings.Production is not { } settings) return findings;
        return findings.Select(f =>
        {
            if (f.Setting is null || settings[f.Setting] is not { } setting) return f;
            var set = setting.EnvVars.Where(origins.ContainsKey).Select(v => $"{v} at {origins[v]}").ToList();
            return set.Count == 0 ? f : f with { Message = $"{f.Message} (Production's environment sets {string.Join("; ", set)}.)" };
        }).ToList();
    }
}
