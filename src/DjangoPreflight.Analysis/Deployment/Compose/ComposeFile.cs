using DjangoPreflight.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DjangoPreflight.Analysis.Deployment.Compose;

/// <summary>A docker compose file: its services, read with YamlDotNet's representation model
/// (no reflection). Unparsable YAML yields no services and one parse error.</summary>
public sealed class ComposeFile
{
    private ComposeFile(string path, FileRole role, IReadOnlyList<ComposeService> services, IReadOnlyList<Located> includes)
    {
        Path = path;
        Role = role;
        Services = services;
        Includes = includes;
    }

    public string Path { get; }

    public FileRole Role { get; }

    public IReadOnlyList<ComposeService> Services { get; }

    /// <summary>Other compose files this one pulls in: the top-level <c>include:</c> and services'
    /// <c>extends: {file: ...}</c>, as written (relative to this file's folder).</summary>
    public IReadOnlyList<Located> Includes { get; }

    /// <summary>When none of its services builds or runs the app, only datastores (a database and its
    /// admin UI for a data-import helper): their names, comma-separated. Null for any other file.</summary>
    public string? OnlyDatastores =>
        Services.Count > 0 && Services.All(s => s.BuildContext is null && s.Datastore is not null)
            ? string.Join(", ", Services.Select(s => s.Name)) : null;

    /// <summary>The same file with the role its name, content and references give it.</summary>
    public ComposeFile WithRole(FileRole role) => new(Path, role, Services, Includes);

