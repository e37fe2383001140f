using DjangoPreflight.Analysis.Deployment.Compose;
using DjangoPreflight.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DjangoPreflight.Analysis.Deployment.Kubernetes;

/// <summary>A variable a container's <c>env</c> sets: a literal <c>value</c>, or a ConfigMap's key
/// (<c>valueFrom.configMapKeyRef</c>); null for both when it comes from a Secret or the pod's fields,
/// which the repository does not hold.</summary>
public sealed record KubernetesEnv(string Name, string? Value, string? ConfigMap, string? Key, SourceLocation Location);

/// <summary>An <c>envFrom</c> of a ConfigMap: all its keys, each with the prefix.</summary>
public sealed record KubernetesEnvFrom(string ConfigMap, string Prefix, SourceLocation Location);

/// <summary>A container of a workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob).</summary>
public sealed record KubernetesContainer(string Name, string? Image, string? Command, SourceLocation Location,
    IReadOnlyList<KubernetesEnv> Env, IReadOnlyList<KubernetesEnvFrom> EnvFrom);

/// <summary>A ConfigMap's <c>data</c>, each key at its line.</summary>
public sealed record KubernetesConfigMap(string Name, IReadOnlyList<(string Key, string Value, SourceLocation Location)> Data);

/// <summary>
/// What a Kubernetes manifest (one or more YAML documents) tells about the environment of the
/// processes it runs: its workloads' containers with their command, <c>env</c> and <c>envFrom</c>,
/// and its ConfigMaps' data. A document YAML cannot read (a Helm template) gives nothing.
/// </summary>
public sealed record KubernetesManifest(string Path, IReadOnlyList<KubernetesContainer> Containers, IReadOnlyList<KubernetesConfigMap> ConfigMaps)
{
    public static KubernetesManifest Read(string path, string text)
    {
        var containers = new List<KubernetesContainer>();
        var maps = new List<KubernetesConfigMap>();
        var stream = new YamlStream();
        try
        {
            // Deep nesting would overflow YamlDotNet's recursive loader (see ComposeFile.NestedTooDeep).
            if (ComposeFile.NestedTooDeep(text) is not null) return new KubernetesManifest(path, [], []);
            stream.Load(new StringReader(text));
        }
        catch (YamlException)
        {
            return new KubernetesManifest(path, [], []);
        }
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is not YamlMappingNode root) continue;
            var kind = Text(root, "kind");
            if (kind == "ConfigMap" && Map(root, "metadata") is { } meta && Text(meta, "name") is { } name)
            {
                var data = new List<(string, string, SourceLocation)>();
                if (Map(root, "data") is { } entries)
                    foreach (var (key, value) in entries.Children)
                        if (key is YamlScalarNode { Value: { } k } && value is YamlScalarNode v)
                            data.Add((k, v.Value ?? "", At(path, key)));
                maps.Add(new KubernetesConfigMap(name, data));
            }
            else if (PodSpec(root, kind) is { } pod && pod.Children.TryGetValue(new YamlScalarNode("containers"), out var list) && list is YamlSequenceNode sequence)
            {
                foreach (var container in sequence.Children.OfType<YamlMappingNode>())
                    containers.Add(Container(path, container));
            }
        }
        return new KubernetesManifest(path, containers, maps);
    }

    /// <summary>The pod template of a workload.</summary>
    private static YamlMappingNode? PodSpec(YamlMappingNode root, string? kind) => kind switch
    {
        "Pod" => Map(root, "spec"),
        "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" => Map(Map(Map(root, "spec"), "template"), "spec"),
        "CronJob" => Map(Map(Map(Map(Map(root, "spec"), "jobTemplate"), "spec"), "template"), "spec"),
        _ => null,
    };

    private static KubernetesContainer Container(string path, YamlMappingNode container)
    {
        var env = new List<KubernetesEnv>();
        if (container.Children.TryGetValue(new YamlScalarNode("env"), out var envNode) && envNode is YamlSequenceNode envList)
            foreach (var item in envList.Children.OfType<YamlMappingNode>())
            {
                if (Text(item, "name") is not { } name) continue;
                var reference = Map(Map(item, "valueFrom"), "configMapKeyRef");
                env.Add(new KubernetesEnv(name, reference is null ? Text(item, "value") : null,
                    Text(reference, "name"), Text(reference, "key"), At(path, item)));
            }
        var from = new List<KubernetesEnvFrom>();
        if (container.Children.TryGetValue(new YamlScalarNode("envFrom"), out var fromNode) && fromNode is YamlSequenceNode fromList)
            foreach (var item in fromList.Children.OfType<YamlMappingNode>())
                if (Text(Map(item, "configMapRef"), "name") is { } map)
                    from.Add(new KubernetesEnvFrom(map, Text(item, "prefix") ?? "", At(path, item)));
        var words = Words(container, "command").Concat(Words(container, "args")).ToList();
        return new KubernetesContainer(Text(container, "name") ?? "", Text(container, "image"), words.Count == 0 ? null : string.Join(' ', words),
            At(path, container), env, from);
    }

    /// <summary>A command or args list (or a single string), as words.</summary>
    private static IEnumerable<string> Words(YamlMappingNode container, string key) =>
        container.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node switch
        {
            YamlSequenceNode s => s.Children.OfType<YamlScalarNode>().Select(w => w.Value ?? ""),
            YamlScalarNode { Value: { } one } => [one],
            _ => [],
        } : [];

    private static YamlMappingNode? Map(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlMappingNode : null;

    private static string? Text(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlScalarNode s ? s.Value : null;

    private static SourceLocation At(string path, YamlNode node) => new(path, (int)node.Start.Line);
}
