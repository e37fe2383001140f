namespace DjangoPreflight.Analysis.Tests.Dependencies;

/// <summary>A throw-away project directory with real files.</summary>
public sealed class TempProject : IDisposable
{
    public TempProject() => Root = Directory.CreateTempSubdirectory("deps-").FullName;

    public string Root { get; }

    public TempProject With(string relative, string text)
    {
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        return this;
    }

    public Analysis.Project.ProjectContext Context(string? djangoVersion = null) =>
        new(Root, new Analysis.Project.ScanOptions { DjangoVersion = djangoVersion });

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