    public static ComposeFile Parse(string path, string text, FileRole role, Action<int, string> error)
    {
        var services = new List<ComposeService>();
        var includes = new List<Located>();
        try
        {
            if (NestedTooDeep(text) is { } deep)
            {
                error(deep, $"YAML: nested deeper than {MaxDepth} levels; the file is not read");
                return new ComposeFile(path, role, [], []);
            }
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root)
            {
                if (Child(root, "services") is YamlMappingNode map)
                    foreach (var (key, value) in map.Children)
                        if (key is YamlScalarNode { Value: { } name } && value is YamlMappingNode service)
                        {
                            services.Add(ParseService(path, name, key, service));
                            if (Child(service, "extends") is YamlMappingNode extends && Child(extends, "file") is YamlScalarNode { Value: { } file } f)
                                includes.Add(new Located(file, new SourceLocation(path, (int)f.Start.Line)));
                        }
                if (Child(root, "include") is YamlSequenceNode included)
                    foreach (var item in included.Children)
                    {
                        var node = item is YamlMappingNode m ? Child(m, "path") : item;
                        if (node is YamlScalarNode { Value: { } file })
                            includes.Add(new Located(file, new SourceLocation(path, (int)node.Start.Line)));
                        else if (node is YamlSequenceNode many)
                            includes.AddRange(many.Children.OfType<YamlScalarNode>().Where(s => s.Value is not null)
                                .Select(s => new Located(s.Value!, new SourceLocation(path, (int)s.Start.Line))));
                    }
            }
        }
        catch (YamlException e)
        {
            error((int)Math.Max(1, e.Start.Line), "YAML: " + e.Message);
        }
        return new ComposeFile(path, role, services.OrderBy(s => s.Name, StringComparer.Ordinal).ToList(), includes);
    }

    /// <summary>Compose files nest a few levels; a document nested deeper is not read.</summary>
    private const int MaxDepth = 128;

    /// <summary>
    /// The line where the document first nests deeper than <see cref="MaxDepth"/>, or null. YamlDotNet
    /// builds a document's nodes recursively (a sequence loads its children), so a file of
    /// thousands of '[' overflows the stack, which ends the process; its event parser does not
    /// recurse, so the depth is measured on the events first.
    /// </summary>
    internal static int? NestedTooDeep(string text)
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.SequenceStart or YamlDotNet.Core.Events.MappingStart:
                    if (++depth > MaxDepth) return (int)Math.Max(1, parser.Current.Start.Line);
                    break;
                case YamlDotNet.Core.Events.SequenceEnd or YamlDotNet.Core.Events.MappingEnd:
                    depth--;
                    break;
            }
        }
        return null;
    }

    private static ComposeService ParseService(string path, string name, YamlNode key, YamlMappingNode service)
    {
        SourceLocation At(YamlNode n) => new(path, (int)n.Start.Line);
        Located? Text(string field) => Child(service, field) switch
        {
            YamlScalarNode { Value: { } v } s => new Located(v, At(s)),
            YamlSequenceNode seq => new Located(string.Join(' ', seq.Children.OfType<YamlScalarNode>().Select(c => c.Value ?? "")), At(seq)),
            _ => null,
        };

        var environment = new List<KeyValuePair<string, Located>>();
        switch (Child(service, "environment"))
        {
            case YamlMappingNode env:
                foreach (var (k, v) in MergedEntries(env))
                    if (k is YamlScalarNode { Value: { } envName })
                        environment.Add(new(envName, new Located((v as YamlScalarNode)?.Value ?? "", At(k))));
                break;
            case YamlSequenceNode env:
                foreach (var item in env.Children.OfType<YamlScalarNode>())
                {
                    var text = item.Value ?? "";
                    var eq = text.IndexOf('=');
                    environment.Add(new(eq < 0 ? text : text[..eq], new Located(eq < 0 ? "" : text[(eq + 1)..], At(item))));
                }
                break;
        }

        var envFiles = new List<Located>();
        switch (Child(service, "env_file"))
        {
            case YamlScalarNode { Value: { } one } s:
                envFiles.Add(new Located(one, At(s)));
                break;
            case YamlSequenceNode many:
                foreach (var item in many.Children)
                {
                    if (item is YamlScalarNode { Value: { } f }) envFiles.Add(new Located(f, At(item)));
                    else if (item is YamlMappingNode m && Child(m, "path") is YamlScalarNode { Value: { } p }) envFiles.Add(new Located(p, At(item)));
                }
                break;
        }

        var ports = new List<PublishedPort>();
        if (Child(service, "ports") is YamlSequenceNode portList)
        {
            foreach (var item in portList.Children)
            {
                if (item is YamlScalarNode { Value: { } spec }) ports.Add(ShortPort(spec, At(item)));
                else if (item is YamlMappingNode m)
                    ports.Add(new PublishedPort(Scalar(m, "host_ip"), Scalar(m, "published"), Scalar(m, "target") ?? "", At(item)));
            }
        }

        string? context = null, dockerfile = null;
        switch (Child(service, "build"))
        {
            case YamlScalarNode { Value: { } c }:
                context = c;
                break;
            case YamlMappingNode b:
                context = Scalar(b, "context") ?? ".";
                dockerfile = Scalar(b, "dockerfile");
                break;
        }

        return new ComposeService(name, At(key), Text("image"), Text("command"), Text("entrypoint"), environment, envFiles, ports, context, dockerfile)
        {
            Volumes = BindMounts(service, At),
            Labels = Labels(service, At),
            CommandWords = Child(service, "command") switch
            {
                YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(c => new Located(c.Value ?? "", At(c))).ToList(),
                YamlScalarNode { Value: { } v } s => ShellWords.Split(v).Select(w => new Located(w, At(s))).ToList(),
                _ => [],
            },
            Exposes = Child(service, "expose") is YamlSequenceNode { Children.Count: > 0 },
            Networks = Child(service, "networks") switch
            {
                YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(n => n.Value ?? "").ToList(),
                YamlMappingNode map => map.Children.Keys.OfType<YamlScalarNode>().Select(n => n.Value ?? "").ToList(),
                _ => [],
            },
        };
    }

    /// <summary>The host side of every bind mount: short syntax <c>./nginx:/etc/nginx/conf.d:ro</c>
    /// (a source that is a path, not a named volume) and long syntax <c>type: bind</c>.</summary>
    private static IReadOnlyList<Mount> BindMounts(YamlMappingNode service, Func<YamlNode, SourceLocation> at)
    {
        var mounts = new List<Mount>();
        if (Child(service, "volumes") is not YamlSequenceNode volumes) return mounts;
        foreach (var item in volumes.Children)
        {
            if (item is YamlScalarNode { Value: { } spec })
            {
                var parts = spec.Split(':');
                if (parts.Length >= 2 && IsHostPath(parts[0])) mounts.Add(new Mount(parts[0], parts[1], at(item)));
            }
            else if (item is YamlMappingNode m && Scalar(m, "type") == "bind" && Scalar(m, "source") is { } source)
            {
                mounts.Add(new Mount(source, Scalar(m, "target") ?? "", at(item)));
            }
        }
        return mounts;
    }

    private static bool IsHostPath(string source) =>
        source.StartsWith('.') || source.StartsWith('/') || source.StartsWith('~') || source.StartsWith('$');

    /// <summary>Labels as a mapping or as a list of <c>key=value</c>.</summary>
    private static IReadOnlyList<KeyValuePair<string, Located>> Labels(YamlMappingNode service, Func<YamlNode, SourceLocation> at)
    {
        var labels = new List<KeyValuePair<string, Located>>();
        switch (Child(service, "labels"))
        {
            case YamlMappingNode map:
                foreach (var (k, v) in MergedEntries(map))
                    if (k is YamlScalarNode { Value: { } name })
                        labels.Add(new(name, new Located((v as YamlScalarNode)?.Value ?? "", at(k))));
                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children.OfType<YamlScalarNode>())
                {
                    var text = item.Value ?? "";
                    var eq = text.IndexOf('=');
                    labels.Add(new(eq < 0 ? text : text[..eq], new Located(eq < 0 ? "" : text[(eq + 1)..], at(item))));
                }
                break;
        }
        return labels;
    }

    /// <summary>A mapping's entries with <c>&lt;&lt;: *anchor</c> merges expanded (the mapping's own
    /// keys win, as YAML merge keys say), e.g. an environment shared between services.</summary>
    private static IEnumerable<KeyValuePair<YamlNode, YamlNode>> MergedEntries(YamlMappingNode map) => MergedEntries(map, 0, new MergeBudget());

    /// <summary>How many merged mappings one expansion may still open. An alias names a node, not a
    /// copy, so a file of a few lines can merge a mapping that merges ten aliases of one that merges
    /// ten more (a "billion laughs"): opened one by one, that is exponential. Real files merge a
    /// handful; past the budget the rest are not opened, and the keys found so far stand.</summary>
    private sealed class MergeBudget
    {
        public int Left = 1000;
    }

    private static IEnumerable<KeyValuePair<YamlNode, YamlNode>> MergedEntries(YamlMappingNode map, int depth, MergeBudget budget)
    {
        var own = map.Children.Where(kv => kv.Key is not YamlScalarNode { Value: "<<" }).ToList();
        var seen = own.Select(kv => (kv.Key as YamlScalarNode)?.Value).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var merged = new List<KeyValuePair<YamlNode, YamlNode>>();
        if (depth <= 8 && map.Children.TryGetValue(new YamlScalarNode("<<"), out var sources))
        {
            var maps = sources switch
            {
                YamlMappingNode one => [one],
                YamlSequenceNode many => many.Children.OfType<YamlMappingNode>().ToList(),
                _ => new List<YamlMappingNode>(),
            };
            foreach (var source in maps)
            {
                if (--budget.Left < 0) break;
                foreach (var kv in MergedEntries(source, depth + 1, budget))
                    if (kv.Key is YamlScalarNode { Value: { } k } && seen.Add(k))
                        merged.Add(kv);
            }
        }
        return merged.Concat(own);
    }

    /// <summary>Short syntax: "5432", "5432:5432", "127.0.0.1:5432:5432", "[::1]:80:80", "8000-8010:8000-8010/tcp".</summary>
    public static PublishedPort ShortPort(string spec, SourceLocation location)
    {
        var text = spec.Split('/')[0];
        string? ip = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            ip = text[1..close];
            text = text[(close + 2)..];
        }
        var parts = text.Split(':');
        return parts.Length switch
        {
            1 => new PublishedPort(ip, null, parts[0], location),
            2 => new PublishedPort(ip, parts[0], parts[1], location),
            _ => new PublishedPort(string.Join(':', parts[..^2]), parts[^2], parts[^1], location),
        };
    }

    /// <summary>A key of a mapping, or of what it merges in with <c>&lt;&lt;: *anchor</c> (YAML merge
    /// keys, common in compose files to share a service definition).</summary>
    private static YamlNode? Child(YamlMappingNode map, string key, int depth = 0)
    {
        if (map.Children.TryGetValue(new YamlScalarNode(key), out var v)) return v;
        if (depth > 8 || !map.Children.TryGetValue(new YamlScalarNode("<<"), out var merged)) return null;
        var sources = merged switch
        {
            YamlMappingNode one => [one],
            YamlSequenceNode many => many.Children.OfType<YamlMappingNode>().ToList(),
            _ => new List<YamlMappingNode>(),
        };
        return sources.Select(m => Child(m, key, depth + 1)).FirstOrDefault(n => n is not null);
    }

    private static string? Scalar(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value;
}
