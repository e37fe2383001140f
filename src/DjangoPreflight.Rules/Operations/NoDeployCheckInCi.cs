using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Git;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using DjangoPreflight.Core.Files;

namespace DjangoPreflight.Rules.Operations;

/// <summary>DP610: CI does not gate deployment on a deploy check (<c>manage.py check --deploy</c> or django-preflight).</summary>
public sealed partial class NoDeployCheckInCi : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP610",
        Title: "CI does not run a deploy check",
        Category: Category.Operations,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["001", "003"],
        Docs: new RuleDocs(
            Why: """
                Settings regress silently: a refactor moves DEBUG into a shared module, a new
                environment forgets HSTS. A deploy check in CI catches that before the release, every
                time, instead of once during the first launch.
                """,
            Fix: """
                Run `python manage.py check --deploy --fail-level WARNING` with the production settings
                module (or `django-preflight scan .`) as a required CI step before the deploy job, in
                GitHub Actions, GitLab CI, CircleCI, Bitbucket, Jenkins or Azure Pipelines.
                """,
            Before: """
                - run: python manage.py test
                """,
            After: """
                - run: python manage.py test
                - run: python manage.py check --deploy --fail-level WARNING
                  env:
                    DJANGO_SETTINGS_MODULE: shop.settings.production
                """));

    public override GitReads ReadsGit => GitReads.Files;

    public override IEnumerable<Finding> Check(ProjectContext project)
    {
        var ci = CiFiles(project).ToList();
        if (ci.Count == 0)
        {
            yield return Finding(
                "No CI configuration found (GitHub Actions, GitLab CI, CircleCI, Bitbucket, Jenkins, Azure Pipelines, Travis): nothing runs `manage.py check --deploy` before a release.",
                SourceLocation.None, Confidence.Medium);
            yield break;
        }
        var texts = ci.Select(c => (c.Path, Text: WithoutComments(c.Text))).ToList();
        if (texts.Any(t => RunsDeployCheck(t.Text))) yield break;
        // The check may live in a helper the pipeline calls: tox, make, nox, or a script.
        var all = string.Join('\n', texts.Select(t => t.Text));
        foreach (var helper in Helpers(project, all))
            if (project.Files.ReadText(helper) is { } text && RunsDeployCheck(WithoutComments(text)))
                yield break;
        yield return Finding(
            $"CI ({string.Join(", ", ci.Select(c => c.Path))}) never runs `manage.py check --deploy` or django-preflight, directly or through tox/make/nox/scripts.",
            new SourceLocation(ci[0].Path, 1));
    }

    /// <summary>CI files under the root, and at the repository's top level when the root is a subdirectory.</summary>
    private static IEnumerable<(string Path, string Text)> CiFiles(ProjectContext project)
    {
        foreach (var path in project.Files.All.Where(FileKinds.IsCiFile))
            if (project.Files.ReadText(path) is { } text) yield return (path, text);
        if (project.Git.Repository is not { Prefix.Length: > 0 } repo) yield break;
        var up = string.Concat(Enumerable.Repeat("../", repo.Prefix.Count(c => c == '/')));
        foreach (var topRelative in project.Git.TopLevelFiles.Where(FileKinds.IsCiFile).Order(StringComparer.Ordinal))
        {
            var full = Path.Combine(repo.TopLevel, topRelative);
            // Outside the scanned root, so not read through ProjectFiles: the same limits by hand (a
            // tracked link may lead out of the repository, or to a pipe or a device).
            if (!RealPath.IsInside(full, repo.TopLevel)) continue;
            string text;
            try
            {
                text = BoundedFile.ReadText(full, project.Options.MaxFileBytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            yield return (up + topRelative, text);
        }
    }

    private static IEnumerable<string> Helpers(ProjectContext project, string ci)
    {
        if (Regex.IsMatch(ci, @"\btox\b")) foreach (var p in project.Files.Named("tox.ini")) yield return p;
        if (Regex.IsMatch(ci, @"\bmake\b")) foreach (var p in project.Files.Named("Makefile")) yield return p;
        if (Regex.IsMatch(ci, @"\bnox\b")) foreach (var p in project.Files.Named("noxfile.py")) yield return p;
        if (Regex.IsMatch(ci, @"\bjust\b")) foreach (var p in project.Files.Named("justfile")) yield return p;
        foreach (Match m in ScriptPath().Matches(ci))
        {
            var path = m.Value.TrimStart('.', '/');
            if (project.Files.Exists(path)) yield return path;
        }
    }

    private static bool RunsDeployCheck(string text) => DeployCheck().IsMatch(text);

    /// <summary>Drops whole-line comments (#, //) so a commented-out check does not count.</summary>
    private static string WithoutComments(string text) =>
        string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith('#') && !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));

    // "manage.py check --deploy", "django-admin check --settings=x --deploy", "python -m django check --deploy".
    [GeneratedRegex(@"\bcheck\b[^\n;|&]*\s--deploy\b|\bdjango[-_]preflight\b", RegexOptions.NonBacktracking)]
    private static partial Regex DeployCheck();

    [GeneratedRegex(@"(?:\./)?[\w./-]+\.(?:sh|bash|py)\b", RegexOptions.NonBacktracking)]
    private static partial Regex ScriptPath();
}
