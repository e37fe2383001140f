using DjangoPreflight.Analysis.Git;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Secrets;

/// <summary>DP107: a .env-style secrets file is tracked by git, or .gitignore does not ignore it.</summary>
public sealed class EnvFileTracked : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP107",
        Title: "Secrets file tracked by git or not ignored",
        Category: Category.Secrets,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["000", "001", "003"],
        Docs: new RuleDocs(
            Why: """
                A .env file exists to keep secrets out of the code. Once it is committed, every clone,
                fork and CI log has the production SECRET_KEY and database password; and when
                .gitignore does not cover it, the next `git add .` commits it.
                """,
            Fix: """
                Add `.env` (and `.env.*`, keeping `!.env.example`) to .gitignore, untrack the file with
                `git rm --cached .env`, rotate every secret it held, and commit a `.env.example` with
                placeholder values instead.
                """,
            Before: """
                # .gitignore
                __pycache__/
                """,
            After: """
                # .gitignore
                __pycache__/
                .env
                .env.*
                !.env.example
                """));

    public override GitReads ReadsGit => GitReads.Files;

    public override IEnumerable<Finding> Check(ProjectContext project)
    {
        var git = project.Git;
        if (!git.IsRepository) yield break;
        var tracked = git.TrackedFiles;
        foreach (var path in tracked.Where(p => FileKinds.IsEnvFile(p) && !FileKinds.IsEnvExample(p)).Order(StringComparer.Ordinal))
        {
            var text = project.Files.ReadText(path);
            var secrets = text is null ? [] : SecretScanner.Scan(path, text);
            var context = text is null ? null : SecretContext.NonProductionReason(path, text);
            if (secrets.Count > 0 && context is not null)
                // A development stack's env file is committed on purpose; its values protect nothing deployed.
                yield return Finding(
                    $"{path} is tracked by git and holds {Count(secrets.Count)} ({string.Join(", ", secrets.Take(3).Select(s => s.Kind))}); it is {context}, not one production reads.",
                    new SourceLocation(path, secrets[0].Line), severity: Severity.Low);
            else if (secrets.Count > 0)
                yield return Finding(
                    $"{path} is tracked by git and holds {Count(secrets.Count)} ({string.Join(", ", secrets.Take(3).Select(s => s.Kind))}); untrack it and rotate them.",
                    new SourceLocation(path, secrets[0].Line));
            else
                // Nothing is exposed today (projects commit such files on purpose: compose's interpolation
                // defaults, ports, hosts); what remains is a habit risk, said at low.
                yield return Finding(
                    $"{path} is tracked by git; it holds no secret-looking value now, but anything added to it will be committed.",
                    new SourceLocation(path, 1), Confidence.Medium, severity: Severity.Low);
        }

        // Files that would be committed by the next `git add .`: every untracked env file present on
        // disk, and the conventional .env when the project shows it uses one (without that sign, nobody
        // is led to create one, and the warning would be about a file the project has no use for).
        var dotEnvUsed = project.Files.Exists(".env") || tracked.Contains(".env") ? null : project.Code.DotEnvUsed;
        var candidates = project.Files.All.Where(p => FileKinds.IsEnvFile(p) && !FileKinds.IsEnvExample(p) && !tracked.Contains(p))
            .Concat(dotEnvUsed is null ? [] : [".env"]).Distinct(StringComparer.Ordinal).ToList();
        var ignored = git.Ignored(candidates);
        foreach (var path in candidates.Where(p => !ignored.Contains(p)).Order(StringComparer.Ordinal))
        {
            if (project.Files.Exists(path))
                yield return Finding($"{path} is not ignored by .gitignore: the next `git add .` commits it.",
                    new SourceLocation(".gitignore"), severity: Severity.High);
            else
                yield return Finding(
                    $".gitignore does not ignore {path}, which the project uses ({dotEnvUsed}): a secrets file created there would be committed by the next `git add .`.",
                    new SourceLocation(".gitignore"), severity: Severity.Medium);
        }
    }

    private static string Count(int n) => n == 1 ? "1 secret" : $"{n} secrets";
}
