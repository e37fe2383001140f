using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Infrastructure;

/// <summary>DP806: nginx sends its version in the Server header and error pages (server_tokens on,
/// which is nginx's default), or Apache does (ServerTokens Full, its default, OS or Minimal).</summary>
public sealed class NginxVersionDisclosed : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP806",
        Title: "The edge server (nginx, Apache) discloses its version",
        Category: Category.Infrastructure,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["+"],
        Docs: new RuleDocs(
            Why: """
                With server_tokens on (nginx's default), every response says `Server: nginx/1.22.1` and
                every error page prints the version, so automated scanners can match the site against
                known vulnerabilities of that exact release without any effort.
                """,
            Fix: """
                Set `server_tokens off;` in the http block (or in every server block); for Apache,
                `ServerTokens Prod` in the main configuration.
                """,
            Before: """
                http {
                    server { listen 80; server_name shop.example.com; }
                }
                """,
            After: """
                http {
                    server_tokens off;
                    server { listen 80; server_name shop.example.com; }
                }
                """));

    public override IEnumerable<Finding> Check(ProjectContext project)
    {
        foreach (var config in project.Deployment.Nginx)
        {
            foreach (var server in config.Servers)
            {
                var tokens = server.Effective("server_tokens");
                if (tokens is not null && tokens.Arg(0) != "on") continue;
                if (tokens is not null)
                {
                    yield return Finding("`server_tokens on` makes nginx send its version in the Server header and error pages.", tokens.Location);
                }
                else
                {
                    // A site file runs inside an http block we do not see, which may turn it off.
                    yield return Finding(
                        "server_tokens is not set, and nginx's default is on: responses and error pages show the nginx version"
                        + (config.IsWholeConfig ? "." : " (unless the http block outside this file sets it off)."),
                        server.Location, config.IsWholeConfig ? Confidence.High : Confidence.Medium);
                }
                break; // one finding per configuration: the fix is one line
            }
        }
        // Servers read the server-neutral way (Apache's ServerTokens, server-wide only): one per configuration.
        foreach (var version in project.Deployment.EdgeVersions.Where(v => v.Discloses))
        {
            if (version.SetAt is { } at)
                yield return Finding($"`{version.Directive} {version.Value}` makes {version.Server} send its version in the Server header.", at);
            else
                yield return Finding(
                    $"{version.Directive} is not set, and {version.Server}'s default sends its version in the Server header"
                    + (version.WholeConfig ? "." : $" (unless the main configuration this file is included from sets {version.Directive} Prod)."),
                    version.Location, version.WholeConfig ? Confidence.High : Confidence.Medium);
        }
    }
}
