using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Infrastructure;

/// <summary>DP806: nginx sends its version in the Server header and error pages (server_tokens on,
/// which is nginx's default).</summary>
public sealed class NginxVersionDisclosed : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP806",
        Title: "nginx discloses its version",
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
                Set `server_tokens off;` in the http block (or in every server block).
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
    }
}
