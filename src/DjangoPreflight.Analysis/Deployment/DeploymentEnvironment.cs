using DjangoPreflight.Analysis.Deployment.Kubernetes;
using DjangoPreflight.Analysis.Environment;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>
/// The environment production's deployment files give the app server: the variables set in the
/// serving chain (see <see cref="DeploymentFacts.ServingChain"/>), the image's ENV first, then a
/// unit's Environment=, then the env files compose or the unit loads (and a pod's envFrom ConfigMaps),
/// then what the service, container, program, uWSGI or platform sets, as each overrides the one before. A compose service that runs a database, cache, broker or edge server is
/// not the app: its variables (POSTGRES_PASSWORD...) are not Django's environment. Values are read as
/// compose reads them (<see cref="Interpolated"/>): a <c>${VAR:-default}</c> is its default, since
/// the repository sets no VAR; a <c>${VAR}</c> without a default leaves the variable unset, so the
/// settings' own fail-open or fail-closed handling of a missing variable decides (the profile lists it
/// as passed in: production sets it, to a value the repository does not hold). Every variable
/// remembers its file:line for the findings' messages.
/// </summary>
public static class DeploymentEnvironment
{
    internal static readonly string[] EdgeImages = ["nginx", "caddy", "traefik", "haproxy", "httpd", "envoy"];

    public static EnvProfile Profile(DeploymentFacts deployment)
    {
        var chain = deployment.ServingChain;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var origins = new Dictionary<string, EnvOrigin>(StringComparer.Ordinal);
        var passedIn = new Dictionary<string, EnvOrigin>(StringComparer.Ordinal);
        // Variables whose value so far comes from an env file.
        var fromEnvFile = new HashSet<string>(StringComparer.Ordinal);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var assignments = deployment.Environment
            .Where(e => e.Role.SpeaksForProduction() && chain.Contains(e.Location.Path ?? "") && !NotTheApp(deployment, e))
            .OrderBy(Precedence).ThenBy(e => e.Location.Path, StringComparer.Ordinal).ThenBy(e => e.Location.Line);
        // What each env file set on its earlier lines: compose reads an env file's ${VAR} from there.
        var envFiles = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var e in assignments)
        {
            var envFile = e.Origin == "env file" ? (envFiles.TryGetValue(e.Location.Path!, out var earlier) ? earlier : envFiles[e.Location.Path!] = new(StringComparer.Ordinal)) : null;
            var value = Interpolated.Parse(e.Value, envFile);
            files.Add(e.Location.Path!);
            if (value.Value is null)
            {
                // A service's ${X} of a variable a shipped env file sets: compose interpolates it from
                // the project's env file (.env, --env-file), so it is that value.
                if (envFile is null && fromEnvFile.Contains(e.Name) && IsReferenceTo(e.Value, e.Name))
                    continue;
                // An env file the repository ships with a value built on variables set outside it
                // (http://${DOMAIN}) says what production runs in part: production runs a value of
                // that shape, never an empty one, so the settings see it as written.
                if (envFile is not null && e.Value.Trim().Trim('"', '\'') is var raw && !raw.StartsWith('$'))
                {
                    fromEnvFile.Add(e.Name);
                    passedIn.Remove(e.Name);
                    variables[e.Name] = envFile[e.Name] = raw;
                    origins[e.Name] = new EnvOrigin(e.Location, $"{e.Origin}, with {Core.Prose.And(value.Variables.Where(v => !envFile.ContainsKey(v)).Distinct().Select(v => $"${{{v}}}").ToList())} set outside the repository");
                    continue;
                }
                // Set from outside the repository: unknown here, so treated as missing.
                variables.Remove(e.Name);
                origins.Remove(e.Name);
                fromEnvFile.Remove(e.Name);
                passedIn[e.Name] = new EnvOrigin(e.Location, e.Origin);
                continue;
            }
            passedIn.Remove(e.Name);
            variables[e.Name] = value.Value;
            if (envFile is not null)
            {
                envFile[e.Name] = value.Value;
                fromEnvFile.Add(e.Name);
            }
            else
            {
                fromEnvFile.Remove(e.Name);
            }
            origins[e.Name] = new EnvOrigin(e.Location, value.UsesDefault ? $"{e.Origin}, the default of ${{{value.Variables[0]}:-…}}" : e.Origin);
        }
        var sources = variables.Count == 0 ? [] : new List<string> { $"the production deployment files ({string.Join(", ", files)})" };
        return new EnvProfile(variables, sources) { Origins = origins, PassedIn = passedIn };
    }

    /// <summary>True for <c>${NAME}</c> or <c>$NAME</c>: the value passes the variable through.</summary>
    private static bool IsReferenceTo(string value, string name) =>
        value.Trim().Trim('"', '\'') is var v && (v == "${" + name + "}" || v == "$" + name);

    /// <summary>A compose service whose image is a datastore's or an edge server's.</summary>
    private static bool NotTheApp(DeploymentFacts deployment, EnvAssignment e)
    {
        const string prefix = "compose service ";
        if (!e.Origin.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var service = deployment.ComposeFiles.Where(f => f.Path == e.Location.Path)
            .SelectMany(f => f.Services).FirstOrDefault(s => s.Name == e.Origin[prefix.Length..]);
        if (service is null || service.BuildContext is not null) return false;
        if (service.Datastore is not null) return true;
        var repo = service.Image?.Value.ToLowerInvariant().Split('/')[^1].Split(':')[0].Split('@')[0] ?? "";
        return EdgeImages.Any(edge => repo.StartsWith(edge, StringComparison.Ordinal));
    }

    /// <summary>The image's ENV is overridden by env files (and a pod's envFrom ConfigMaps), which the
    /// service's (the container's) own environment overrides; a unit's EnvironmentFile= overrides its Environment=.</summary>
    private static int Precedence(EnvAssignment e) => e.Origin switch
    {
        "Dockerfile ENV" => 0,
        // systemd: "settings from these files override settings made with Environment=".
        "systemd Environment" => 1,
        "env file" => 2,
        _ when e.Origin.StartsWith(KubernetesApps.EnvFromOrigin, StringComparison.Ordinal) => 2,
        _ => 3,
    };
}
