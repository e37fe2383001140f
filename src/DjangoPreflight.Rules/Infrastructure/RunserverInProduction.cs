using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Infrastructure;

/// <summary>DP801: a production deployment file starts Django's development server.</summary>
public sealed class RunserverInProduction : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP801",
        Title: "runserver serves production",
        Category: Category.Infrastructure,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["000"],
        Docs: new RuleDocs(
            Why: """
                `manage.py runserver` is Django's development server. Django's documentation says it has
                not gone through security audits or performance tests and must not be used in production:
                it serves one request at a time per thread, has no worker supervision, no request limits,
                and shows the development banner's assumptions (static files, autoreload) to the internet.
                """,
            Fix: """
                Start a production server instead: gunicorn or uWSGI for WSGI, uvicorn, daphne or
                hypercorn (or gunicorn with uvicorn workers) for ASGI, behind a reverse proxy. Keep
                runserver in development-only files (docker-compose.override.yml, Procfile.dev, Makefile).
                """,
            Before: """
                CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
                """,
            After: """
                CMD ["gunicorn", "shop.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
                """));

    public override IEnumerable<Finding> Check(ProjectContext project)
    {
        foreach (var launch in project.Deployment.ProductionLaunches.Where(l => l.Server == AppServer.Runserver))
        {
            // A file named for production is what production runs; an unnamed one probably is.
            var confidence = launch.Role == FileRole.Production || launch.Origin == LaunchOrigin.Procfile ? Confidence.High : Confidence.Medium;
            yield return Finding(
                $"The {launch.Where} starts Django's development server: `{Shorten(launch.Command)}`.",
                launch.Location, confidence);
        }
    }

    internal static string Shorten(string command) =>
        command.Length <= 100 ? command : command[..97] + "...";
}
