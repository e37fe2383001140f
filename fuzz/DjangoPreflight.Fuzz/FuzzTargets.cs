using DjangoPreflight.Analysis.Configuration;
using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Fuzz;

/// <summary>
/// The fuzz targets (#22 item 7): each takes any bytes as a file of the scanned project and must
/// end in a result or in the error the component documents for bad input, never in any other
/// exception, a hang or a crash. The input is written to a fresh project folder so the whole path a
/// scan takes (bounded reads, decoding, parsing) is exercised, not only the inner parser.
/// </summary>
public static class FuzzTargets
{
    private static readonly ConfigVocabulary Vocabulary = new(id => id.StartsWith("DP", StringComparison.Ordinal), ["text", "json"]);

    /// <summary>Any bytes as the production settings module: parsed and evaluated, every setting read.</summary>
    public static void Evaluator(ReadOnlySpan<byte> input)
    {
        using var project = new ScratchProject();
        project.Write("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'f.settings')\n"u8);
        project.Write("f/__init__.py", []);
        project.Write("f/settings.py", input);
        var context = new ProjectContext(project.Root, new ScanOptions { NoHistory = true, SettingsModule = "f.settings" });
        if (context.Settings.Production is { } settings)
            foreach (var (_, setting) in settings.Settings) _ = setting.Value.ToString();
    }

    /// <summary>Any bytes as the project's pyproject.toml: a configuration or a <see cref="ConfigException"/>.</summary>
    public static void Configuration(ReadOnlySpan<byte> input)
    {
        using var project = new ScratchProject();
        project.Write(ConfigFile.PyprojectName, input);
        try
        {
            _ = ConfigFile.Discover(project.Root, ConfigFile.PyprojectName, Vocabulary);
        }
        catch (ConfigException)
        {
            // The documented answer to a bad configuration: one line, exit 2.
        }
    }

    public static readonly IReadOnlyDictionary<string, Action<byte[]>> ByName = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["evaluator"] = bytes => Evaluator(bytes),
        ["config"] = bytes => Configuration(bytes),
    };

    private sealed class ScratchProject : IDisposable
    {
        public string Root { get; } = Directory.CreateTempSubdirectory("dp-fuzz-").FullName;

        public void Write(string relative, ReadOnlySpan<byte> bytes)
        {
            var path = Path.Combine(Root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var file = File.Create(path);
            file.Write(bytes);
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
