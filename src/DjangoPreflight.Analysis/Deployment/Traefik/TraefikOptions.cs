using DjangoPreflight.Analysis.Deployment.Compose;
using DjangoPreflight.Analysis.Toml;
using DjangoPreflight.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DjangoPreflight.Analysis.Deployment.Traefik;

/// <summary>One Traefik option as a dotted path (<c>entrypoints.web.address</c>,
/// <c>http.routers.app.tls</c>), lower-cased because Traefik reads option names in any case; a list
/// of plain values is one comma-separated value, as labels and flags write it; a table with nothing
/// in it (<c>tls: {}</c>) is an option with an empty value, because its presence says something.</summary>
public sealed record TraefikOption(string Key, string Value, SourceLocation Location);

/// <summary>
/// Traefik's four ways of writing the same configuration, read into <see cref="TraefikOption"/>s:
/// a YAML or TOML file (static: <c>entryPoints</c>, <c>providers</c>; dynamic: <c>http</c>), the
/// <c>--entrypoints.web.address=:80</c> flags of the traefik container's command, and the
/// <c>traefik.http.routers...</c> labels of the containers it routes to.
/// </summary>
public static class TraefikOptions
{
    /// <summary>No Traefik file holds more; a hostile one (YAML aliases repeating a subtree) stops here.</summary>
    private const int MaxOptions = 5000;

    private const int MaxDepth = 32;

    /// <summary>The options of a YAML or TOML file; null when it does not parse or holds neither
    /// static (<c>entryPoints</c>) nor dynamic (<c>http.routers</c>, <c>http.middlewares</c>) configuration.</summary>
    public static IReadOnlyList<TraefikOption>? ReadFile(string path, string text)
    {
        var options = new List<TraefikOption>();
        if (path.EndsWith(".toml", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                FlattenToml(path, "", TomlReader.Parse(text), options, 0);
            }
            catch (TomlException)
            {
                return null;
            }
        }
        else
        {
            try
            {
                if (ComposeFile.NestedTooDeep(text) is not null) return null;
                var stream = new YamlStream();
                stream.Load(new StringReader(text));
                if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root) return null;
                FlattenYaml(path, "", root, options, 0);
            }
            catch (YamlException)
            {
                return null;
            }
        }
        return options.Any(o => o.Key.StartsWith("entrypoints.", StringComparison.Ordinal)
                                || o.Key.StartsWith("http.routers.", StringComparison.Ordinal) || o.Key.StartsWith("http.middlewares.", StringComparison.Ordinal))
            ? options
            : null;
    }

    /// <summary>The static configuration in a traefik container's command: <c>--name=value</c>, and
    /// <c>--name</c> alone for true.</summary>
    public static IEnumerable<TraefikOption> FromFlags(IEnumerable<Located> words)
    {
        foreach (var word in words)
        {
            if (!word.Value.StartsWith("--", StringComparison.Ordinal)) continue;
            var eq = word.Value.IndexOf('=');
            var key = (eq < 0 ? word.Value[2..] : word.Value[2..eq]).ToLowerInvariant();
            yield return new TraefikOption(key, eq < 0 ? "true" : word.Value[(eq + 1)..].Trim('"', '\''), word.Location);
        }
    }

    /// <summary>A container's <c>traefik.*</c> labels, without the prefix (<c>http.routers.app.rule</c>, <c>enable</c>).</summary>
    public static IEnumerable<TraefikOption> FromLabels(ComposeService service) =>
        service.Labels.Where(l => l.Key.StartsWith("traefik.", StringComparison.OrdinalIgnoreCase))
            .Select(l => new TraefikOption(l.Key[8..].ToLowerInvariant(), l.Value.Value.Trim(), l.Value.Location));

    private static void FlattenYaml(string path, string prefix, YamlNode node, List<TraefikOption> options, int depth)
    {
        if (depth > MaxDepth || options.Count >= MaxOptions) return;
        var at = new SourceLocation(path, (int)Math.Max(1, node.Start.Line));
        switch (node)
        {
            case YamlScalarNode scalar:
                options.Add(new TraefikOption(prefix, scalar.Value ?? "", at));
                break;
            case YamlMappingNode { Children.Count: 0 }:
                options.Add(new TraefikOption(prefix, "", at));
                break;
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                    if (k is YamlScalarNode { Value: { } key })
                        FlattenYaml(path, Join(prefix, key), v, options, depth + 1);
                break;
            case YamlSequenceNode seq when seq.Children.All(c => c is YamlScalarNode):
                options.Add(new TraefikOption(prefix, string.Join(',', seq.Children.Cast<YamlScalarNode>().Select(s => s.Value ?? "")), at));
                break;
            case YamlSequenceNode seq:
                for (var i = 0; i < seq.Children.Count; i++)
                    FlattenYaml(path, Join(prefix, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), seq.Children[i], options, depth + 1);
                break;
        }
    }

    private static void FlattenToml(string path, string prefix, TomlValue value, List<TraefikOption> options, int depth)
    {
        if (depth > MaxDepth || options.Count >= MaxOptions) return;
        var at = new SourceLocation(path, Math.Max(1, value.Line));
        switch (value)
        {
            case TomlString s:
                options.Add(new TraefikOption(prefix, s.Value, at));
                break;
            case TomlScalar s:
                options.Add(new TraefikOption(prefix, s.Raw, at));
                break;
            case TomlTable { Entries.Count: 0 } when prefix.Length > 0:
                options.Add(new TraefikOption(prefix, "", at));
                break;
            case TomlTable table:
                foreach (var (key, inner) in table.Entries)
                    FlattenToml(path, Join(prefix, key), inner, options, depth + 1);
                break;
            case TomlArray array when array.Items.All(i => i is TomlString or TomlScalar):
                options.Add(new TraefikOption(prefix, string.Join(',', array.Items.Select(i => i is TomlString s ? s.Value : ((TomlScalar)i).Raw)), at));
                break;
            case TomlArray array:
                for (var i = 0; i < array.Items.Count; i++)
                    FlattenToml(path, Join(prefix, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), array.Items[i], options, depth + 1);
                break;
        }
    }

    private static string Join(string prefix, string key) => (prefix.Length == 0 ? key : prefix + "." + key).ToLowerInvariant();
}
