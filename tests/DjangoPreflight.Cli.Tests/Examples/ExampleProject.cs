using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Examples;

/// <summary>
/// One of the example Django projects under examples/, copied to a fresh temporary directory so
/// that nothing a test runs (Python bytecode, SQLite files, collected static files) can write
/// into the repository.
/// </summary>
internal sealed class ExampleProject : IDisposable
{
    public const string Insecure = "insecure-shop";
    public const string Hardened = "hardened-shop";

    private readonly TempDirectory _temp;

    private ExampleProject(TempDirectory temp, string name, string root)
    {
        _temp = temp;
        Name = name;
        Root = root;
    }

    /// <summary>Which example this is a copy of (<see cref="Insecure"/> or <see cref="Hardened"/>).</summary>
    public string Name { get; }

    /// <summary>The temporary copy the test works in.</summary>
    public string Root { get; }

    public static ExampleProject Copy(string name)
    {
        var temp = new TempDirectory($"dp-example-{name}");
        return new ExampleProject(temp, name, temp.CopyFrom(SourcePath(name), name));
    }

    /// <summary>The example's directory in the repository (read only).</summary>
    public static string SourcePath(string name)
    {
        string path = RepoPaths.Examples(name);
        return Directory.Exists(path) ? path : throw new DirectoryNotFoundException($"example project not found: {path}");
    }

    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public void Dispose() => _temp.Dispose();
}
