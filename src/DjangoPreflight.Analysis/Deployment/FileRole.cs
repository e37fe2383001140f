namespace DjangoPreflight.Analysis.Deployment;

/// <summary>Which environment a deployment file is for, judged from its path.</summary>
public enum FileRole
{
    /// <summary>Named for development, tests, CI, examples or local overrides (docker-compose.override.yml, Dockerfile.dev, .env.example).</summary>
    Development,

    /// <summary>Nothing in the name says; it may well be what production runs.</summary>
    Neutral,

    /// <summary>Named for production, staging, release or deployment.</summary>
    Production,
}

public static class FileRoles
{
    private static readonly HashSet<string> DevelopmentWords = new(StringComparer.Ordinal)
    {
        "dev", "devel", "develop", "development", "local", "test", "tests", "testing", "ci", "debug", "example", "examples",
        "sample", "template", "override", "sandbox", "demo", "devcontainer", "vagrant", "e2e", "fixtures", "dist",
    };

    private static readonly HashSet<string> ProductionWords = new(StringComparer.Ordinal)
    {
        "prod", "production", "live", "deploy", "deployment", "release", "staging", "stage", "heroku",
    };

    /// <summary>The role a path's own words give it (development wins over production).</summary>
    public static FileRole FromPath(string path)
    {
        var words = path.ToLowerInvariant().Split(['/', '.', '_', '-'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Any(DevelopmentWords.Contains)) return FileRole.Development;
        if (words.Any(ProductionWords.Contains)) return FileRole.Production;
        return FileRole.Neutral;
    }

    /// <summary>Roles for a family of files of one kind (all compose files, all Dockerfiles...):
    /// a neutral file beside a production-named one of the same family is the development variant
    /// (docker-compose.yml next to docker-compose.prod.yml).</summary>
    public static Dictionary<string, FileRole> ForFamily(IEnumerable<string> paths)
    {
        var roles = paths.Distinct().ToDictionary(p => p, FromPath, StringComparer.Ordinal);
        var hasProduction = roles.Values.Contains(FileRole.Production);
        foreach (var p in roles.Keys.ToList())
            if (hasProduction && roles[p] == FileRole.Neutral) roles[p] = FileRole.Development;
        return roles;
    }
}
