using System.Text.Json;
using DjangoPreflight.Analysis.Toml;
using DjangoPreflight.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DjangoPreflight.Analysis.Deployment.Platform;

/// <summary>
/// A hosting platform's deployment file: the environment it gives the app and the commands it runs.
/// DigitalOcean App Platform specs (<c>.do/*.yaml</c>: <c>envs: [{key, value}]</c>, <c>run_command</c>),
/// Render blueprints (<c>render.yaml</c>: <c>envVars</c>, <c>startCommand</c>), Google App Engine
/// (<c>app.yaml</c>: <c>env_variables</c>, <c>entrypoint</c>), Heroku's <c>app.json</c> (<c>env</c>) and
/// Fly.io's <c>fly.toml</c> (<c>[env]</c>, <c>[processes]</c>). Unreadable files give nothing.
/// </summary>
public sealed record PlatformFile(IReadOnlyList<(string Name, string Value, SourceLocation Location)> Environment, IReadOnlyList<(string Command, SourceLocation Location)> Commands)
{
    private const int MaxDepth = 32;

    private static readonly HashSet<string> CommandKeys = new(StringComparer.Ordinal)
    {
        "run_command", "build_command", "startCommand", "buildCommand", "preDeployCommand", "entrypoint", "release_command",
    };

    public static PlatformFile Read(string path, string text)
    {
        var env = new List<(string, string, SourceLocation)>();
        var commands = new List<(string, SourceLocation)>();
        var name = path[(path.LastIndexOf('/') + 1)..].ToLowerInvariant();
        if (name.EndsWith(".json", StringComparison.Ordinal)) ReadJson(path, text, env);
        else if (name.EndsWith(".toml", StringComparison.Ordinal)) ReadToml(path, text, env, commands);
        else ReadYaml(path, text, env, commands);
        return new PlatformFile(env, commands);
    }

    private static void ReadYaml(string path, string text, List<(string, string, SourceLocation)> env, List<(string, SourceLocation)> commands)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count > 0) Walk(path, stream.Documents[0].RootNode, env, commands, 0);
        }
        catch (YamlException)
        {
            // A template with placeholders YAML cannot read: nothing to take from it.
        }
    }

    private static void Walk(string path, YamlNode node, List<(string, string, SourceLocation)> env, List<(string, SourceLocation)> commands, int depth)
    {
        if (depth > MaxDepth) return;
        switch (node)
        {
            case YamlMappingNode map:
                // {key: NAME, value: VALUE} items (DigitalOcean envs, Render envVars).
                if (Scalar(map, "key") is { } key && Scalar(map, "value") is { } value && key.Value is { } k)
                    env.Add((k, value.Value ?? "", new SourceLocation(path, (int)key.Start.Line)));
                foreach (var (childKey, child) in map.Children)
                {
                    var field = (childKey as YamlScalarNode)?.Value;
                    if (field == "env_variables" && child is YamlMappingNode vars)
                        foreach (var (k2, v2) in vars.Children)
                            if (k2 is YamlScalarNode { Value: { } n } && v2 is YamlScalarNode v)
                                env.Add((n, v.Value ?? "", new SourceLocation(path, (int)k2.Start.Line)));
                    if (field is not null && CommandKeys.Contains(field) && child is YamlScalarNode { Value: { } command })
                        commands.Add((command, new SourceLocation(path, (int)child.Start.Line)));
                    Walk(path, child, env, commands, depth + 1);
                }
                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children) Walk(path, item, env, commands, depth + 1);
                break;
        }
    }

    private static YamlScalarNode? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v as YamlScalarNode : null;

    private static void ReadJson(string path, string text, List<(string, string, SourceLocation)> env)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("env", out var vars) || vars.ValueKind != JsonValueKind.Object) return;
            foreach (var variable in vars.EnumerateObject())
            {
                var value = variable.Value.ValueKind switch
                {
                    JsonValueKind.String => variable.Value.GetString(),
                    JsonValueKind.Object when variable.Value.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String => v.GetString(),
                    _ => null,
                };
                if (value is not null) env.Add((variable.Name, value, new SourceLocation(path, LineOf(text, $"\"{variable.Name}\""))));
            }
        }
        catch (JsonException)
        {
            // Not valid JSON: nothing to take from it.
        }
    }

    private static void ReadToml(string path, string text, List<(string, string, SourceLocation)> env, List<(string, SourceLocation)> commands)
    {
        TomlTable doc;
        try
        {
            doc = TomlReader.Parse(text);
        }
        catch (TomlException)
        {
            return;
        }
        if (doc.Table("env") is { } vars)
            foreach (var (name, value) in vars.Entries)
                if (value is TomlString s) env.Add((name, s.Value, new SourceLocation(path, s.Line)));
        if (doc.Table("processes") is { } processes)
            foreach (var value in processes.Entries.Values.OfType<TomlString>())
                commands.Add((value.Value, new SourceLocation(path, value.Line)));
        if (doc.Table("deploy")?["release_command"] is TomlString release) commands.Add((release.Value, new SourceLocation(path, release.Line)));
    }

    private static int LineOf(string text, string needle)
    {
        var at = text.IndexOf(needle, StringComparison.Ordinal);
        return at < 0 ? 1 : 1 + text.AsSpan(0, at).Count('\n');
    }
}
