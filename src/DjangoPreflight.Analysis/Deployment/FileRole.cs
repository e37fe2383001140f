namespace DjangoPreflight.Analysis.Deployment;

/// <summary>Which environment a deployment file is for. Only production and unknown files speak
/// about production; the others describe a developer's machine, a CI job, a test set-up or an
/// example to copy.</summary>
public enum FileRole
{
    /// <summary>Nothing says which environment it is for; it may well be what production runs.</summary>
    Unknown,

    /// <summary>What production runs: named for it, used by a production file, or serving the app with a production server.</summary>
    Production,

    /// <summary>A developer's set-up: named so (local, dev, override, .devcontainer) or running runserver with the source mounted.</summary>
    Development,

    /// <summary>Run by continuous integration: a workflow, a file under ci/, or one only workflows use.</summary>
    CI,

    /// <summary>A test set-up: named test, tests, e2e.</summary>
    Test,

    /// <summary>An example or template to copy (.env.example, docs/), not a deployment itself.</summary>
    Example,

    /// <summary>Left behind: nothing in the repository uses it and what it serves or proxies to is
    /// nothing production runs (an nginx configuration for a service that no longer exists).</summary>
    Unused,
}

/// <summary>A file's role and why, in words a report can print ("its name says local").</summary>
public sealed record RoleJudgement(FileRole Role, string Reason);

public static class FileRoleExtensions
{
    /// <summary>True for the roles that may describe production: production and unknown.</summary>
    public static bool SpeaksForProduction(this FileRole role) => role is FileRole.Production or FileRole.Unknown;

    /// <summary>The role as reports write it: production, development, CI, test, example, unused, unknown.</summary>
    public static string Name(this FileRole role) => role switch
    {
        FileRole.Production => "production",
        FileRole.Development => "development",
        FileRole.CI => "CI",
        FileRole.Test => "test",
        FileRole.Example => "example",
        FileRole.Unused => "unused",
        _ => "unknown",
    };

    /// <summary>The role with its article, for "X is a development file", "X is an unused file".</summary>
    public static string WithArticle(this FileRole role) => (role.Name()[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an " : "a ") + role.Name();
}
