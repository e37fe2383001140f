namespace DjangoPreflight.Analysis.Git;

/// <summary>
/// Which files hold what, by path alone (relative, '/'): env files, settings, deployment and CI
/// files. Shared by the history scan (which blobs are worth reading) and the rules on tracked files.
/// </summary>
public static class FileKinds
{
    private static readonly string[] ExampleMarkers = ["example", "sample", "template", "tmpl", "dist", "default", "schema", "dummy"];

    /// <summary>A dotenv-style file: <c>.env</c>, <c>.env.production</c>, <c>prod.env</c>, <c>.envrc</c>.</summary>
    public static bool IsEnvFile(string path)
    {
        var name = Name(path).ToLowerInvariant();
        return name == ".env" || name == ".envrc" || name.StartsWith(".env.", StringComparison.Ordinal)
            || name.EndsWith(".env", StringComparison.Ordinal) && name.Length > 4;
    }

    /// <summary>An env file meant to be committed as documentation (<c>.env.example</c>, <c>.env.sample</c>...).</summary>
    public static bool IsEnvExample(string path)
    {
        var name = Name(path).ToLowerInvariant();
        return ExampleMarkers.Any(m => name.Contains(m, StringComparison.Ordinal));
    }

    public static bool IsSettingsFile(string path)
    {
        if (!path.EndsWith(".py", StringComparison.Ordinal)) return false;
        var name = Name(path);
        return name.Contains("settings", StringComparison.OrdinalIgnoreCase) || name is "secrets.py"
            || path.StartsWith("settings/", StringComparison.Ordinal) || path.Contains("/settings/", StringComparison.Ordinal);
    }

    public static bool IsComposeFile(string path)
    {
        var name = Name(path).ToLowerInvariant();
        return (name.StartsWith("docker-compose", StringComparison.Ordinal) || name.StartsWith("compose.", StringComparison.Ordinal) || name.StartsWith("compose-", StringComparison.Ordinal))
            && (name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal));
    }

    public static bool IsDockerfile(string path)
    {
        var name = Name(path);
        return name.StartsWith("Dockerfile", StringComparison.Ordinal) || name.EndsWith(".dockerfile", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Containerfile", StringComparison.Ordinal);
    }

    /// <summary>A CI pipeline definition of GitHub Actions, GitLab, CircleCI, Bitbucket, Jenkins, Azure, Travis.</summary>
    public static bool IsCiFile(string path)
    {
        var yaml = path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal);
        return path.StartsWith(".github/workflows/", StringComparison.Ordinal) && yaml
            || path is ".gitlab-ci.yml" or ".circleci/config.yml" or "bitbucket-pipelines.yml" or "azure-pipelines.yml"
                or ".travis.yml" or "Jenkinsfile" or ".drone.yml" or ".woodpecker.yml"
            || path.StartsWith(".gitlab/ci/", StringComparison.Ordinal) && yaml
            || path.StartsWith(".azure-pipelines/", StringComparison.Ordinal) && yaml;
    }

    /// <summary>PaaS manifests that carry environment values: Heroku, Fly, Render, App Engine, Platform.sh.</summary>
    public static bool IsPlatformManifest(string path) =>
        Name(path) is "app.json" or "heroku.yml" or "fly.toml" or "render.yaml" or "app.yaml" or ".platform.app.yaml" or "zappa_settings.json";

    public static bool IsProcfile(string path) => Name(path).StartsWith("Procfile", StringComparison.Ordinal);

    public static bool IsReadme(string path) => Name(path).StartsWith("README", StringComparison.OrdinalIgnoreCase);

    /// <summary>A README or a Markdown or reStructuredText page: prose with examples.</summary>
    public static bool IsDocumentation(string path) =>
        IsReadme(path) || path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".rst", StringComparison.OrdinalIgnoreCase);

    /// <summary>Files DP109 reads for plaintext secrets: deployment, CI, PaaS files and READMEs.</summary>
    public static bool IsDeploymentFile(string path) =>
        IsComposeFile(path) || IsDockerfile(path) || IsProcfile(path) || IsCiFile(path) || IsPlatformManifest(path) || IsReadme(path);

    /// <summary>Files whose past versions the history scan reads.</summary>
    public static bool IsHistoryRelevant(string path) =>
        IsEnvFile(path) || IsSettingsFile(path) || IsDeploymentFile(path);

    public static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];
}
