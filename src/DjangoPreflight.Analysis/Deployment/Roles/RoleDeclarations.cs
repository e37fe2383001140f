using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Deployment.Roles;

/// <summary>
/// What a file or its folder says about itself in words: a leading comment such as "This Dockerfile
/// is intended solely for local development" or "only intended for testing", or a folder README
/// titled "Example etc files". Read from the first comment lines and the README's title only, where
/// authors state a file's purpose, and never from a line that speaks of production for itself.
/// </summary>
internal static partial class RoleDeclarations
{
    private const int HeaderLines = 3;

    /// <summary>The role a file's leading comment, else its folder's README title, declares; null when neither does.</summary>
    public static RoleJudgement? Of(string path, ProjectFiles files)
    {
        if (files.ReadText(path) is { } text && FromHeader(text) is var (role, line))
            return new RoleJudgement(role, $"its header says \"{Shorten(line)}\"");
        var folder = ReferenceFinder.Folder(path);
        if (folder.Length == 0) return null; // the root README describes the whole project
        foreach (var name in new[] { "README.md", "README.rst", "README.txt", "README" })
        {
            if (files.ReadText(folder + "/" + name) is not { } readme) continue;
            var title = readme.Split('\n').Select(l => l.Trim().TrimStart('#', '=', ' ')).FirstOrDefault(l => l.Length > 0) ?? "";
            if (ExampleWords().IsMatch(title)) return new RoleJudgement(FileRole.Example, $"its folder's {name} says \"{Shorten(title)}\"");
            if (Classify(title) is { } declared) return new RoleJudgement(declared, $"its folder's {name} says \"{Shorten(title)}\"");
            return null;
        }
        return null;
    }

    private static (FileRole Role, string Line)? FromHeader(string text)
    {
        var seen = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("#!")) continue;
            if (!line.StartsWith("#")) break;
            var comment = line.TrimStart('#').Trim().ToString();
            if (Classify(comment) is { } role) return (role, comment);
            if (++seen >= HeaderLines) break;
        }
        return null;
    }

    private static FileRole? Classify(string line)
    {
        if (TestWords().IsMatch(line)) return FileRole.Test;
        if (NotForProduction().IsMatch(line)) return FileRole.Development;
        // "Production image; for local development see compose.dev.yml" is about production.
        if (line.Contains("production", StringComparison.OrdinalIgnoreCase)) return null;
        return DevelopmentWords().IsMatch(line) ? FileRole.Development : null;
    }

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..77] + "...";

    [GeneratedRegex(@"\b(local development|development only|only for development|for development|development purposes|development environment|dev only|developing)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex DevelopmentWords();

    [GeneratedRegex(@"\b((not|never) (meant |intended |to be used |be used )?(for|in) production|(unsuitable|not suitable) for production)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex NotForProduction();

    [GeneratedRegex(@"\b(intended for testing|only for testing|for testing only|testing only|test environment|test setup)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex TestWords();

    [GeneratedRegex(@"\b(example|examples|sample)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex ExampleWords();
}
