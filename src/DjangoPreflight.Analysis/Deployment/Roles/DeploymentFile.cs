namespace DjangoPreflight.Analysis.Deployment.Roles;

/// <summary>The kinds of deployment file the scan reads.</summary>
public enum DeploymentKind
{
    Dockerfile, Compose, EnvFile, Procfile, Systemd, Supervisor, Uwsgi, Gunicorn, Script, CI, Nginx, Caddy, Traefik, Apache, Kubernetes, Platform,
}

internal static class DeploymentKinds
{
    /// <summary>The kind of a path that is a deployment file, null for any other path.</summary>
    public static DeploymentKind? KindOf(this IReadOnlyDictionary<string, DeploymentKind> kinds, string path) =>
        kinds.TryGetValue(path, out var kind) ? kind : null;
}

/// <summary>A deployment file, what kind it is, the role it plays and why.</summary>
public sealed record DeploymentFile(string Path, DeploymentKind Kind, FileRole Role, string Reason)
{
    /// <summary>The kind as reports write it.</summary>
    public string KindName => Kind switch
    {
        DeploymentKind.EnvFile => "env file",
        DeploymentKind.CI => "CI workflow",
        DeploymentKind.Platform => "platform config",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>One deployment file using another: a compose service building a Dockerfile or loading
/// an env file, a Dockerfile copying a script or a config, a command running a script.
/// <paramref name="Publishes"/> marks a CI step that builds an image and pushes it (what it builds
/// is what production pulls), unlike a CI step that only runs or tests it.</summary>
public sealed record FileReference(string From, string To, int Line, bool Publishes = false);

/// <summary>A Dockerfile's COPY/ADD of a project file or folder (<paramref name="Source"/>) to a path
/// in the final image (<paramref name="Destination"/>, absolute; for a folder, what it holds lands
/// there). Copies in build stages the final image does not come from are not listed.</summary>
public sealed record ImageCopy(string Dockerfile, int Line, string Source, string Destination, bool IsFolder);

/// <summary>A command line of a deployment file (a script line, a Procfile process, a unit's
/// ExecStart, a supervisor command, a CI step...) with the file's role.</summary>
public sealed record DeploymentCommand(string Path, string Text, int Line, FileRole Role);
