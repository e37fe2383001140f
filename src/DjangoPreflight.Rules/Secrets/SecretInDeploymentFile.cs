using DjangoPreflight.Analysis.Git;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Secrets;

/// <summary>DP109: plaintext secrets in tracked deployment files (compose, Dockerfile, Procfile, CI, PaaS manifests, README).</summary>
public sealed class SecretInDeploymentFile : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP109",
        Title: "Plaintext secret in a deployment file",
        Category: Category.Secrets,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                docker-compose files, Dockerfiles, Procfiles, CI pipelines and READMEs are committed
                and copied everywhere: a password or key written in them is readable by everyone with
                the repository, and a Dockerfile ENV or ARG value is also baked into every image layer.
                """,
            Fix: """
                Reference the secret instead of writing it: `${DB_PASSWORD}` with an untracked env
                file, Docker/compose secrets, your CI's secret store (`${{ secrets.X }}`), or the
                platform's config vars. Rotate the value that was committed.
                """,
            Before: """
                services:
                  web:
                    environment:
                      DATABASE_URL: postgres://shop:9fQ2-xL7zz@db/shop
                """,
            After: """
                services:
                  web:
                    environment:
                      DATABASE_URL: ${DATABASE_URL}
                """));

    public override GitReads ReadsGit => GitReads.Files;

    public override IEnumerable<Finding> Check(ProjectContext project)
    {
        var git = project.Git;
        // Without git every deployment file on disk counts: it is most likely committed somewhere.
        var files = git.IsRepository ? git.TrackedFiles.Where(project.Files.Exists) : project.Files.All;
        foreach (var path in files.Where(FileKinds.IsDeploymentFile).Order(StringComparer.Ordinal))
        {
            if (project.Files.ReadText(path) is not { } text) continue;
            // A README shows examples: a value there is less certainly a live secret.
            var confidence = FileKinds.IsReadme(path) ? Confidence.Medium : git.IsRepository ? Confidence.Certain : Confidence.High;
            foreach (var secret in SecretScanner.Scan(path, text))
            {
                var message = $"{secret.Kind} {secret.Redacted} is written in plain text in {path}{(git.IsRepository ? ", which git tracks" : "")}";
                if (secret.DefaultOf is { } variable)
                    message += $"; it is the default of ${{{variable}}}, so production runs with it whenever {variable} is unset";
                // Not a production secret: said at low, with the reason, so a build never fails on it;
                // an example that may be real (documentation) at medium.
                yield return secret.Published is { } published && secret.Context is null
                    ? Finding($"{message}; it is a default the project publishes ({published}), not a leaked secret: a deployment that keeps it runs with a password every reader knows, so set your own.",
                        new SourceLocation(path, secret.Line), confidence, severity: Severity.Low)
                    : secret.Context is { } context
                    ? Finding($"{message}; it is in {context}, not a file production reads.", new SourceLocation(path, secret.Line), confidence, severity: Severity.Low)
                    : secret.Doubt is { } doubt
                    ? Finding($"{message}; it is in {doubt}, but has the shape of a real credential: rotate it if it ever was one.",
                        new SourceLocation(path, secret.Line), Confidence.Medium, severity: Severity.Medium)
                    : Finding(message + ".", new SourceLocation(path, secret.Line), confidence) with { HoldsInAnyFile = SecretScanner.IsLiveWherever(secret.Kind) };
            }
        }
    }
}
