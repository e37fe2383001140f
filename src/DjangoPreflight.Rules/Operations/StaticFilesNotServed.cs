using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Operations;

/// <summary>DP602: the deployment never runs collectstatic, or nothing serves STATIC_URL
/// (no WhiteNoise, no web-server location, no remote storage).</summary>
public sealed class StaticFilesNotServed : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP602",
        Title: "Static files are never collected or served",
        Category: Category.Operations,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                With DEBUG off, Django does not serve static files. Unless the deployment runs
                collectstatic and something serves STATIC_ROOT at STATIC_URL (WhiteNoise, the web server,
                a CDN or bucket), the admin and every page lose their CSS and JavaScript in production.
                """,
            Fix: """
                Run `python manage.py collectstatic --noinput` in the image build or release step, and
                serve the result: add WhiteNoise's middleware, or a web-server location for STATIC_URL
                that aliases STATIC_ROOT.
                """,
            Before: """
                CMD ["gunicorn", "shop.wsgi"]
                """,
            After: """
                RUN python manage.py collectstatic --noinput
                CMD ["gunicorn", "shop.wsgi"]
                """));

    public override IEnumerable<Finding> Check(ProjectContext project) => Check(project, project.Settings.Production);

    /// <summary>The check against the given settings: the evaluated production module, or a test's own.</summary>
    public IEnumerable<Finding> Check(ProjectContext project, SettingsModel? settings)
    {
        var deployment = project.Deployment;
        var anchor = deployment.ProductionLaunches.FirstOrDefault()?.Location
                     ?? deployment.Dockerfiles.FirstOrDefault(d => deployment.FileAt(d.Path)?.Role.SpeaksForProduction() != false)?.Instructions.FirstOrDefault()?.Location;
        // Without a production launch or image there is no deployment to judge.
        if (anchor is null) yield break;
        if (settings is not null && SettingsLookups.Contains(settings, "INSTALLED_APPS", a => a.StartsWith("django.contrib.staticfiles", StringComparison.Ordinal)) != true)
            yield break;
        // The app's own view finds and serves the files where they are: nothing to collect or route.
        if (settings is not null && AppView(project, settings) is { HasDocumentRoot: false }) yield break;
        var collected = deployment.CollectstaticSteps.Count > 0;
        var served = settings is null ? null : Served(project, settings);
        const string NotCollected = "no deployment file runs collectstatic (Dockerfile, Procfile release, compose, scripts, CI, Makefile)";
        var notServed = $"nothing serves STATIC_URL ({settings?["STATIC_URL"]?.Value.AsString}): no WhiteNoise middleware, no web-server route for it (nginx location, Caddy file_server, uWSGI static-map, Apache Alias), no remote static storage";
        // With no front server of the repository's own, the one in front of the app is configured
        // elsewhere: that it does not serve STATIC_URL is not something the repository shows.
        var edgeElsewhere = served == false && EdgeOutsideRepository(deployment);
        if (!collected && served == false && !edgeElsewhere)
            yield return Finding($"Static files are never collected nor served: {NotCollected}, and {notServed}.", anchor, Confidence.Medium);
        else if (!collected)
            yield return Finding($"Static files are never collected: {NotCollected}, so STATIC_ROOT is empty in production.", anchor, Confidence.Medium);
        else if (served == false && edgeElsewhere)
            yield return Finding($"Static files are collected, but nothing in the repository serves STATIC_URL ({settings!["STATIC_URL"]?.Value.AsString}): no WhiteNoise middleware, no remote static storage, "
                                 + "and no front server configuration (nginx, Caddy, Apache, Traefik, uWSGI) of the repository's own: check that the server in front of the app, configured elsewhere, serves STATIC_ROOT.",
                settings.LocationOf("STATIC_URL"), Confidence.Low, "STATIC_URL", Severity.Low);
        else if (served == false)
            yield return Finding($"Static files are collected but never served: {notServed}.", settings!.LocationOf("STATIC_URL"), Confidence.Medium, "STATIC_URL");
    }

    /// <summary>True when the repository holds no front server that production may use (nginx, Caddy,
    /// Apache, Traefik, a uWSGI that can serve files) and the app is not run by a platform from a Procfile or
    /// platform file (those put no static file server in front): the server in front, if any, is
    /// configured outside the repository.</summary>
    private static bool EdgeOutsideRepository(DeploymentFacts deployment) =>
        !deployment.ProductionNginx.Any() && !deployment.ProductionCaddy.Any() && !deployment.ProductionApache.Any() && deployment.Traefik is null
        && !deployment.UwsgiConfigs.Any(u => u.Role.SpeaksForProduction())
        && !deployment.ProductionLaunches.Any(l => l.Origin is LaunchOrigin.Procfile or LaunchOrigin.Platform || l.Server == AppServer.Uwsgi);

    /// <summary>True when something serves static files, false when nothing is seen to, null when a
    /// setting it depends on is unknown.</summary>
    private static bool? Served(ProjectContext project, SettingsModel settings)
    {
        var whitenoise = SettingsLookups.Contains(settings, "MIDDLEWARE", m => m.StartsWith("whitenoise.", StringComparison.Ordinal));
        if (whitenoise != false) return whitenoise;
        if (settings["STATIC_URL"]?.Value is not PyStr { Value: var url }) return null;
        // An absolute STATIC_URL is a CDN or bucket.
        if (url.StartsWith("http://", StringComparison.Ordinal) || url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("//", StringComparison.Ordinal))
            return true;
        if (RemoteStorage(settings) is var remote && remote != false) return remote;
        var prefix = "/" + url.Trim('/');
        return AppView(project, settings) is not null || project.Deployment.ProductionFileRoutes.Any(r => r.Prefix == prefix)
               // django-webserver's pyuwsgi static-maps STATIC_URL (made absolute by Django) to STATIC_ROOT unless PYUWSGI_ARGS replaces its arguments.
               || project.Deployment.ProductionLaunches.Any(l => l.DefaultStaticMap is not null) && !settings.IsSet("PYUWSGI_ARGS");
    }

    /// <summary>A route of the URLconf that hands every path under STATIC_URL to a view outside any
    /// DEBUG guard (ArchiveBox's <c>re_path(r"^static/(?P&lt;path&gt;.*)$", serve_static)</c>); null when
    /// there is none or STATIC_URL is not a known local path.</summary>
    internal static FileViewRoute? AppView(ProjectContext project, SettingsModel settings)
    {
        if (settings["STATIC_URL"]?.Value is not PyStr { Value: var url } || url.Contains("//", StringComparison.Ordinal)) return null;
        var prefix = url.Trim('/');
        return prefix.Length == 0 ? null : project.Code.Urls.FileViewRoutes.FirstOrDefault(r => r.Prefix.TrimEnd('/') == prefix);
    }

    private static bool? RemoteStorage(SettingsModel settings)
    {
        PyValue? backend = settings.IsSet("STORAGES") && settings["STORAGES"]!.Value is PyDict storages
            ? (storages.Get("staticfiles") as PyDict)?.Get("BACKEND")
            : settings.IsSet("STATICFILES_STORAGE") ? settings["STATICFILES_STORAGE"]!.Value : null;
        if (backend is null) return false;
        if (backend.AsString is not { } name) return null;
        return name.StartsWith("storages.", StringComparison.Ordinal) || name.Contains("cloudinary", StringComparison.OrdinalIgnoreCase)
               || name.Contains("S3", StringComparison.Ordinal) || name.Contains("gcloud", StringComparison.OrdinalIgnoreCase);
    }
}
