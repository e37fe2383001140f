using DjangoPreflight.Analysis.Deployment.Compose;
using DjangoPreflight.Analysis.Deployment.Nginx;
using DjangoPreflight.Analysis.Deployment.Roles;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>
/// Whether a proxy's upstream is a program other than the Django app: a host that names only
/// production-capable compose services that run no Python (a Node collaboration server, Hasura,
/// a single-page app's own web server) or a datastore or edge server. An upstream we cannot tie to
/// a service (a unix socket, a variable, an address outside the project) may be Django: rules
/// about Django's proxy headers still judge it.
/// </summary>
internal static class OtherPrograms
{
    // Words a Dockerfile or command of a Python web app holds: its interpreter, its installer or its server.
    private static readonly string[] PythonWords =
        ["python", "pip", "django", "manage.py", "gunicorn", "uwsgi", "uvicorn", "daphne", "hypercorn", "granian", "poetry", "pipenv", "uv ", "waitress", "mod_wsgi"];

    /// <summary>True when every host the pass reaches names compose services none of which is the app.</summary>
    public static bool Reached(DeploymentFacts deployment, NginxConfig config, NginxDirective pass)
    {
        var hosts = NginxUpstreamHosts.Of(config, pass);
        return hosts.Count > 0 && hosts.All(h => IsOtherProgram(deployment, h));
    }

    /// <summary>True when the production-capable compose services named <paramref name="host"/> whose
    /// nature is known (built here, a datastore's or edge server's image) are not the app, and there is
    /// one at least. A service that only pulls an image of its own (the same service in another compose
    /// file, pulling what the first builds) tells nothing either way.</summary>
    public static bool IsOtherProgram(DeploymentFacts deployment, string host)
    {
        var known = deployment.ComposeFiles.Where(f => f.Role.SpeaksForProduction())
            .SelectMany(f => f.Services.Where(s => string.Equals(s.Name, host, StringComparison.OrdinalIgnoreCase)).Select(s => NotTheApp(deployment, f, s)))
            .OfType<bool>().ToList();
        return known.Count > 0 && known.All(k => k);
    }

    /// <summary>True for another program, false for what may be the app, null when the service's image
    /// is not built here and is no datastore or edge server.</summary>
    private static bool? NotTheApp(DeploymentFacts deployment, ComposeFile file, ComposeService service)
    {
        if (service.Datastore is not null) return true;
        var repo = service.Image?.Value.ToLowerInvariant().Split('/')[^1].Split(':')[0].Split('@')[0] ?? "";
        if (service.BuildContext is null)
            return DeploymentEnvironment.EdgeImages.Any(edge => repo.StartsWith(edge, StringComparison.Ordinal)) ? true : null;
        // A service built here runs no Python when neither its Dockerfile nor its command mentions any.
        if (ProjectPath.Join(ReferenceFinder.Folder(file.Path), service.BuildContext) is not { } context
            || ProjectPath.Join(context, service.BuildDockerfile ?? "Dockerfile") is not { } path
            || deployment.Dockerfiles.FirstOrDefault(d => d.Path == path) is not { } dockerfile)
            return false;
        var text = string.Join('\n', dockerfile.StageBases.Concat(dockerfile.Instructions.Select(i => i.Arguments))
            .Append(service.Command?.Value ?? "").Append(service.Entrypoint?.Value ?? ""));
        return !PythonWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
    }
}
