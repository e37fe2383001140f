using System.Text.Json;
using DjangoPreflight.Analysis.Deployment.Compose;
using DjangoPreflight.Analysis.Deployment.Docker;
using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Deployment.Roles;

/// <summary>
/// Which deployment file uses which: compose services build Dockerfiles, load env files, mount
/// configs and run scripts; Dockerfiles copy files into the image and run them (a command naming
/// <c>/start</c> finds the file COPY put there); scripts, Procfiles, units, supervisor programs and
/// CI jobs run scripts and name compose files and Dockerfiles; a CI job that pushes an image
/// publishes the Dockerfile it builds. A service that runs an image by name alone runs the Dockerfile
/// that builds that name: another service's <c>build:</c> with that <c>image:</c>, or a Makefile's,
/// script's or CI job's <c>docker build -t NAME</c>.
/// </summary>
internal static class DeploymentReferences
{
    private sealed record Image(Dictionary<string, string> Paths, string Workdir);

    /// <param name="copies">Receives every COPY/ADD of a project file or folder into an image.</param>
    public static List<FileReference> Find(ProjectFiles files, ReferenceFinder finder, IReadOnlyList<Dockerfile> dockerfiles, IReadOnlyList<ComposeFile> compose,
        IReadOnlyList<(string Path, string Text, int Line)> commandLines, IReadOnlyList<(string Path, string Text)> buildLines,
        IReadOnlyDictionary<string, DeploymentKind> kinds, List<ImageCopy> copies)
    {
        var refs = new List<FileReference>();
        var contexts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var built = new Dictionary<(string, string), string>();

        // Build contexts first: a Dockerfile's COPY sources are relative to the context compose gives it.
        foreach (var file in compose)
            foreach (var service in file.Services)
            {
                if (service.BuildContext is not { } context || ProjectPath.Join(ReferenceFinder.Folder(file.Path), context) is not { } folder) continue;
                if (ProjectPath.Join(folder, service.BuildDockerfile ?? "Dockerfile") is not { } dockerfile || kinds.KindOf(dockerfile) != DeploymentKind.Dockerfile) continue;
                refs.Add(new FileReference(file.Path, dockerfile, service.Location.Line ?? 1));
                if (!contexts.TryGetValue(dockerfile, out var list)) contexts[dockerfile] = list = [];
                list.Add(folder);
                built[(file.Path, service.Name)] = dockerfile;
            }

        // Services that run an image by name: the Dockerfile that builds the name.
        var byName = ImageBuilders(compose, built, buildLines, kinds);
        foreach (var file in compose)
            foreach (var service in file.Services)
            {
                if (service.BuildContext is not null || service.Image is not { } image || ImageBuild.Repository(image.Value) is not { } name
                    || !byName.TryGetValue(name, out var dockerfile)) continue;
                refs.Add(new FileReference(file.Path, dockerfile, image.Location.Line ?? 1));
                built[(file.Path, service.Name)] = dockerfile;
            }

        var images = new Dictionary<string, Image>(StringComparer.Ordinal);
        foreach (var dockerfile in dockerfiles)
            images[dockerfile.Path] = ReadDockerfile(dockerfile, [.. contexts.GetValueOrDefault(dockerfile.Path) ?? [], ReferenceFinder.Folder(dockerfile.Path), ""], finder, refs, copies);

        foreach (var file in compose)
        {
            var folder = ReferenceFinder.Folder(file.Path);
            foreach (var include in file.Includes)
                if (ProjectPath.Join(folder, include.Value) is { } included && kinds.ContainsKey(included))
                    refs.Add(new FileReference(file.Path, included, include.Location.Line ?? 1));
            foreach (var service in file.Services)
            {
                foreach (var envFile in service.EnvFiles)
                    if (ProjectPath.Join(folder, envFile.Value) is { } path && kinds.ContainsKey(path))
                        refs.Add(new FileReference(file.Path, path, envFile.Location.Line ?? 1));
                foreach (var mount in service.Volumes)
                    if (ProjectPath.Join(folder, mount.Source) is { } host)
                        refs.AddRange(finder.Under(host).Select(p => new FileReference(file.Path, p, mount.Location.Line ?? 1)));
                var image = built.TryGetValue((file.Path, service.Name), out var df) ? images[df] : null;
                foreach (var started in new[] { service.Entrypoint, service.Command })
                    if (started is not null)
                        refs.AddRange(finder.InCommand(started.Value, file.Path, image?.Paths, image?.Workdir ?? "/")
                            .Select(p => new FileReference(file.Path, p, started.Location.Line ?? 1)));
            }
        }

        var publishing = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (path, text, line) in commandLines)
        {
            if (!publishing.TryGetValue(path, out var publishes))
                publishing[path] = publishes = kinds.KindOf(path) == DeploymentKind.CI && Publishes(files.ReadText(path) ?? "");
            foreach (var target in finder.InCommand(text, path))
                refs.Add(new FileReference(path, target, line, publishes && kinds.KindOf(target) == DeploymentKind.Dockerfile));
        }
        // `docker build .` and build-push-action without `file:` build the root Dockerfile.
        foreach (var (path, _) in publishing.Where(p => p.Value))
            if (!refs.Any(r => r.From == path && r.Publishes) && kinds.KindOf("Dockerfile") == DeploymentKind.Dockerfile)
                refs.Add(new FileReference(path, "Dockerfile", PublishLine(files.ReadText(path) ?? ""), Publishes: true));
        return refs;
    }

    /// <summary>Image names and the one Dockerfile that builds each: compose services that build and
    /// name their image, then <c>docker build -t</c> lines (read from the file's folder, else the
    /// root, as CI jobs run there). A name two Dockerfiles build is left out: which one runs is unknown.</summary>
    private static Dictionary<string, string> ImageBuilders(IReadOnlyList<ComposeFile> compose, Dictionary<(string, string), string> built,
        IReadOnlyList<(string Path, string Text)> buildLines, IReadOnlyDictionary<string, DeploymentKind> kinds)
    {
        var builders = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Add(string name, string dockerfile)
        {
            if (!builders.TryGetValue(name, out var set)) builders[name] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(dockerfile);
        }
        foreach (var file in compose)
            foreach (var service in file.Services)
                if (built.TryGetValue((file.Path, service.Name), out var dockerfile) && service.Image is { } image && ImageBuild.Repository(image.Value) is { } name)
                    Add(name, dockerfile);
        foreach (var (path, text) in buildLines)
        {
            var build = new[] { ReferenceFinder.Folder(path), "" }.Distinct().Select(folder => ImageBuild.Parse(text, folder))
                .FirstOrDefault(b => b is not null && kinds.KindOf(b.Dockerfile) == DeploymentKind.Dockerfile);
            if (build is null) continue;
            foreach (var tag in build.Tags) Add(tag, build.Dockerfile);
        }
        return builders.Where(b => b.Value.Count == 1).ToDictionary(b => b.Key, b => b.Value.First(), StringComparer.Ordinal);
    }

    /// <summary>COPY/ADD sources (and where they land in the image), and what RUN, CMD and
    /// ENTRYPOINT name, stage by stage.</summary>
    private static Image ReadDockerfile(Dockerfile dockerfile, IReadOnlyList<string> contexts, ReferenceFinder finder, List<FileReference> refs, List<ImageCopy> copies)
    {
        var inImage = new Dictionary<string, string>(StringComparer.Ordinal);
        var final = dockerfile.FinalImage().Select(i => i.Stage).ToHashSet();
        var workdir = "/";
        var stage = -1;
        foreach (var instruction in dockerfile.Instructions)
        {
            if (instruction.Stage != stage)
            {
                stage = instruction.Stage;
                workdir = "/";
            }
            var line = instruction.Location.Line ?? 1;
            switch (instruction.Keyword)
            {
                case "WORKDIR":
                    workdir = InImage(workdir, instruction.Arguments.Trim().Trim('"', '\''));
                    break;
                case "COPY" or "ADD":
                    if (CopyWords(instruction.Arguments) is not { Count: >= 2 } words) break;
                    var destination = InImage(workdir, words[^1]);
                    var intoFolder = words[^1].EndsWith('/') || words.Count > 2;
                    foreach (var source in words.Take(words.Count - 1))
                        foreach (var match in Sources(source, contexts, finder))
                        {
                            var isFile = finder.IsFile(match);
                            if (final.Contains(instruction.Stage))
                                copies.Add(new ImageCopy(dockerfile.Path, line, match,
                                    isFile && intoFolder ? destination.TrimEnd('/') + "/" + ProjectFiles.FileName(match) : destination.TrimEnd('/'), !isFile));
                            foreach (var file in finder.Under(match))
                            {
                                refs.Add(new FileReference(dockerfile.Path, file, line));
                                inImage[file == match
                                    ? intoFolder ? destination.TrimEnd('/') + "/" + ProjectFiles.FileName(file) : destination
                                    : destination.TrimEnd('/') + "/" + file[(match.Length + 1)..]] = file;
                            }
                        }
                    break;
                case "RUN" or "CMD" or "ENTRYPOINT":
                    refs.AddRange(finder.InCommand(instruction.CommandText, dockerfile.Path, inImage, workdir).Select(p => new FileReference(dockerfile.Path, p, line)));
                    break;
            }
        }
        return new Image(inImage, workdir);
    }

    /// <summary>The project paths a COPY source names: in the first build context that has it.</summary>
    private static IEnumerable<string> Sources(string source, IReadOnlyList<string> contexts, ReferenceFinder finder)
    {
        foreach (var context in contexts.Distinct())
        {
            if (ProjectPath.Join(context, source) is not { } joined) continue;
            if (joined.IndexOfAny(['*', '?']) >= 0)
            {
                var matches = finder.Glob(joined).ToList();
                if (matches.Count > 0) return matches;
            }
            else if (finder.Exists(joined))
            {
                return [joined];
            }
        }
        return [];
    }

    /// <summary>The sources and destination of a COPY/ADD (shell or JSON form), without its flags;
    /// null for a copy from another stage or image, or a heredoc.</summary>
    private static List<string>? CopyWords(string arguments)
    {
        if (arguments.Contains("<<", StringComparison.Ordinal)) return null;
        List<string> words;
        if (arguments.TrimStart().StartsWith('['))
        {
            try
            {
                using var doc = JsonDocument.Parse(arguments);
                if (doc.RootElement.ValueKind != JsonValueKind.Array) return null;
                words = doc.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList();
            }
            catch (JsonException)
            {
                return null;
            }
        }
        else
        {
            words = ShellWords.Split(arguments).ToList();
        }
        if (words.Any(w => w.StartsWith("--from", StringComparison.Ordinal))) return null;
        return words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
    }

    private static string InImage(string workdir, string path)
    {
        var joined = path.StartsWith('/') ? path : workdir.TrimEnd('/') + "/" + path;
        return "/" + (ProjectPath.Normalize(joined) ?? "") + (path.EndsWith('/') ? "/" : "");
    }

    /// <summary>A CI file that pushes images: build-push-action, bake-action, `docker push`, `--push`.</summary>
    private static bool Publishes(string text) =>
        text.Contains("build-push-action", StringComparison.Ordinal) || text.Contains("bake-action", StringComparison.Ordinal)
        || text.Contains("docker push", StringComparison.Ordinal) || text.Contains("--push", StringComparison.Ordinal);

    private static int PublishLine(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (Publishes(lines[i])) return i + 1;
        return 1;
    }
}
