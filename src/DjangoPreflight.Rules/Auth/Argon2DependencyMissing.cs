using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Auth;

/// <summary>DP507: PASSWORD_HASHERS uses Argon2 but no dependency file declares argon2-cffi (or
/// django[argon2]), so hashing fails at runtime in a fresh environment.</summary>
public sealed partial class Argon2DependencyMissing : ProjectRule
{
    public const string Argon2Hasher = "django.contrib.auth.hashers.Argon2PasswordHasher";

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP507",
        Title: "Argon2 is configured but argon2-cffi is not a dependency",
        Category: Category.Auth,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                Argon2PasswordHasher needs the argon2-cffi package. If it is installed on a developer's
                machine but not declared, a fresh production build raises ValueError on every login and
                sign-up (or, when Argon2 is not first, for every user whose password was hashed with it).
                """,
            Fix: """
                Declare it: add argon2-cffi (or django[argon2]) to requirements.txt / pyproject.toml and lock it.
                """,
            Before: """
                # requirements.txt
                Django==5.2.8
                """,
            After: """
                # requirements.txt
                Django[argon2]==5.2.8
                """));

    [GeneratedRegex(@"argon2[-_]cffi|django\s*\[[^\]]*\bargon2\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Argon2Dependency();

    private static readonly string[] DependencyFileNames =
        ["pyproject.toml", "Pipfile", "Pipfile.lock", "poetry.lock", "uv.lock", "setup.py", "setup.cfg", "pdm.lock"];

    public override IEnumerable<Finding> Check(ProjectContext project)
    {
        if (project.Settings.Production is not { } settings) return [];
        var files = project.Files.All.Where(IsDependencyFile).ToList();
        var declared = files.Any(f => project.Files.ReadText(f) is { } text && Argon2Dependency().IsMatch(text));
        return CheckSettings(settings, files, declared);
    }

    /// <param name="dependencyFiles">The dependency files that were read.</param>
    /// <param name="declared">Whether any of them declares argon2-cffi.</param>
    public IEnumerable<Finding> CheckSettings(SettingsModel settings, IReadOnlyList<string> dependencyFiles, bool declared)
    {
        // Without dependency files there is nothing to compare with: stay silent rather than guess.
        if (declared || dependencyFiles.Count == 0) yield break;
        if (settings["PASSWORD_HASHERS"] is not { IsDefault: false } hashers || hashers.Value.AsSequence is not { } items) yield break;
        var index = items.IndexOf(new PyStr(Argon2Hasher));
        if (index < 0) yield break;
        var what = index == 0 ? "new passwords cannot be hashed" : "passwords hashed with Argon2 cannot be checked";
        yield return Finding(
            $"PASSWORD_HASHERS uses Argon2PasswordHasher but argon2-cffi is not declared in {string.Join(", ", dependencyFiles.Order(StringComparer.Ordinal))}: {what} without it.",
            settings.LocationOf("PASSWORD_HASHERS"), Confidence.High, "PASSWORD_HASHERS", index == 0 ? null : Severity.Low);
    }

    private static bool IsDependencyFile(string path)
    {
        if (Analysis.Code.PythonSources.IsMigrationOrTest(path)) return false;
        var name = ProjectFiles.FileName(path);
        return DependencyFileNames.Contains(name, StringComparer.Ordinal)
            || name.StartsWith("requirements", StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal)
            || path.Contains("requirements/", StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal);
    }
}
