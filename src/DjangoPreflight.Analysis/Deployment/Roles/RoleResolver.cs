namespace DjangoPreflight.Analysis.Deployment.Roles;

/// <summary>What a file's own content says about its role: development signs (runserver, a
/// mounted source tree, DEBUG on, a development settings module, --reload) and production signs
/// (serving the app with gunicorn, uWSGI...), each as words a report can print.</summary>
internal sealed class ContentSigns
{
    public List<string> Development { get; } = [];

    public List<string> Production { get; } = [];

    /// <summary>For a compose file none of whose services builds or runs the app, only datastores
    /// (a database and its admin UI for a data-import helper): what it runs. Null otherwise.</summary>
    public string? OnlyDatastores { get; set; }
}

/// <summary>
/// Gives every deployment file a role, with the reason, from three kinds of evidence in this order:
/// its name (the nearest folder or file name that says local, test, prod..., but a production name
/// under a docs, example or development folder is not production by its name; CI services' own
/// files; a Procfile, platform file or Kubernetes manifest is a deployment by its kind); then the
/// files production uses (what a production file builds, loads, copies or runs, and what a CI job
/// builds and publishes, is production); then its content (runserver with the source mounted is
/// development, a production server is production); then a neutral compose file or Dockerfile
/// beside a production-named variant is the development one; then a file only non-production files
/// use takes their role. Anything else is unknown, which still speaks for production.
/// </summary>
internal static class RoleResolver
{
    /// <param name="declared">What a file says about itself (its header comment, its folder's README).</param>
    public static Dictionary<string, RoleJudgement> Resolve(IReadOnlyDictionary<string, DeploymentKind> kinds, IReadOnlyList<FileReference> references,
        IReadOnlyDictionary<string, ContentSigns> signs, Func<string, RoleJudgement?> declared)
    {
        var roles = new Dictionary<string, RoleJudgement>(StringComparer.Ordinal);
        var byName = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, kind) in kinds)
        {
            var judged = RoleNames.FromPath(path, out var overruled) ?? declared(path) ?? kind switch
            {
                DeploymentKind.Procfile => new RoleJudgement(FileRole.Production, "Heroku and Dokku run a Procfile's processes"),
                DeploymentKind.Platform => new RoleJudgement(FileRole.Production, "a hosting platform deploys from it"),
                DeploymentKind.Kubernetes => new RoleJudgement(FileRole.Production, "a Kubernetes manifest"),
                _ => null,
            };
            if (judged is null) continue;
            roles[path] = judged;
            // docs/deploy/prod.yml is documentation unless production's own files use it.
            if (!overruled) byName.Add(path);
        }

        foreach (var (path, kind) in kinds)
        {
            if (roles.ContainsKey(path) || !signs.TryGetValue(path, out var own)) continue;
            // A stack of datastores alone is a helper a developer starts beside the app, not its deployment.
            if (own.OnlyDatastores is { } datastores && own.Production.Count == 0)
                roles[path] = new RoleJudgement(FileRole.Development, $"none of its services builds or runs the app, only datastores ({datastores})");
            else if (own.Production.Count > 0 && own.Development.Count == 0)
                roles[path] = new RoleJudgement(FileRole.Production, own.Production[0]);
            else if (own.Development.Count > 0 && own.Production.Count == 0
                     && (own.Development.Count >= 2 || SiblingServesProduction(path, kind, kinds, signs)))
                roles[path] = new RoleJudgement(FileRole.Development, string.Join(" and ", own.Development));
        }

        // What production uses is production, whatever its own content looks like.
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var r in references)
            {
                if (byName.Contains(r.To) || !kinds.ContainsKey(r.To) || roles.GetValueOrDefault(r.To)?.Role == FileRole.Production) continue;
                if (r.Publishes)
                    roles[r.To] = new RoleJudgement(FileRole.Production, $"built and published by {r.From}:{r.Line}");
                else if (roles.GetValueOrDefault(r.From)?.Role == FileRole.Production)
                    roles[r.To] = new RoleJudgement(FileRole.Production, $"used by {r.From}:{r.Line}, a production file");
                else continue;
                changed = true;
            }
        }

        // docker-compose.yml beside docker-compose.prod.yml, Dockerfile beside Dockerfile.prod.
        foreach (var (path, kind) in kinds)
        {
            if (roles.ContainsKey(path) || kind is not (DeploymentKind.Compose or DeploymentKind.Dockerfile)) continue;
            var folder = ReferenceFinder.Folder(path);
            var stem = Stem(path);
            var variant = kinds.Where(k => k.Value == kind && k.Key != path && ReferenceFinder.Folder(k.Key) == folder
                                           && Stem(k.Key).StartsWith(stem, StringComparison.OrdinalIgnoreCase)
                                           && byName.Contains(k.Key) && roles[k.Key].Role == FileRole.Production)
                .Select(k => k.Key).FirstOrDefault();
            if (variant is not null)
                roles[path] = new RoleJudgement(FileRole.Development, $"the variant beside the production file {variant}");
        }

        // A script, config or env file only non-production files use is theirs. Compose files are
        // started by hand and Dockerfiles built by anyone: a CI job using one says nothing more.
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (path, kind) in kinds)
            {
                if (roles.ContainsKey(path) || kind == DeploymentKind.Compose) continue;
                var users = references.Where(r => r.To == path && r.From != path).ToList();
                if (kind == DeploymentKind.Dockerfile) users = users.Where(u => kinds.KindOf(u.From) == DeploymentKind.Compose).ToList();
                if (users.Count == 0 || users.Any(u => roles.GetValueOrDefault(u.From)?.Role.SpeaksForProduction() != false)) continue;
                var first = users.OrderBy(u => roles[u.From].Role).ThenBy(u => u.From, StringComparer.Ordinal).First();
                roles[path] = new RoleJudgement(roles[first.From].Role, $"used only by {first.From}:{first.Line}, a {roles[first.From].Role.Name()} file");
                changed = true;
            }
        }

        foreach (var path in kinds.Keys)
            if (!roles.ContainsKey(path))
                roles[path] = new RoleJudgement(FileRole.Unknown, "nothing says which environment it is for");
        return roles;
    }

    /// <summary>A file name up to its first dot: docker-compose for docker-compose.prod.yml.</summary>
    private static string Stem(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.IndexOf('.', 1) is var dot and > 0 ? name[..dot] : name;
    }

    /// <summary>True when another file of the same kind serves the app with a production server and
    /// shows no development sign: then runserver here is the developer's variant.</summary>
    private static bool SiblingServesProduction(string path, DeploymentKind kind, IReadOnlyDictionary<string, DeploymentKind> kinds, IReadOnlyDictionary<string, ContentSigns> signs) =>
        kinds.Any(k => k.Key != path && k.Value == kind && signs.TryGetValue(k.Key, out var s) && s.Production.Count > 0 && s.Development.Count == 0
                       && RoleNames.FromPath(k.Key) is not { Role: not FileRole.Production });
}
