using DjangoPreflight.Analysis.Deployment.Compose;
using DjangoPreflight.Analysis.Deployment.Roles;

namespace DjangoPreflight.Analysis.Deployment.Kubernetes;

/// <summary>
/// The containers of the repository's Kubernetes manifests that run the app, and the environment
/// they give it: a container whose command starts a Django server, or one without a command (its
/// image's CMD decides) that is no datastore or edge server and either sets DJANGO_SETTINGS_MODULE or
/// runs beside a Dockerfile whose image starts one. Their <c>envFrom</c> ConfigMaps come first, then
/// their own <c>env</c> (literal values, and ConfigMap keys located in the ConfigMap), as Kubernetes
/// orders them. A value from a Secret or the pod's fields is not in the repository: it is left out.
/// </summary>
internal static class KubernetesApps
{
    public const string EnvFromOrigin = "Kubernetes envFrom ConfigMap";

    /// <summary>Adds the app containers' variables to <paramref name="env"/>; returns the manifests
    /// that run the app and the references from a workload to the ConfigMaps it reads.</summary>
    public static (List<string> Manifests, List<FileReference> References) Read(IReadOnlyList<KubernetesManifest> manifests,
        Func<string, bool> startsServer, bool imageServes, List<EnvAssignment> env)
    {
        var apps = new SortedSet<string>(StringComparer.Ordinal);
        var refs = new List<FileReference>();
        foreach (var manifest in manifests)
            foreach (var container in manifest.Containers.Where(c => IsApp(c, startsServer, imageServes)))
            {
                apps.Add(manifest.Path);
                foreach (var from in container.EnvFrom)
                {
                    if (ConfigMap(manifests, from.ConfigMap, manifest.Path) is not { } found) continue;
                    refs.Add(new FileReference(manifest.Path, found.Path, from.Location.Line ?? 1));
                    foreach (var (key, value, at) in found.Map.Data)
                        env.Add(new EnvAssignment(from.Prefix + key, value, at, FileRole.Unknown, $"{EnvFromOrigin} {found.Map.Name}"));
                }
                foreach (var variable in container.Env)
                {
                    if (variable.Value is { } literal)
                    {
                        env.Add(new EnvAssignment(variable.Name, literal, variable.Location, FileRole.Unknown, $"Kubernetes container {container.Name}"));
                    }
                    else if (variable.ConfigMap is { } name && variable.Key is { } key && ConfigMap(manifests, name, manifest.Path) is { } found)
                    {
                        foreach (var (_, value, at) in found.Map.Data.Where(d => d.Key == key).TakeLast(1))
                        {
                            refs.Add(new FileReference(manifest.Path, found.Path, variable.Location.Line ?? 1));
                            env.Add(new EnvAssignment(variable.Name, value, at, FileRole.Unknown, $"Kubernetes ConfigMap {name} key {key}"));
                        }
                    }
                }
            }
        return (apps.ToList(), refs.Where(r => r.From != r.To).ToList());
    }

    private static bool IsApp(KubernetesContainer container, Func<string, bool> startsServer, bool imageServes)
    {
        if (container.Command is { } command) return startsServer(command);
        var repo = (container.Image ?? "").ToLowerInvariant().Split('/')[^1].Split(':')[0].Split('@')[0];
        if (ComposeService.Datastores.Any(d => repo.Contains(d, StringComparison.Ordinal))
            || DeploymentEnvironment.EdgeImages.Any(e => repo.StartsWith(e, StringComparison.Ordinal))) return false;
        return imageServes || container.Env.Any(e => e.Name == "DJANGO_SETTINGS_MODULE");
    }

    /// <summary>The ConfigMap of that name: in the workload's own file, else the only file that defines it
    /// (several definitions elsewhere, as overlays have, leave it unknown).</summary>
    private static (string Path, KubernetesConfigMap Map)? ConfigMap(IReadOnlyList<KubernetesManifest> manifests, string name, string workload)
    {
        var found = manifests.SelectMany(m => m.ConfigMaps.Where(c => c.Name == name).Select(c => (m.Path, Map: c))).ToList();
        var own = found.Where(f => f.Path == workload).ToList();
        if (own.Count > 0) return own[^1];
        return found.Count == 1 ? found[0] : null;
    }
}
