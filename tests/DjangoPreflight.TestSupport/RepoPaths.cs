namespace DjangoPreflight.TestSupport;

/// <summary>Locates the repository (the folder holding DjangoPreflight.slnx) and what is in it,
/// so tests use the real examples and docs/CHECKLIST.md rather than copies.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Examples(string name) => Path.Combine(Root, "examples", name);

    /// <summary>The dotenv file an example's production settings are evaluated with, relative to the
    /// example: insecure-shop commits its deploy/production.env (one of its mistakes); hardened-shop,
    /// like a real project, commits only deploy/production.env.example, with placeholders.</summary>
    public static string ProductionEnv(string example) =>
        example == "hardened-shop" ? "deploy/production.env.example" : "deploy/production.env";

    /// <summary>The catalogue every rule must match: docs/CHECKLIST.md, part of the repository so a bare
    /// clone runs every test.</summary>
    public static string Checklist => Path.Combine(Root, "docs", "CHECKLIST.md");

    /// <summary>Release or Debug, whichever this test assembly was built as.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The built (JIT) CLI executable of the same configuration.</summary>
    public static string CliBinary => Path.Combine(Root, "src", "DjangoPreflight.Cli", "bin", Configuration, "net10.0", "django-preflight");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DjangoPreflight.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("DjangoPreflight.slnx not found above " + AppContext.BaseDirectory);
    }
}
