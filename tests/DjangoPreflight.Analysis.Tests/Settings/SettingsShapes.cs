using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Analysis.Tests.Settings;

/// <summary>
/// The synthetic projects under Settings/Shapes, each reproducing one way real projects write
/// their settings. A fixture is copied to a temporary folder first; one that has a
/// <c>dot-gitignore</c> becomes a git repository with it as its .gitignore (kept under another
/// name here so that it does not act on this repository).
/// </summary>
internal sealed class SettingsShapes : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SettingsShapes(string name)
    {
        var source = Path.Combine(RepoPaths.Root, "tests", "DjangoPreflight.Analysis.Tests", "Settings", "Shapes", name);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var target = Path.Combine(Root, relative == "dot-gitignore" ? ".gitignore" : relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        if (File.Exists(Path.Combine(Root, ".gitignore"))) GitSandbox.RunGit(Root, ["init", "-q"]);
    }

    public string Root => _dir.Path;

    public ProjectContext Context(params (string, string)[] env) =>
        new(Root, new ScanOptions
        {
            EnvPairs = env.Select(e => new KeyValuePair<string, string>(e.Item1, e.Item2)).ToList(),
            DjangoVersion = "5.2",
            NoHistory = true,
        });

    public SettingsModel Production(params (string, string)[] env) => Context(env).Settings.Production!;

    public void Dispose() => _dir.Dispose();
}
