using DjangoPreflight.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DjangoPreflight.Analysis.Deployment.Uwsgi;

/// <summary>One <c>key = value</c> of a uWSGI configuration, where it is, and whether it sits inside an
/// <c>if-env</c>/<c>if-not-env</c>/<c>if-exists</c>... block (then it applies only sometimes).</summary>
public sealed record UwsgiOption(string Key, string Value, SourceLocation Location, bool Conditional);

/// <summary>
/// The <c>[uwsgi]</c> section of an ini file, or the <c>uwsgi:</c> mapping of a YAML one: every
/// option in order (uWSGI keys repeat: several <c>static-map</c>, several <c>env</c>). Comments
/// (<c>#</c>, <c>;</c>) are skipped; nothing is expanded.
/// </summary>
public static class UwsgiFile
{
    public static IReadOnlyList<UwsgiOption> ReadIni(string path, string text)
    {
        var options = new List<UwsgiOption>();
        var inSection = false;
        var depth = 0;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line.StartsWith('['))
            {
                inSection = line.Trim('[', ']').Trim() == "uwsgi";
                depth = 0;
                continue;
            }
            if (!inSection) continue;
            var eq = line.IndexOf('=');
            var key = (eq < 0 ? line : line[..eq]).Trim();
            var value = eq < 0 ? "true" : line[(eq + 1)..].Trim();
            if (key.StartsWith("if-", StringComparison.Ordinal)) depth++;
            else if (key is "endif" or "end-if" && depth > 0) depth--;
            else options.Add(new UwsgiOption(key, value, new SourceLocation(path, i + 1), depth > 0));
        }
        return options;
    }

    /// <summary>A YAML configuration's <c>uwsgi:</c> mapping (a list value gives one option per item);
    /// unparsable YAML gives no options.</summary>
    public static IReadOnlyList<UwsgiOption> ReadYaml(string path, string text)
    {
        var options = new List<UwsgiOption>();
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
                || !root.Children.TryGetValue(new YamlScalarNode("uwsgi"), out var node) || node is not YamlMappingNode uwsgi)
                return options;
            foreach (var (k, v) in uwsgi.Children)
            {
                if (k is not YamlScalarNode { Value: { } key }) continue;
                var values = v switch
                {
                    YamlScalarNode s => [s],
                    YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().ToList(),
                    _ => new List<YamlScalarNode>(),
                };
                foreach (var value in values)
                    options.Add(new UwsgiOption(key, value.Value ?? "", new SourceLocation(path, (int)value.Start.Line), false));
            }
        }
        catch (YamlException)
        {
            // Not a uWSGI file after all; the compose and CI readers report YAML errors of their own files.
        }
        return options;
    }
}
