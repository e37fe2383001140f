namespace DjangoPreflight.Analysis.Git;

/// <summary>
/// Whether a file holding a secret is one production reads, judged from the file alone (its path
/// and its text), so that it works the same on a file of the current tree and on a version of a
/// file deleted years ago. A password for a CI service container, a test database or a local
/// development compose stack protects nothing that matters: at most low, with the reason. Test
/// fixtures and third-party code are not the project's secrets at all. Anything else (production
/// settings, production env/compose/manifests, and files nothing marks) stays high.
/// This is the one place that decides it: the rules ask here, never look at paths themselves.
/// </summary>
public static class SecretContext
{
    // Path words (split on / . _ -) that name a file or folder for development, CI or examples.
    private static readonly Dictionary<string, string> PathWords = new(StringComparer.Ordinal)
    {
        ["dev"] = "a development file", ["devel"] = "a development file", ["develop"] = "a development file",
        ["development"] = "a development file", ["local"] = "a local development file", ["devproject"] = "a development project",
        ["devcontainer"] = "a development container file", ["vagrant"] = "a development VM file", ["sandbox"] = "a development file",
        ["ci"] = "a CI file", ["travis"] = "a CI file", ["jenkins"] = "a CI file", ["circleci"] = "a CI file",
        ["test"] = "a test file", ["tests"] = "a test file", ["testing"] = "a test file", ["testproject"] = "a test project",
        ["e2e"] = "a test file", ["fixtures"] = "a test fixture", ["pytest"] = "a test file", ["conftest"] = "a test file",
        ["example"] = "an example file", ["examples"] = "an example file", ["sample"] = "an example file",
        ["samples"] = "an example file", ["template"] = "an example file", ["templates"] = "an example file",
        ["tmpl"] = "an example file", ["dist"] = "an example file", ["demo"] = "a demo file",
    };

    // Folders whose files are someone else's code, copied in: their examples are not our secrets.
    private static readonly string[] ThirdPartyFolders = ["node_modules/", "vendor/", "bower_components/", "site-packages/", "third_party/"];

    // What the first comment lines of a compose file, Dockerfile or env file say when it is not for production.
    private static readonly string[] DevelopmentHeaders =
        ["local development", "for development", "development only", "development purposes", "only for testing", "testing purposes",
         "intended for testing", "only intended", "do not use", "not for production", "not meant for production", "don't use in production"];

    /// <summary>True when nothing in the file is the project's secret: test fixtures (test modules,
    /// files under a tests folder) and third-party code vendored into the repository.</summary>
    public static bool IsNotProjectSecret(string path)
    {
        var lower = path.ToLowerInvariant();
        if (ThirdPartyFolders.Any(f => lower.StartsWith(f, StringComparison.Ordinal) || lower.Contains("/" + f, StringComparison.Ordinal)))
            return true;
        var name = FileKinds.Name(lower);
        return name.EndsWith(".py", StringComparison.Ordinal)
            && (name.StartsWith("test_", StringComparison.Ordinal) || name.EndsWith("_test.py", StringComparison.Ordinal)
                || name.EndsWith("_tests.py", StringComparison.Ordinal) || name is "tests.py" or "conftest.py"
                || lower.StartsWith("tests/", StringComparison.Ordinal) || lower.Contains("/tests/", StringComparison.Ordinal));
    }

    /// <summary>Why a file is not one production reads ("a CI file", "a development file (its header
    /// says so)"), or null when it may be: a secret there is a production secret.</summary>
    public static string? NonProductionReason(string path, string text)
    {
        if (FileKinds.IsDocumentation(path)) return Documentation;
        if (FileKinds.IsCiFile(path)) return "a CI file";
        if (FileKinds.IsEnvExample(path)) return "an example file";
        foreach (var word in path.ToLowerInvariant().Split(['/', '.', '_', '-'], StringSplitOptions.RemoveEmptyEntries))
            if (PathWords.TryGetValue(word, out var reason)) return reason;
        if ((FileKinds.IsComposeFile(path) || FileKinds.IsDockerfile(path) || FileKinds.IsEnvFile(path)) && HeaderSaysDevelopment(text))
            return "a development file (its header says so)";
        // A production-named stack of datastores (docker-compose.prod.yml's database) is production's.
        if (FileKinds.IsComposeFile(path) && Deployment.Roles.RoleNames.FromPath(path)?.Role != Deployment.FileRole.Production
            && Deployment.Compose.ComposeFile.Parse(path, text, Deployment.FileRole.Unknown, (_, _) => { }).OnlyDatastores is { } services)
            return $"a compose file that runs only datastores ({services}), not the app";
        return null;
    }

    /// <summary>The reason given for a value in a README, <c>.md</c> or <c>.rst</c> file: what documentation
    /// shows is an example to copy (a <c>docker run</c> line, a sample <c>.env</c>), not what production runs with.</summary>
    public const string Documentation = "documentation, whose values are examples to copy";

    /// <summary>True when a value in documentation has the shape of a real credential (12 characters or more,
    /// drawn at random): it may be an example or one pasted in by mistake, which the file cannot tell apart.
    /// Placeholders and short values there are examples.</summary>
    public static bool MayBeRealInDocumentation(string value, bool generated) =>
        generated || NotASecret.LooksGenerated(value, minimumLength: 12);

    /// <summary>True for Django's startproject settings: the template's warning comment and a literal
    /// <c>DEBUG = True</c>. Its SECRET_KEY is the template's throwaway key until the project replaces
    /// it; a key that also appears in a version of the file past the template is a real one.
    /// A single <c>settings.py</c> is the whole configuration: whoever runs it runs with DEBUG on,
    /// whatever hosts it lists (a LAN address, a catch-all), so it is still the development template.
    /// A module of a settings package (<c>settings/common.py</c>) is different: the production module
    /// imports it and turns DEBUG off, so only the template's own empty ALLOWED_HOSTS (or none, before
    /// Django 1.5) says it was never past the template; serving hosts there, it holds production's key.</summary>
    public static bool IsStartprojectTemplate(string path, string text)
    {
        if (!path.EndsWith(".py", StringComparison.Ordinal) || !TemplateWarnings.Any(w => text.Contains(w, StringComparison.Ordinal)))
            return false;
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r', ' ')).ToList();
        if (!lines.Any(l => l is "DEBUG = True" or "DEBUG=True")) return false;
        if (FileKinds.Name(path) == "settings.py") return true;
        return lines.Where(l => l.StartsWith("ALLOWED_HOSTS", StringComparison.Ordinal)).All(l => l.Replace(" ", "") == "ALLOWED_HOSTS=[]");
    }

    // The comment startproject writes above SECRET_KEY: since Django 1.6, and in Django 1.4-1.5.
    private static readonly string[] TemplateWarnings =
        ["Quick-start development settings - unsuitable for production", "# Make this unique, and don't share it with anybody."];

    private static bool HeaderSaysDevelopment(string text)
    {
        var comments = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (!line.StartsWith('#')) return false;
            if (++comments > 10) return false;
            var lower = line.ToLowerInvariant();
            if (DevelopmentHeaders.Any(h => lower.Contains(h, StringComparison.Ordinal))) return true;
        }
        return false;
    }
}
