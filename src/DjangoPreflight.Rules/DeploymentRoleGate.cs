using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Deployment.Roles;
using DjangoPreflight.Analysis.Git;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules;

/// <summary>
/// Lowers to info every finding about a file that does not describe production: a deployment file
/// whose role is development, CI, test or example (a local compose file's runserver, a CI job's
/// database password, a test nginx), or another file whose name says tests, CI or development
/// (a test settings module's key). The finding keeps its ID, and its message says which role the
/// file has and why. The production settings' own files are never lowered: what production
/// evaluates is production, whatever it is called. A provider's token is a leak in any file
/// (<see cref="Finding.HoldsInAnyFile"/>): never lowered.
/// </summary>
public static class DeploymentRoleGate
{
    // Rules whose subject is a CI file as such: the CI workflow is the right place for them.
    private static readonly HashSet<string> AboutCi = new(StringComparer.Ordinal) { "DP610" };

    public static IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, ProjectContext project)
    {
        if (findings.Count == 0) return findings;
        var production = ProductionSettingsFiles(project);
        return LoweredFindings.Apply(findings, f =>
        {
            if (f.Severity == Severity.Info || f.HoldsInAnyFile || AboutCi.Contains(f.RuleId) || f.Location.Path is not { } path || production.Contains(path) || RoleOf(project, path) is not { } role)
                return f;
            return f with
            {
                Severity = Severity.Info,
                Message = $"{f.Message} ({path} is {role.Role.WithArticle()} file: {role.Reason}; it does not describe production, so this is lowered to info.)",
            };
        });
    }

    /// <summary>The non-production role of a path, or null when it may describe production.</summary>
    public static RoleJudgement? RoleOf(ProjectContext project, string path)
    {
        if (project.Deployment.FileAt(path) is { } file)
            return file.Role.SpeaksForProduction() ? null : new RoleJudgement(file.Role, file.Reason);
        // Documentation and example folders are judged by the rules themselves (a real password in a
        // README is a leak; a placeholder there is no secret): only deployment files get the example role.
        if (RoleNames.FromPath(path) is not { } named || named.Role.SpeaksForProduction() || named.Role == FileRole.Example) return null;
        // Application code named "debug" or "demo" may well be served in production; only tests,
        // CI and settings modules named for development say enough by name.
        if (!path.EndsWith(".py", StringComparison.Ordinal)) return named;
        return named.Role is FileRole.Test or FileRole.CI || named.Role == FileRole.Development && FileKinds.IsSettingsFile(path) ? named : null;
    }

    private static HashSet<string> ProductionSettingsFiles(ProjectContext project)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        if (project.Settings.Production is not { } settings) return files;
        if (settings.Path is { } path) files.Add(path);
        foreach (var s in settings.Settings.Values)
            if (s.Source?.Path is { } source) files.Add(source);
        return files;
    }
}
