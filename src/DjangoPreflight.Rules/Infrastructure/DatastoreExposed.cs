using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Deployment.Compose;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Infrastructure;

/// <summary>DP807: a database, cache or broker is published on every interface of the host, or a
/// cache/broker runs without authentication, or a database image is switched to accept any
/// connection without a password.</summary>
public sealed class DatastoreExposed : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP807",
        Title: "Database or cache port published on all interfaces, or cache without auth",
        Category: Category.Infrastructure,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["002", "004"],
        Docs: new RuleDocs(
            Why: """
                `ports: ["5432:5432"]` publishes the database on every interface of the host, and
                Docker's own firewall rules bypass ufw/firewalld: the database answers the internet.
                Redis without a password executes any command sent to it (including writing files), and
                memcached has no authentication at all.
                """,
            Fix: """
                Do not publish database and cache ports: services on the same compose network reach them
                by name. If the host needs them, bind to loopback ("127.0.0.1:5432:5432"). Give Redis a
                password (--requirepass, REDIS_PASSWORD) and keep memcached off public networks.
                """,
            Before: """
                db:
                  image: postgres:16
                  ports:
                    - "5432:5432"
                """,
            After: """
                db:
                  image: postgres:16
                  expose:
                    - "5432"
                """));

    public override IEnumerable<Finding> Check(ProjectContext project)
    {
        foreach (var file in project.Deployment.ComposeFiles.Where(f => f.Role.SpeaksForProduction()))
        {
            foreach (var service in file.Services)
            {
                if (service.Datastore is not { } kind) continue;
                var exposed = service.Ports.Where(p => p.OnAllInterfaces).ToList();
                var open = OpenWithoutPassword(service.Environment.Select(e => (e.Key, e.Value.Value)));
                var noAuth = IsCache(kind) ? !HasAuth(service, kind) : open is not null;
                foreach (var port in exposed)
                {
                    yield return Finding(
                        $"The {kind} service '{service.Name}' publishes port {port.ContainerPort} on every interface of the host"
                        + (noAuth ? $", and {kind} runs without authentication." : "."),
                        port.Location, file.Role == FileRole.Production ? Confidence.High : Confidence.Medium);
                }
                if (noAuth && exposed.Count == 0)
                    yield return Finding(
                        $"The {kind} service '{service.Name}' runs without authentication{(open is null ? "" : $" ({open})")}: any container or host that can reach it can read and change it.",
                        service.Location, Confidence.Medium, severity: Severity.Low);
            }
        }
        // An image built to let everyone in: whichever service runs it, the switch is in the image.
        foreach (var dockerfile in project.Deployment.Dockerfiles.Where(d => project.Deployment.FileAt(d.Path)?.Role.SpeaksForProduction() ?? true))
            foreach (var (name, value, location) in dockerfile.Environment())
                if (OpenWithoutPassword([(name, value)]) is { } open)
                    yield return Finding(
                        $"The image {dockerfile.Path} builds sets {open}: any container or host that can reach its database can read and change it without a password.",
                        location, Confidence.Medium, severity: Severity.Low);
    }

    /// <summary>The environment switch that makes a database image accept connections without a
    /// password, as "NAME=value", or null: the postgres image's entrypoint writes POSTGRES_HOST_AUTH_METHOD
    /// into pg_hba.conf as the method for every host, and trust asks for no password at all. (MySQL's
    /// ALLOW_EMPTY switches are left alone: they matter only when no root password comes from
    /// anywhere, which env files and secrets make unknowable here.)</summary>
    private static string? OpenWithoutPassword(IEnumerable<(string Name, string Value)> environment)
    {
        foreach (var (name, value) in environment)
            if (name == "POSTGRES_HOST_AUTH_METHOD" && value.Trim().Trim('"', '\'').Equals("trust", StringComparison.OrdinalIgnoreCase))
                return $"{name}=trust";
        return null;
    }

    private static bool IsCache(string kind) => kind is "redis" or "valkey" or "keydb" or "memcached";

    private static bool HasAuth(ComposeService service, string kind)
    {
        if (kind == "memcached")
            return service.Command?.Value.Contains("-S", StringComparison.Ordinal) == true || service.Command?.Value.Contains("--enable-sasl", StringComparison.Ordinal) == true;
        var command = $"{service.Entrypoint?.Value} {service.Command?.Value}";
        // A config file given on the command line may set requirepass; we cannot see inside the image.
        if (command.Contains("requirepass", StringComparison.Ordinal) || command.Contains("aclfile", StringComparison.Ordinal)
            || command.Contains(".conf", StringComparison.Ordinal)) return true;
        // The bitnami and similar images take the password from the environment.
        return service.Environment.Any(e => e.Key is "REDIS_PASSWORD" or "REDIS_PASSWORD_FILE" or "VALKEY_PASSWORD" && e.Value.Value.Length > 0)
               || service.Environment.Any(e => e.Key == "ALLOW_EMPTY_PASSWORD" && e.Value.Value.Trim().ToLowerInvariant() is "no" or "false");
    }
}
