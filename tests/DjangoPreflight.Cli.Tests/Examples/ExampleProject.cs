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

    private ExampleProject(string name, string sourceRoot, string root)
    {
        Name = name;
        SourceRoot = sourceRoot;
        Root = root;
    }

    public string Name { get; }

    /// <summary>The example inside the repository (read only).</summary>
    public string SourceRoot { get; }

    /// <summary>The temporary copy the test works in.</summary>
    public string Root { get; }

    public static ExampleProject Copy(string name)
    {
        string source = SourcePath(name);
        string root = Path.Combine(Path.GetTempPath(), $"dp-example-{name}-{Guid.NewGuid():N}");
        CopyDirectory(source, root);
        return new ExampleProject(name, source, root);
    }

    /// <summary>The example's directory in the repository, found by walking up to DjangoPreflight.slnx.</summary>
    public static string SourcePath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DjangoPreflight.slnx")))
            {
                string path = Path.Combine(dir.FullName, "examples", name);
                if (!Directory.Exists(path))
                    throw new DirectoryNotFoundException($"example project not found: {path}");
                return path;
            }
        }
        throw new DirectoryNotFoundException("repository root (DjangoPreflight.slnx) not found above " + AppContext.BaseDirectory);
    }

    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; never fail a test over cleanup.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.GetFiles(source))
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        foreach (string dir in Directory.GetDirectories(source))
        {
            string name = Path.GetFileName(dir);
            if (name is "__pycache__")
                continue;
            CopyDirectory(dir, Path.Combine(destination, name));
        }
    }
}
