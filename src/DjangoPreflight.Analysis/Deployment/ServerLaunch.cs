using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>Where a deployment file starts something.</summary>
public enum LaunchOrigin { Dockerfile, Compose, Procfile, Systemd, Supervisor, Script, CI, Platform }

/// <summary>
/// A command in a deployment file that starts a server for Django: which server, speaking WSGI or
/// ASGI, where (file:line), from what kind of file and for which environment.
/// </summary>
public sealed record ServerLaunch(
    SourceLocation Location,
    string Command,
    LaunchOrigin Origin,
    FileRole Role,
    AppServer Server,
    AppInterface Interface)
{
    /// <summary>For a launch of django-webserver's pyuwsgi command (or the project's subclass of it), the file
    /// that defines the command: its default arguments static-map STATIC_URL to STATIC_ROOT (see
    /// <see cref="WebserverCommands"/>). Null for every other launch.</summary>
    public string? DefaultStaticMap { get; init; }

    /// <summary>Human words for the origin, for messages.</summary>
    public string Where => Origin switch
    {
        LaunchOrigin.Dockerfile => "Dockerfile",
        LaunchOrigin.Compose => "compose service",
        LaunchOrigin.Procfile => "Procfile",
        LaunchOrigin.Systemd => "systemd unit",
        LaunchOrigin.Supervisor => "supervisor program",
        LaunchOrigin.Script => "script",
        LaunchOrigin.Platform => "platform file",
        _ => "CI job",
    };
}
