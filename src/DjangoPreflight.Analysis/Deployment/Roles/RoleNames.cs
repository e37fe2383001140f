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
    public static RoleJudgement? FromPath(string path) => FromPath(path, out _);

    /// <summary>The role the path's names give. A production word in a name under a folder that says
    /// docs, example or development does not make the file production: <c>docs/install/k8s/50-deployment.yaml</c>
    /// is documentation, <c>deployment</c> there names a Kubernetes kind. <paramref name="overruled"/> is
    /// then true: what production's own files use may still be production (see <see cref="RoleResolver"/>).</summary>
    internal static RoleJudgement? FromPath(string path, out bool overruled)
    {
        overruled = false;
        if (IsCiFile(path)) return new RoleJudgement(FileRole.CI, "a CI service's file");
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            var words = Words(segments[i]);
            foreach (var (role, set) in NonProduction)
                if (words.FirstOrDefault(set.Contains) is { } word)
                    return new RoleJudgement(role, $"{Where(segments, i)} says {word}");
            if (words.FirstOrDefault(ProductionWords.Contains) is not { } prod) continue;
            for (var j = i - 1; j >= 0; j--)
                foreach (var (role, set) in NonProduction)
                    if (role is FileRole.Example or FileRole.Development && Words(segments[j]).FirstOrDefault(set.Contains) is { } word)
                    {
                        overruled = true;
                        return new RoleJudgement(role, $"{Where(segments, j)} says {word} (whatever {Where(segments, i)} says)");
                    }
            return new RoleJudgement(FileRole.Production, $"{Where(segments, i)} says {prod}");
        }
        return null;
    }

    private static string[] Words(string segment) =>
        segment.ToLowerInvariant().Split(['.', '_', '-', ' '], StringSplitOptions.RemoveEmptyEntries);

    private static string Where(string[] segments, int i) =>
        i == segments.Length - 1 ? "its name" : $"its folder {string.Join('/', segments[..(i + 1)])}/";
}
