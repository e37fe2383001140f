using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Analysis.Tests;

/// <summary>A throwaway project directory with real files, for tests that need a project on disk.</summary>
public sealed class TempProject : IDisposable
{
    public TempProject(params (string Path, string Text)[] files)
    {
        Root = Path.Combine(Path.GetTempPath(), "dp-settings-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        foreach (var (path, text) in files) Write(path, text);
    }

    public string Root { get; }

    public void Write(string path, string text)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public ProjectContext Context(string? settings = null, IEnumerable<(string, string)>? env = null, string? django = "3.2", IEnumerable<string>? envFiles = null) =>
        new(Root, new ScanOptions
        {
            SettingsModule = settings,
            EnvPairs = (env ?? []).Select(e => new KeyValuePair<string, string>(e.Item1, e.Item2)).ToList(),
            EnvFiles = (envFiles ?? []).Select(f => Path.Combine(Root, f)).ToList(),
            DjangoVersion = django,
        });

    /// <summary>Evaluates a single-file project whose settings module is <c>proj.settings</c>.</summary>
    public static (SettingsModel Model, ProjectContext Context) Settings(string source, params (string, string)[] env)
    {
        using var p = new TempProject(("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n"),
            ("proj/__init__.py", ""), ("proj/settings.py", source));
        var ctx = p.Context(env: env);
        return (ctx.Settings.Production!, ctx);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
