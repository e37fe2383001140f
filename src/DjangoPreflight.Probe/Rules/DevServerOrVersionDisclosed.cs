using System.Text.RegularExpressions;
using DjangoPreflight.Core;

namespace DjangoPreflight.Probe.Rules;

/// <summary>DPL08: Django's development server answers, or response headers disclose software versions.</summary>
public sealed partial class DevServerOrVersionDisclosed : LiveRule
{
    [GeneratedRegex(@"/\d", RegexOptions.NonBacktracking)]
    private static partial Regex Versioned();

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPL08",
        Title: "Development server answers, or versions are disclosed",
        Category: Category.Live,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["000"],
        Docs: new RuleDocs(
            Why: """
                `manage.py runserver` is not built for production: it has had no security review, serves
                one request at a time and stops with the terminal. Its Server header (WSGIServer/…
                CPython/…) gives it away. Version numbers in Server or X-Powered-By tell attackers which
                known vulnerabilities to try.
                """,
            Fix: """
                Serve the project with gunicorn or uWSGI (or an ASGI server) behind nginx, and hide
                versions (nginx: server_tokens off;).
                """,
            Before: """
                Server: WSGIServer/0.2 CPython/3.11.2
                """,
            After: """
                Server: nginx
                """));

    public override IEnumerable<Finding> Check(ProbeObservations o)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in o.AllResponses)
        {
            foreach (var name in new[] { "server", "x-powered-by" })
            {
                if (r.Header(name) is not { } value || !seen.Add($"{name}: {value}"))
                    continue;
                var at = SourceLocation.ForUrl(r.Url.ToString());
                if (name == "server" && value.StartsWith("WSGIServer/", StringComparison.Ordinal))
                    yield return Finding($"Django's development server (runserver) answers: Server: {value}.", at);
                else if (Versioned().IsMatch(value))
                    yield return Finding($"The {(name == "server" ? "Server" : "X-Powered-By")} header discloses a version: {value}.", at, severity: Severity.Low);
            }
        }
    }
}
