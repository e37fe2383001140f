namespace DjangoPreflight.Analysis.Deployment.Docker;

/// <summary>
/// A <c>docker build</c> (or <c>docker buildx build</c>, <c>podman build</c>) a Makefile, script or CI
/// job runs: which Dockerfile it builds and the image names it tags. A compose service that runs one
/// of those images by <c>image:</c> alone runs that Dockerfile, so the compose environment is the
/// environment of the app that Dockerfile starts.
/// </summary>
/// <param name="Dockerfile">The project path of the Dockerfile: <c>-f</c>'s file, else the context's <c>Dockerfile</c>.</param>
/// <param name="Tags">The image repositories it tags, as <see cref="Repository"/> writes them.</param>
public sealed record ImageBuild(string Dockerfile, IReadOnlyList<string> Tags)
{
    // Options of `docker build` that take a value as the next word; the others are flags.
    private static readonly HashSet<string> WithValue = new(StringComparer.Ordinal)
    {
        "-t", "--tag", "-f", "--file", "--build-arg", "--target", "-o", "--output", "--platform", "--label", "--cache-from",
        "--cache-to", "--network", "--secret", "--ssh", "--progress", "--build-context", "--add-host", "--iidfile", "--metadata-file",
        "--shm-size", "--ulimit", "--builder", "--annotation", "--attest", "--allow", "--sbom", "--provenance", "-m", "--memory",
        "--cpu-shares", "--cgroup-parent", "--isolation", "--squash-all", "--layers", "--format",
    };

    /// <summary>The build a command line runs, with paths read from <paramref name="folder"/> (the
    /// folder make or the script runs in); null when the line builds no image with a tag.</summary>
    public static ImageBuild? Parse(string command, string folder)
    {
        if (!command.Contains("build", StringComparison.Ordinal)) return null;
        var words = ShellWords.Split(command);
        var at = -1;
        for (var i = 0; i + 1 < words.Count && at < 0; i++)
        {
            if (words[i] is not ("docker" or "podman" or "buildah")) continue;
            if (words[i + 1] is "build" or "bud") at = i + 2;
            else if (words[i + 1] == "buildx" && i + 2 < words.Count && words[i + 2] == "build") at = i + 3;
        }
        if (at < 0) return null;
        var tags = new List<string>();
        string? file = null;
        string? context = null;
        for (var i = at; i < words.Count; i++)
        {
            var word = words[i];
            // The command ends where the shell starts another one.
            if (word is "&&" or "||" or ";" or "|") break;
            var eq = word.StartsWith("--", StringComparison.Ordinal) ? word.IndexOf('=') : -1;
            var option = eq > 0 ? word[..eq] : word;
            string? value = eq > 0 ? word[(eq + 1)..] : null;
            if (option.StartsWith('-') && option.Length > 1)
            {
                if (value is null && WithValue.Contains(option)) value = i + 1 < words.Count ? words[++i] : null;
                if (value is null) continue;
                if (option is "-t" or "--tag" && Repository(value) is { } repository) tags.Add(repository);
                else if (option is "-f" or "--file") file = value;
                continue;
            }
            context ??= word;
        }
        if (tags.Count == 0 || context is null || context.Contains("://", StringComparison.Ordinal) || context == "-") return null;
        // -f is read from where the command runs; without it, the context holds the Dockerfile.
        var dockerfile = file is not null ? ProjectPath.Join(folder, file)
            : ProjectPath.Join(folder, context) is { } root ? ProjectPath.Join(root, "Dockerfile") : null;
        return dockerfile is null || dockerfile.Contains('$') ? null : new ImageBuild(dockerfile, tags);
    }

    /// <summary>An image reference's repository, the part that names what was built: without the tag
    /// or digest, a registry host (<c>pub.example.eu/</c>, <c>localhost:5000/</c>), <c>docker.io/</c>
    /// or <c>library/</c>, lower case. Null when it is made of variables.</summary>
    public static string? Repository(string image)
    {
        var name = image.Trim().ToLowerInvariant();
        if (name.Length == 0 || name.Contains('$')) return null;
        if (name.IndexOf('@') is var digest and >= 0) name = name[..digest];
        if (name.LastIndexOf(':') is var colon and >= 0 && colon > name.LastIndexOf('/')) name = name[..colon];
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (parts.Count > 1 && (parts[0].Contains('.') || parts[0].Contains(':') || parts[0] == "localhost")) parts.RemoveAt(0);
        if (parts.Count > 1 && parts[0] == "library") parts.RemoveAt(0);
        return parts.Count == 0 ? null : string.Join('/', parts);
    }
}
