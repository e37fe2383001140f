using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Infrastructure;

/// <summary>DP802: the project needs ASGI (Channels, websockets) but production starts a WSGI-only server.</summary>
public sealed class WsgiServerForAsgiProject : ProjectRule
{
    private static readonly string[] AsgiApps = ["channels", "daphne"];

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP802",
        Title: "A WSGI-only server runs a project that needs ASGI",
        Category: Category.Infrastructure,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["000"],
        Docs: new RuleDocs(
            Why: """
                Channels consumers and websockets only exist under ASGI. gunicorn's default sync workers
                and uWSGI speak WSGI: the site seems to work, but every websocket connection fails in
                production, and async views lose their concurrency.
                """,
            Fix: """
                Serve the ASGI application: daphne, uvicorn or hypercorn, or gunicorn with the uvicorn
                worker class, pointing at your asgi.py application.
                """,
            Before: """
                web: gunicorn chat.wsgi:application
                """,
            After: """
                web: gunicorn chat.asgi:application -k uvicorn.workers.UvicornWorker
                """));

    public override IEnumerable<Finding> Check(ProjectContext project) => Check(project, project.Settings.Production);

    /// <summary>The check against the given settings: the evaluated production module, or a test's own.</summary>
    public IEnumerable<Finding> Check(ProjectContext project, SettingsModel? settings)
    {
        if (AsgiEvidence(project, settings) is not { } reason) yield break;
        foreach (var launch in project.Deployment.ProductionLaunches.Where(l => l.Interface == AppInterface.Wsgi))
            yield return Finding(
                $"The {launch.Where} starts {launch.Server.ToString().ToLowerInvariant()}, which serves WSGI only, but the project needs ASGI ({reason}).",
                launch.Location, launch.Role == FileRole.Production ? Confidence.High : Confidence.Medium);
        foreach (var uwsgi in project.Deployment.UwsgiConfigs.Where(u => u.Role.SpeaksForProduction()))
            yield return Finding(
                $"The uWSGI configuration serves WSGI only, but the project needs ASGI ({reason}).",
                uwsgi.Location, Confidence.Medium);
    }

    /// <summary>Why the project needs ASGI, citing the setting or file; null when nothing says so.</summary>
    private static string? AsgiEvidence(ProjectContext project, SettingsModel? settings)
    {
        if (settings is not null)
        {
            if (SettingsLookups.Entries(settings, "INSTALLED_APPS") is { } apps && apps.FirstOrDefault(a => AsgiApps.Contains(a.Split('.')[0])) is { } app)
                return $"'{app}' is in INSTALLED_APPS at {settings.LocationOf("INSTALLED_APPS")}";
            if (settings.IsSet("ASGI_APPLICATION") && settings["ASGI_APPLICATION"]!.Value.AsString is { } asgi)
                return $"ASGI_APPLICATION = '{asgi}' at {settings.LocationOf("ASGI_APPLICATION")}";
        }
        foreach (var package in AsgiApps)
            if (project.Dependencies.Find(package).FirstOrDefault() is { } dependency)
                return $"it depends on {package} at {dependency.Source}";
        // A websocket routing module is Channels' own convention.
        foreach (var path in project.Files.WithExtension(".py").Where(p => ProjectFiles.FileName(p) is "routing.py" or "asgi.py"))
        {
            var text = project.Files.ReadText(path) ?? "";
            if (text.Contains("websocket_urlpatterns", StringComparison.Ordinal) || text.Contains("URLRouter(", StringComparison.Ordinal))
                return $"{path} routes websockets";
        }
        return null;
    }
}
