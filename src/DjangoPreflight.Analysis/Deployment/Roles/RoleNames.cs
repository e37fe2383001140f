namespace DjangoPreflight.Analysis.Deployment.Roles;

/// <summary>
/// What a deployment file's path says about its role. The folder or file name nearest the file
/// decides (<c>compose/production/django/start</c> is production, <c>deploy/local/compose.yml</c>
/// local); within one name a non-production word wins (<c>deploy-dev.sh</c> is development).
/// </summary>
public static class RoleNames
{
    // Checked in this order within one name: the more specific roles first.
    private static readonly (FileRole Role, HashSet<string> Words)[] NonProduction =
    [
        (FileRole.CI, new(StringComparer.Ordinal) { "ci", "circleci", "buildkite", "woodpecker", "jenkins" }),
        (FileRole.Test, new(StringComparer.Ordinal) { "test", "tests", "testing", "e2e", "fixtures", "functional", "cypress", "selenium", "playwright" }),
        (FileRole.Development, new(StringComparer.Ordinal)
        {
            "dev", "devel", "develop", "development", "local", "debug", "override", "sandbox", "devcontainer", "vagrant", "demo",
        }),
        (FileRole.Example, new(StringComparer.Ordinal) { "example", "examples", "sample", "samples", "dist", "tpl", "docs", "doc", "documentation" }),
    ];

    private static readonly HashSet<string> ProductionWords = new(StringComparer.Ordinal)
    {
        "prod", "production", "prd", "live", "deploy", "deployment", "deployments", "staging", "stage", "heroku",
    };

    /// <summary>CI services' own files and folders.</summary>
    private static readonly string[] CiLocations =
    [
        ".github/workflows/", ".github/actions/", ".circleci/", ".gitlab/", ".buildkite/", ".woodpecker/", ".drone/",
    ];

    private static readonly HashSet<string> CiFiles = new(StringComparer.Ordinal)
    {
        ".gitlab-ci.yml", ".travis.yml", "Jenkinsfile", "azure-pipelines.yml", "bitbucket-pipelines.yml", ".drone.yml", ".woodpecker.yml", "cloudbuild.yaml",
    };

    /// <summary>True for files a CI service runs (.github/workflows/*, .gitlab-ci.yml, Jenkinsfile...).</summary>
    public static bool IsCiFile(string path) =>
        CiLocations.Any(l => path.StartsWith(l, StringComparison.Ordinal)) || CiFiles.Contains(path);

    /// <summary>The role the path's names give, with the word that decided; null when no name says.</summary>
    public static RoleJudgement? FromPath(string path)
    {
        if (IsCiFile(path)) return new RoleJudgement(FileRole.CI, "a CI service's file");
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            var words = segments[i].ToLowerInvariant().Split(['.', '_', '-', ' '], StringSplitOptions.RemoveEmptyEntries);
            var where = i == segments.Length - 1 ? "its name" : $"its folder {string.Join('/', segments[..(i + 1)])}/";
            foreach (var (role, set) in NonProduction)
                if (words.FirstOrDefault(set.Contains) is { } word)
                    return new RoleJudgement(role, $"{where} says {word}");
            if (words.FirstOrDefault(ProductionWords.Contains) is { } prod)
                return new RoleJudgement(FileRole.Production, $"{where} says {prod}");
        }
        return null;
    }
}
